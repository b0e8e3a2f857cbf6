-- jit.util cases (see _harness.lua): each chunk's results (or error
-- message) are compared with luajit -joff. Addresses (funcinfo's addr and
-- proto, tostring of protos and tables) are never returned, only their
-- types. FI(t) lists a funcinfo table without them.
local C = {}
-- The shared prelude of every case is the global JU(), which returns the
-- module, FI, N (the count of its arguments, then them) and a test
-- function f compiled from a fixed source (chunk name "=case").
function JU()
  local ju = require("jit.util")
  local function FI(t)
    local r = {}
    for k, v in pairs(t) do
      if k ~= "addr" and k ~= "proto" then r[#r + 1] = k .. "=" .. tostring(v)
      else r[#r + 1] = k .. ":" .. type(v) end
    end
    table.sort(r)
    return table.concat(r, " ")
  end
  local function N(...) return select("#", ...), ... end
  local f = loadstring("local f = function(a, b, ...)\n"
    .. "  local x = a + 1.5\n"
    .. "  local s = 'str' .. b\n"
    .. "  local g = function() return x, s end\n"
    .. "  for i = 1, 3 do x = x + i end\n"
    .. "  return {x = 1}, g, 2^40, -3\n"
    .. "end\nreturn f", "=case")()
  return ju, FI, N, f
end
local P = "local ju, FI, N, f = JU() "
local function add(s) C[#C + 1] = P .. s end

-- The module itself.
add("local k = {} for n, v in pairs(ju) do k[#k+1] = n .. ':' .. type(v) end table.sort(k) return table.concat(k, ' ')")
add("return jit.util, package.loaded['jit.util'] == ju, require('jit.util') == ju")
add("return type(package.preload['jit.util'])")

-- funcinfo of Lua functions, at several positions.
for _, pc in ipairs{ "", ", 0", ", 1", ", 3", ", 5", ", 11", ", 12", ", 13", ", 14", ", 100", ", -1", ", nil", ", '2'", ", 2.7" } do
  add("return FI(ju.funcinfo(f" .. pc .. "))")
end
add("return FI(ju.funcinfo(function() end))")
add("return FI(ju.funcinfo(function(...) return ... end))")
add("local u = 1 return FI(ju.funcinfo(function(a, b, c) u = a end, 1))")
add("return FI(ju.funcinfo(loadstring('return 1')))")
add("return FI(ju.funcinfo(loadstring('\\n\\nlocal a = 1\\nreturn a', '=name'), 2))")
add("return FI(ju.funcinfo(loadstring('return 1', '@dir/sub/file.lua')))")
add("return FI(ju.funcinfo(loadstring('return 1', 'short text')))")
add("return ju.funcinfo(loadstring('return 1', string.rep('x', 40))).loc")
add("return ju.funcinfo(loadstring('return 1', string.rep('x', 41))).loc:match('^0x%x+:0$') ~= nil")
add("return FI(ju.funcinfo(loadstring(string.dump(f, true))))")
add("return FI(ju.funcinfo(loadstring(string.dump(f, true)), 3))")
add("return type(ju.funcinfo(f).proto), ju.funcinfo(f).proto == ju.funcinfo(f).proto")

-- funcinfo of C functions and fast functions.
add("return FI(ju.funcinfo(string.format))")
add("return FI(ju.funcinfo(string.format, 'ignored'))")
add("return ju.funcinfo(print).ffid, ju.funcinfo(math.floor).ffid, ju.funcinfo(io.write).ffid, ju.funcinfo(ju.funcinfo).ffid")
add("return ju.funcinfo(coroutine.wrap(function() end)).ffid, ju.funcinfo(coroutine.wrap(function() end)).upvalues")
add("return type(ju.funcinfo(print).addr), ju.funcinfo(print).addr ~= ju.funcinfo(type).addr")

-- funcbc: every instruction, and past either end.
add("local r = {} for pc = 0, 11 do local i, m = ju.funcbc(f, pc) r[#r+1] = i .. '/' .. m end return table.concat(r, ' ')")
add("return N(ju.funcbc(f, 12))")
add("return N(ju.funcbc(f, -1))")
add("return N(ju.funcbc(f, 1e10))")
add("return N(ju.funcbc(f, 2^32 + 1))")
add("return ju.funcbc(f, '1')")
add("return ju.funcbc(f, 1.9)")
add("local r = {} local g = function(a) local t = {} t.x = a t[1] = #t return t.x == a or a < 2, -a, not a end for pc = 0, 20 do local i, m = ju.funcbc(g, pc) if not i then break end r[#r+1] = i .. '/' .. m end return table.concat(r, ' ')")
add("local r = {} local g = function(t) for k, v in pairs(t) do t[k] = v .. k end while t do t = t.n end repeat until true return select('#', t) end for pc = 0, 40 do local i, m = ju.funcbc(g, pc) if not i then break end r[#r+1] = i .. '/' .. m end return table.concat(r, ' ')")

-- funck: numeric constants, GC constants, out of range.
add("return ju.funck(f, 0), ju.funck(f, 1)")
add("return N(ju.funck(f, 2))")
add("return ju.funck(f, -1), type(ju.funck(f, -2)), type(ju.funck(f, -3))")
add("return N(ju.funck(f, -5))")
add("return N(ju.funck(f, -1e10))")
add("local t = ju.funck(f, -3) return t.x, next(t)")
add("local p = ju.funck(f, -2) return FI(ju.funcinfo(p))")
add("local p = ju.funck(f, -2) return ju.funcbc(p, 1), ju.funcuvname(p, 0), ju.funcuvname(p, 1), ju.funck(p, 0)")
add("local p = ju.funck(f, -2) return p == ju.funck(f, -2), tostring(p):match('^proto: 0x%x+$') ~= nil")
add("local p = ju.funck(f, -2) local t = {} t[p] = 1 return t[p], rawequal(p, p)")
add("local p = ju.funck(f, -2) return p.x")
add("local p = ju.funck(f, -2) return p()")
add("local p = ju.funck(f, -2) return #p")
add("local p = ju.funck(f, -2) return p + 1")
add("local p = ju.funck(f, -2) return jit.on(p), jit.off(p, true), jit.flush(p), type(p)")
add("local p = ju.funck(f, -2) local t = setmetatable({}, { __mode = 'k' }) t[p] = 1 collectgarbage() return t[p], string.format('%s', p):match('^proto: ') ~= nil")
add("local p = ju.funck(f, -2) return getmetatable(p), pcall(string.dump, p)")
add("local r = {} local g = loadstring('return 1.5, 2^53, 1/0, 3, 70000, 2^31, -70000, 0.1') for i = 0, 9 do r[#r+1] = tostring(ju.funck(g, i)) end return table.concat(r, ' ')")
add("local r = {} local g = loadstring('local a, b = \"x\", \"y\" return {1, 2}, {a = 1}, function() end, a .. b .. \"z\"') for i = -1, -9, -1 do local c = ju.funck(g, i) r[#r+1] = type(c) == 'string' and c or type(c) end return table.concat(r, ' ')")

-- funcuvname.
add("local a, b = 1, 2 local g = function() return a + b end return ju.funcuvname(g, 0), ju.funcuvname(g, 1), N(ju.funcuvname(g, 2))")
add("return N(ju.funcuvname(f, -1))")
add("return N(ju.funcuvname(loadstring(string.dump(function() local x return function() return x end end, true))(), 0))")

-- The trace functions: no trace, nothing returned.
add("return N(ju.traceinfo(1))")
add("return N(ju.traceinfo(0))")
add("return N(ju.traceir(1, 1))")
add("return N(ju.tracek(1, 1))")
add("return N(ju.tracesnap(1, 0))")
add("return N(ju.tracemc(1))")
add("return N(ju.traceexitstub(-1))")
add("return N(ju.ircalladdr(100000))")
add("return N(ju.ircalladdr(-1))")

-- Bad arguments.
for _, s in ipairs{
  "ju.funcinfo()", "ju.funcinfo(1)", "ju.funcinfo('x')", "ju.funcinfo({})",
  "ju.funcinfo(f, 'z')", "ju.funcinfo(f, {})",
  "ju.funcbc(print, 0)", "ju.funcbc(f)", "ju.funcbc(f, 'a')", "ju.funcbc()",
  "ju.funck(print, 0)", "ju.funck(f)", "ju.funck(nil, 0)",
  "ju.funcuvname(print, 0)", "ju.funcuvname(f)", "ju.funcuvname(coroutine.create(f), 0)",
  "ju.traceinfo()", "ju.traceinfo('x')", "ju.traceir(1)", "ju.traceir()",
  "ju.tracek(1)", "ju.tracek(1, 'x')", "ju.tracesnap(1)", "ju.tracemc()",
  "ju.tracemc({})", "ju.traceexitstub()", "ju.ircalladdr()",
} do
  add("local ok, e = pcall(function() return " .. s .. " end) return ok, e")
end

return C
