-- lunar differential testing: a generator of random Lua 5.1 programs.
--
--   luajit tools/difftest/gen.lua SEED [BLOCKS] > prog.lua
--
-- Writes one self-contained program on stdout.  The same SEED always gives
-- the same program, whatever interpreter runs the generator (the PRNG uses
-- only exact double arithmetic).  The program is a sequence of BLOCKS
-- (default 12) independent blocks, each drawn from one category:
-- arithmetic and comparisons on mixed types, string functions and
-- patterns, tables and iteration, closures and upvalues, varargs, metatable
-- events, coroutines, and error handling.  Every operation that may fail
-- runs under pcall and the error message is printed, so the output (stdout
-- only) is a transcript that must be identical under lunar and under
-- `luajit -joff`.  Output never depends on addresses or hash order: values
-- are printed through P (strings quoted, tables/functions by type name)
-- and table keys are sorted before printing.

local seed = tonumber(arg and arg[1]) or 1
local NBLOCKS = tonumber(arg and arg[2]) or 12

-- ------------------------------------------------------------------ PRNG
-- Park-Miller minimal standard generator: exact in doubles.
local state = (seed * 7919 + 12345) % 2147483647
if state == 0 then state = 1 end
local function rnd(n)               -- integer in [1, n]
  state = (state * 16807) % 2147483647
  return state % n + 1
end
local function pick(t) return t[rnd(#t)] end
local function chance(p) return rnd(1000) <= p * 1000 end

local out = {}
local function emit(s) out[#out + 1] = s end
local blockno = 0

-- ------------------------------------------------------------ prelude
emit([[
local x, y, z = 3, -2.5, 7
local function show(v)
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" or t == "boolean" or t == "nil" then return tostring(v)
  else return t end
end
local function P(...)
  local n = select("#", ...)
  local o = {}
  for i = 1, n do o[i] = show((select(i, ...))) end
  print(table.concat(o, " "))
end
local function sortedkeys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return false
  end)
  return ks
end
local function dump(t)
  local o = {}
  for _, k in ipairs(sortedkeys(t)) do o[#o + 1] = show(k) .. "=" .. show(t[k]) end
  return "{" .. table.concat(o, ",") .. "}"
end
]])

-- ------------------------------------------------------------ values
local NUMS = { "0", "1", "-1", "2", "3", "7", "-7", "0.5", "-2.5", "10",
  "1e308", "-1e308", "2^53", "1/0", "-1/0", "0/0", "-0", "255", "65536",
  "3.14159", "1e-300", "0x10", "2^31", "-2^31", "4294967296", "123456789012" }
local STRS = { '""', '"abc"', '"10"', '" 0x1F "', '"1e2"', '"  7  "', '"x y"',
  '"-3.5"', '"nan"', '"inf"', '"\\0\\1"', '"10e"', '"0x"', '"1.5e+3"',
  '"Hello World"', '"a,b,,c"', '"%d"', '"\\255\\128"' }
local OTHERS = { "nil", "true", "false", "{}", "show", "{1,2,3}" }

local function anyval()
  local r = rnd(10)
  if r <= 5 then return pick(NUMS)
  elseif r <= 8 then return pick(STRS)
  else return pick(OTHERS) end
end

local function numexpr(d)
  if d <= 0 or chance(0.3) then
    if chance(0.4) then return pick({ "x", "y", "z" }) end
    return pick(NUMS)
  end
  local r = rnd(10)
  if r == 1 then return "(-" .. numexpr(d - 1) .. ")" end
  if r == 2 then return "math." .. pick({ "floor", "ceil", "abs", "sqrt" }) ..
    "(" .. numexpr(d - 1) .. ")" end
  if r == 3 then return "math.fmod(" .. numexpr(d - 1) .. ", " .. numexpr(d - 1) .. ")" end
  if r == 4 then return "math." .. pick({ "max", "min" }) .. "(" .. numexpr(d - 1) ..
    ", " .. numexpr(d - 1) .. ")" end
  local op = pick({ "+", "-", "*", "/", "%", "^", "+", "-", "*" })
  return "(" .. numexpr(d - 1) .. " " .. op .. " " .. numexpr(d - 1) .. ")"
end

-- ------------------------------------------------------------ blocks
local blocks = {}

-- Arithmetic, comparison, concatenation and logic on mixed types.
blocks.arith = function()
  local n = rnd(6) + 2
  for _ = 1, n do
    local a, b = anyval(), anyval()
    local op = pick({ "+", "-", "*", "/", "%", "^", "..", "<", "<=", ">",
      ">=", "==", "~=", "and", "or" })
    if chance(0.5) then
      emit(("do local a, b = %s, %s; P(pcall(function() return a %s b end)) end")
        :format(a, b, op))
    else
      emit(("P(pcall(function() return %s %s %s end))"):format(a, op, b))
    end
  end
  if chance(0.5) then
    local u = pick({ "-", "not ", "#" })
    emit(("do local v = %s; P(pcall(function() return %sv end)) end"):format(anyval(), u))
  end
  emit(("do local x, y, z = %s, %s, %s; P(%s) end")
    :format(pick(NUMS), pick(NUMS), pick(NUMS), numexpr(3)))
  emit(("P(%s, %s)"):format(numexpr(2), numexpr(3)))
  emit(("P(tostring(%s), tonumber(%s), tonumber(%s, %d))")
    :format(numexpr(2), pick(STRS), pick(STRS), pick({ 2, 8, 10, 16, 36 })))
end

-- String library and patterns.
local SUBJ = { '"hello world from lua"', '"key=value, k2=v2"', '"  trim me  "',
  '"aaa bbb ccc"', '"12 apples and 345 pears"', '"x"', '""', '"(nested (parens))"',
  '"a.b.c"', '"line1\\nline2\\nline3"', '"THE quick Brown fox"', '"%%d%%s"' }
local PATS = { '"%a+"', '"%d+"', '"(%w+)=(%w+)"', '"^%s*(.-)%s*$"', '"o"', '"l+"',
  '"%b()"', '"[aeiou]"', '"[^%s]+"', '"(a*)"', '"()"', '"%f[%w]%w+"', '"."',
  '"x*"', '"%."', '"(%d)(%d?)"', '"[%a-]"', '"%"', '"[a"', '"(()"', '"%g"',
  '"(.)%1"', '"^"', '"$"', '"%w-"', '"[]]"', '"[%]]"', '"(%s)"', '"%z"' }
blocks.strings = function()
  local n = rnd(6) + 2
  for _ = 1, n do
    local s, p = pick(SUBJ), pick(PATS)
    local r = rnd(9)
    if r == 1 then
      emit(("P(pcall(string.find, %s, %s, %d))"):format(s, p, rnd(7) - 3))
    elseif r == 2 then
      emit(("P(pcall(string.match, %s, %s))"):format(s, p))
    elseif r == 3 then
      emit(("P(pcall(string.gsub, %s, %s, %s))"):format(s, p,
        pick({ '"<%0>"', '"%1"', '"%%"', '""', '{hello="HI", a="A"}',
          'function(x) return x and #x > 2 and x:upper() end', '"%2"', '"%9"' })))
    elseif r == 4 then
      emit(("P(pcall(function() local o = {} for a, b in string.gmatch(%s, %s) do o[#o+1] = tostring(a) .. '|' .. tostring(b) end return table.concat(o, ';') end))")
        :format(s, p))
    elseif r == 5 then
      emit(("P(string.sub(%s, %d, %d), string.sub(%s, %d))")
        :format(s, rnd(9) - 4, rnd(12) - 5, s, rnd(20) - 10))
    elseif r == 6 then
      emit(("P(pcall(string.rep, %s, %d, %s))"):format(s, rnd(5) - 2,
        pick({ "nil", '","', '""' })))
    elseif r == 7 then
      emit(("P(string.byte(%s, %d, %d))"):format(s, rnd(6) - 2, rnd(8) - 2))
      emit(("P(pcall(string.char, %d, %d, %d))"):format(rnd(300) - 20, rnd(256) - 1, rnd(256) - 1))
    elseif r == 8 then
      emit(("P(string.upper(%s), string.lower(%s), string.reverse(%s), #%s)"):format(s, s, s, s))
    else
      local fmts = { '"%d"', '"%5.2f"', '"%x"', '"%X"', '"%o"', '"%e"', '"%g"',
        '"%q"', '"%s"', '"%-5s|"', '"%5s|"', '"%c"', '"%i"', '"%%"', '"%10.3s|"',
        '"%+d"', '"% d"', '"%#x"', '"%.0f"', '"%a"', '"%y"', '"%"', '"%05d"', '"%.20g"' }
      emit(("P(pcall(string.format, %s, %s))"):format(pick(fmts), anyval()))
    end
  end
end

-- Tables: constructors, length of sequences, table library, sorted iteration.
blocks.tables = function()
  local n = rnd(8)
  local items = {}
  for i = 1, n do items[i] = tostring(rnd(100) - 50) end
  emit(("do local t = {%s}"):format(table.concat(items, ", ")))
  emit("  P(#t, table.concat(t, ','))")
  for _ = 1, rnd(5) do
    local r = rnd(8)
    if r == 1 then emit(("  table.insert(t, %d)"):format(rnd(100)))
    elseif r == 2 then emit(("  P(pcall(table.insert, t, math.max(1, math.min(%d, #t + 1)), %d))"):format(rnd(#items + 3) - 1, rnd(9)))
    elseif r == 3 then emit("  P(table.remove(t))")
    elseif r == 4 then emit(("  P(table.remove(t, math.max(1, math.min(%d, #t))))"):format(rnd(#items + 1)))
    elseif r == 5 then emit("  table.sort(t)")
    elseif r == 6 then emit("  table.sort(t, function(a, b) return a > b end)")
    elseif r == 7 then emit(("  P(pcall(table.concat, t, %s, %d, %d))"):format(
      pick({ '"-"', '""', '", "' }), rnd(3), rnd(#items + 2) - 1))
    else emit("  P(pcall(unpack, t))") end
    emit("  P(#t, table.concat(t, ','))")
  end
  emit("end")
  -- Hash part, mixed keys, deletion during traversal.
  emit("do local h = {}")
  for _ = 1, rnd(10) do
    local k = pick({ '"a"', '"b"', '"key"', "1", "2", "3.5", "-1", "true", '"10"', "10" })
    emit(("  h[%s] = %s"):format(k, pick({ "1", '"v"', "false", "nil", "2.5" })))
  end
  emit("  print(dump(h))")
  emit("  for k in pairs(h) do if type(k) == 'number' then h[k] = nil end end")
  emit("  print(dump(h), next({}), rawlen and 0 or 0)")
  emit("  local c = 0; for i, v in ipairs({1, 2, nil, 4}) do c = c + i end; P(c)")
  emit(("  P(pcall(next, h, %s))"):format(pick({ '"nokey"', "99", "{}" })))
  emit("  P(pcall(function() local t = {} t[nil] = 1 end))")
  emit("  P(pcall(function() local t = {} t[0/0] = 1 end))")
  emit("  P(pcall(rawset, {}, nil, 1), select('#', rawget({}, 1)))")
  emit("end")
end

-- Closures and upvalues: shared, per-iteration, nested, recursive.
blocks.closures = function()
  local n = rnd(5) + 1
  emit("do local fs = {}")
  emit(("  for i = 1, %d do local j = i * 2; fs[i] = function(d) j = j + (d or 1); return i, j end end"):format(n))
  for _ = 1, rnd(6) do
    emit(("  P(fs[%d](%d))"):format(rnd(n), rnd(5)))
  end
  emit("  local a = 0")
  emit("  local function inc() a = a + 1 return a end")
  emit("  local function get() return a end")
  emit(("  for _ = 1, %d do inc() end P(get(), a)"):format(rnd(5)))
  emit("  local function mk(x) return function(y) return function(z) x = x + 1 return x + y + (z or 0) end end end")
  emit(("  local f = mk(%d)(%d) P(f(), f(%d), f())"):format(rnd(10), rnd(10), rnd(10)))
  emit(("  local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end P(fib(%d))")
    :format(rnd(15)))
  emit("  local w = 0; while w < 3 do local c = w; fs[#fs + 1] = function() return c end; w = w + 1 end")
  emit("  P(fs[#fs](), fs[#fs - 1](), fs[#fs - 2]())")
  emit("end")
end

-- Varargs, select, unpack.
blocks.varargs = function()
  emit("do local function va(...) return select('#', ...), ... end")
  local args = {}
  for i = 1, rnd(6) - 1 do args[i] = pick({ "nil", "1", '"s"', "false", "2.5" }) end
  local al = table.concat(args, ", ")
  emit(("  P(va(%s))"):format(al))
  emit(("  P(pcall(select, %d, %s))"):format(rnd(9) - 5, al ~= "" and al or "nil"))
  emit(("  P(pcall(select, '#', %s))"):format(al))
  emit(("  local function tail(...) return select(%d, ...) end"):format(rnd(4)))
  emit(("  P(pcall(tail, %s))"):format(al))
  emit("  local function pk(...) local t = {...} return select('#', ...), t[1], t[select('#', ...)] end")
  emit(("  P(pk(%s))"):format(al))
  emit(("  P(unpack({1, 2, 3, 4, 5}, %d, %d))"):format(rnd(6) - 1, rnd(7) - 1))
  emit(("  P(pcall(unpack, {}, %d, %d))"):format(rnd(5) - 2, rnd(5) - 2))
  emit("  local function adj(a, b, ...) return a, b, select('#', ...) end")
  emit(("  P(adj(%s))"):format(al))
  emit(("  P((va(%s)))"):format(al))
  emit(("  P({va(%s)} ~= nil, #{va(1, 2, 3)})"):format(al))
  emit("  P(pcall(select, 'x'))")
  emit("end")
end

-- Metatables: every event, with a random subset of handlers defined.
local EVENTS = {
  { "__add", "a + 1" }, { "__sub", "1 - a" }, { "__mul", "a * b" },
  { "__div", "a / 2" }, { "__mod", "a % 3" }, { "__pow", "2 ^ a" },
  { "__unm", "-a" }, { "__concat", 'a .. "s"' }, { "__concat", '"s" .. a .. b' },
  { "__len", "#a" }, { "__eq", "a == b" }, { "__eq", "a ~= b" },
  { "__lt", "a < b" }, { "__le", "a <= b" }, { "__lt", "a > b" }, { "__le", "a >= b" },
  { "__index", "a.missing" }, { "__index", "a[1]" }, { "__newindex", "(function() a.newkey = 5 return rawget(a, 'newkey') end)()" },
  { "__call", "a(1, 2)" }, { "__tostring", "tostring(a)" },
  { "__metatable", "getmetatable(a)" }, { "__metatable", "setmetatable(a, {})" },
}
blocks.meta = function()
  emit("do local log = {}")
  emit("  local mt = {}")
  local defined = {}
  for _, ev in ipairs(EVENTS) do
    local name = ev[1]
    if not defined[name] and chance(0.6) then
      defined[name] = true
      if name == "__index" and chance(0.4) then
        emit('  mt.__index = {missing = "fromtable", [1] = "one"}')
      elseif name == "__newindex" and chance(0.4) then
        emit("  local store = {}; mt.__newindex = store")
      elseif name == "__metatable" then
        emit('  mt.__metatable = "locked"')
      elseif name == "__tostring" then
        emit(('  mt.__tostring = function(o) return %s end'):format(
          pick({ '"OBJ"', "42", "nil", "{}" })))
      elseif name == "__eq" or name == "__lt" or name == "__le" then
        emit(("  mt.%s = function(x, y) log[#log + 1] = %q return %s end")
          :format(name, name, pick({ "true", "false", "nil", "1" })))
      elseif name == "__call" then
        emit("  mt.__call = function(self, ...) return 'called', select('#', ...), ... end")
      else
        emit(("  mt.%s = function(x, y) log[#log + 1] = %q return %s end")
          :format(name, name, pick({ "7", '"r"', "nil", "x == y", "{}" })))
      end
    end
  end
  emit("  local a = setmetatable({}, mt)")
  emit(("  local b = %s"):format(pick({ "setmetatable({}, mt)", "{}", "3", '"str"', "a" })))
  local n = rnd(8) + 3
  for _ = 1, n do
    local ev = pick(EVENTS)
    emit(("  P(pcall(function() return %s end))"):format(ev[2]))
  end
  emit("  P(table.concat(log, ','))")
  emit("  P(rawequal(a, b), rawget(a, 'missing'), type(getmetatable('x')))")
  emit("end")
end

-- Coroutines: yields in both directions, wrap, errors, status, dead resume.
blocks.coroutines = function()
  local n = rnd(4)
  emit("do")
  emit("  local co = coroutine.create(function(a, b)")
  emit("    P('start', a, b)")
  for i = 1, n do
    if chance(0.2) then
      emit(("    local ok, v = pcall(coroutine.yield, %d) P('in pcall', ok, v)"):format(i))
    else
      emit(("    local r%d = {coroutine.yield(%d, a)} P('got', unpack(r%d))"):format(i, i, i))
    end
  end
  if chance(0.3) then emit(('    error(%s)'):format(pick({ '"boom"', "{}", "42", "nil" }))) end
  emit("    return 'done', select('#', coroutine.yield())")
  emit("  end)")
  emit("  P(coroutine.status(co))")
  for i = 1, n + 3 do
    emit(("  P(coroutine.resume(co, %d, %s))"):format(i, pick({ "nil", '"x"', "true" })))
    emit("  P(coroutine.status(co))")
  end
  emit("  local gen = coroutine.wrap(function(m) for i = 1, m do coroutine.yield(i * i) end return 'end' end)")
  emit(("  P(pcall(gen, %d)) P(pcall(gen)) P(pcall(gen))"):format(rnd(3)))
  emit("  P(pcall(gen)) P(pcall(gen))")
  emit("  P(coroutine.running())")
  emit("  P(pcall(coroutine.yield, 1))")
  emit("  P(pcall(coroutine.resume, 'x'))")
  emit("  local w = coroutine.wrap(function() error('inner') end) P(pcall(w))")
  emit("  local w2 = coroutine.wrap(function() error({code = 1}) end) P(pcall(w2))")
  emit("  local self; self = coroutine.create(function() return coroutine.resume(self) end) P(coroutine.resume(self))")
  emit("  P(select('#', coroutine.resume(coroutine.create(function() end))))")
  emit("  P(coroutine.resume(coroutine.create(function(...) return select('#', ...), ... end), nil, nil))")
  emit("end")
end

-- error/pcall/xpcall with every kind of error value and level.
blocks.errors = function()
  emit("do")
  for _ = 1, rnd(5) + 2 do
    local v = pick({ '"msg"', "42", "nil", "true", "{}", '"x" .. 1', "1.5", "show" })
    local lvl = pick({ "", ", 0", ", 1", ", 2", ", 3" })
    local r = rnd(6)
    if r == 1 then
      emit(("  P(pcall(error, %s%s))"):format(v, lvl))
    elseif r == 2 then
      emit(("  P(pcall(function() error(%s%s) end))"):format(v, lvl))
    elseif r == 3 then
      emit(("  P(xpcall(function() error(%s%s) end, function(m) return 'handled: ' .. tostring(type(m) == 'table' and 'tbl' or m) end))")
        :format(v, lvl))
    elseif r == 4 then
      emit(("  P(xpcall(function() local x = nil; return x.field end, function(m) return m end))"))
    elseif r == 5 then
      emit(("  P(pcall(pcall, error, %s))"):format(v))
    else
      emit(("  P(select('#', pcall(error)), pcall(function() local t = setmetatable({}, {__index = function(t, k) error('idx ' .. k, 2) end}) return t.foo end))"))
    end
  end
  emit("  P(pcall(function() local a; a() end))")
  emit("  P(pcall(function() local t = {} t.x.y = 1 end))")
  emit("  P(pcall(function() return undefinedglobal.x end))")
  emit("  P(pcall(function() undefinedfn() end))")
  emit("  P(pcall(function() local s = 'x' return s:nomethod() end))")
  emit("  P(pcall(function() return #nil end))")
  emit("  P(pcall(function() return ('x')() end))")
  emit("  P(pcall(string.rep))")
  emit("  P(pcall(setmetatable, 1, {}))")
  emit("  P(pcall(xpcall))")
  emit("  P(xpcall(function() error('a') end, function(m) error('b') end))")
  emit("  P(pcall(error, setmetatable({}, {__tostring = function() return 'TS' end})))")
  emit("  P(pcall(assert, false)) P(pcall(assert, nil, 'amsg')) P(pcall(assert, 1, 2, 3))")
  emit("  P(pcall(loadstring, 'x = = 1')) P(loadstring('return 1 +'))")
  emit("  P(loadstring('x = \"unfinished')) P(loadstring('for i = 1 do end'))")
  emit("  P(loadstring('goto nowhere')) P(loadstring('local x <const> = 1'))")
  emit("  P(pcall(tostring)) P(pcall(tonumber)) P(pcall(tonumber, '10', 99))")
  emit("  P(pcall(ipairs)) P(pcall(setfenv, 1, 2)) P(pcall(string.sub))")
  emit("end")
end

-- Control flow: numeric for with odd steps, goto, break, nested loops.
blocks.control = function()
  local a, b, c = pick(NUMS), pick(NUMS), pick({ "1", "-1", "0.5", "2", "-3", "0.25" })
  emit(("do local n = 0; for i = %s, %s, %s do n = n + 1; if n > 20 then break end end P(n) end"):format(a, b, c))
  emit(("P(pcall(function() for i = %s, 2 do end end))"):format(pick({ '"1"', '"x"', "nil", "{}", "1" })))
  emit("do local i = 1 ::top:: i = i + 1 if i < 5 then goto top end P(i) end")
  emit(("do local s = 0; local k = 0; repeat local j = k; k = k + 1; s = s + j until j >= %d; P(s) end"):format(rnd(10)))
  emit("do local r = {} for i = 1, 3 do for j = 1, 3 do if j == i then break end r[#r+1] = i .. j end end P(table.concat(r, ' ')) end")
  emit(("do local x = %s; local y = x and %s or %s; P(y, not x, x == nil) end"):format(anyval(), anyval(), anyval()))
end


-- Number formatting, coercion and the math library.
local NUMLITS = { "0.1", "1e15", "1e16", "1e100", "-1e-5", "2^63", "2^53 + 1", "1/3",
  "-0.0", "123456.789", "1e-310", "0x7fffffff", "0xffffffff", "-2^31 - 1", "5.5",
  "-5.5", "1e300 * 1e10", "3", "-3", "0.5", "100", "2^-1074", "1.7976931348623157e308" }
blocks.numbers = function()
  for _ = 1, rnd(6) + 2 do
    local a, b = pick(NUMLITS), pick(NUMLITS)
    local r = rnd(8)
    if r == 1 then
      emit(("P(%s, %s .. '', tostring(%s))"):format(a, b, a))
    elseif r == 2 then
      emit(("P(%s %% %s, math.fmod(%s, %s), %s / %s)"):format(a, b, a, b, a, b))
    elseif r == 3 then
      emit(("P(math.floor(%s), math.ceil(%s), math.modf(%s))"):format(a, a, b))
    elseif r == 4 then
      emit(("P(math.frexp(%s)) P(math.ldexp(%s, %d))"):format(a, b, rnd(40) - 20))
    elseif r == 5 then
      emit(("P(pcall(string.format, %s, %s))"):format(pick({ '"%d"', '"%.3f"', '"%g"',
        '"%.14g"', '"%x"', '"%5.1e"', '"%i"', '"%o"', '"%c"', '"%u"', '"%.0f"', '"%10.4g"' }), a))
    elseif r == 6 then
      emit(("P(pcall(function() return %s + %s, %s * 2, %s < %s end))"):format(
        pick(STRS), a, pick(STRS), pick(STRS), pick(STRS)))
    elseif r == 7 then
      emit(("P(math.abs(%s), math.sqrt(math.abs(%s)), math.exp(%d), math.log(%s), math.log10(%s))")
        :format(a, b, rnd(20) - 10, a, b))
    else
      emit(("P(%s == %s, %s < %s, %s <= %s, -%s, %s ^ 0.5)"):format(a, b, a, b, b, a, a, b))
    end
  end
  emit(("do local c = 0 for i = %s, %s, %s do c = c + 1 if c > 50 then break end end P(c) end")
    :format(pick({ "1", "0.1", "-1" }), pick({ "2", "1", "-2", "10" }), pick({ "0.1", "0.3", "-0.25", "1" })))
  emit(("P(pcall(function() for i = %s, 2 do end end))"):format(pick({ '"1"', "'x'", "{}" })))
  emit(("P(string.format('%%5.2f|%%-8d|%%+.3e', %s, %s, %s))"):format(pick(NUMLITS), pick({ "3", "-42", "7" }), pick(NUMLITS)))
end

-- bit library on random operands.
local BITV = { "0", "1", "-1", "0x7fffffff", "0x80000000", "0xffffffff", "2^32", "2^32 + 5",
  "-2^31", "12345.678", "-0.5", "255", "0xdeadbeef", "2^52", "1e10", "-7" }
blocks.bitops = function()
  for _ = 1, rnd(8) + 2 do
    local f = pick({ "band", "bor", "bxor", "lshift", "rshift", "arshift", "rol", "ror" })
    local a, b = pick(BITV), pick({ "0", "1", "4", "31", "32", "33", "-1", "7", "16" })
    if f:sub(1, 1) == "b" then b = pick(BITV) end
    emit(("P(bit.%s(%s, %s), bit.tobit(%s), bit.bnot(%s), bit.tohex(%s), bit.tohex(%s, %d))")
      :format(f, a, b, a, b, a, a, rnd(17) - 9))
  end
  emit("P(bit.bswap(0x12345678), bit.band(1, 3, 7, 15), bit.bor(5), pcall(bit.band, 'x'))")
  emit("P(pcall(bit.tohex, {}), bit.tohex(-1, -8), bit.lshift(1, 40))")
end

-- Assignment order, table keys normalisation, string edge cases.
blocks.assign = function()
  emit("do local a, b, c = 1, 2 P(a, b, c) a, b = b, a P(a, b)")
  emit("  local t = {} local i = 1 i, t[i] = i + 1, 20 P(i, t[1], t[2])")
  emit("  t[1.0] = 'one' t[2^53] = 'big' t[-0] = 'zero' P(t[1], t[2^53], t[0], #t)")
  emit("  local function mr() return 1, 2, 3 end")
  emit("  local u = {mr(), mr()} P(#u, u[4]) local v = {mr(), (mr())} P(#v) local w = {mr(), nil} P(#w)")
  emit(("  local s = %s P(#s, s:len(), s:byte(-1), s:rep(2, '|'), s:sub(-3), s == s .. '', s < 'b')")
    :format(pick(STRS)))
  emit("  P(('x'):rep(3), ('%d'):format(5), #'\\0\\0', '\\0a' < '\\0b', 'a\\0b' == 'a\\0c')")
  emit(("  P(string.format('%%q', %s))"):format(pick(STRS)))
  emit("end")
end

-- Syntax: random token soups through loadstring; the error messages (with
-- their "near" token) must match.
local TOKENS = { "local", "x", "=", "1", "function", "(", ")", "end", "if", "then",
  "else", "elseif", "while", "do", "for", "in", ",", "return", "break", "{", "}",
  "[", "]", ".", "..", "...", ":", ";", "+", "-", "*", "/", "%", "^", "#", "==",
  "~=", "<=", ">=", "<", ">", "and", "or", "not", "nil", "true", "false", "'s'",
  "[[long]]", "0x1F", "1e5", "goto", "::lbl::", "repeat", "until", "y", "f", "3.5",
  "\"unterminated", "[==[", "--[[c]]", "0x", "1e", "@", "$", "!", "\\", "~", "&",
  "9999999999999999999", "'\\q'", "'\\300'", "<<", "//" }
blocks.syntax = function()
  for _ = 1, rnd(8) + 3 do
    local n = rnd(8)
    local t = {}
    for i = 1, n do t[i] = pick(TOKENS) end
    local src = table.concat(t, " ")
    emit(("P(loadstring(%q, '=soup'))"):format(src))
  end
  emit(("P(loadstring(%q, '=soup'))"):format("x = " .. pick(TOKENS) .. "\n" .. pick(TOKENS) .. " y"))
end

local NAMES = { "syntax", "syntax", "numbers", "bitops", "assign", "arith", "strings", "tables", "closures", "varargs", "meta",
  "coroutines", "errors", "control", "arith", "strings", "meta" }

for i = 1, NBLOCKS do
  local name = pick(NAMES)
  blockno = i
  emit(("print('-- block %d: %s')"):format(i, name))
  blocks[name]()
end
emit("print('-- end')")
io.write(table.concat(out, "\n"), "\n")
