-- The debug library and the debug info behind it (owner: src/lib/debug.c,
-- src/vm/debug.c). Assert-style; every expectation checked with luajit -joff.

local function eq(got, want, what)
  if got ~= want then
    error(string.format("%s: got %q, want %q", what or "?", tostring(got), tostring(want)), 2)
  end
end

-- getinfo: fields for a Lua function, a C function and levels.
local function f(a, b, ...)
  local i = debug.getinfo(1, "nSlu")
  return i
end
local i = f()
eq(i.what, "Lua", "what")
eq(i.source, "@debug.lua", "source")
eq(i.short_src, "debug.lua", "short_src")
eq(i.linedefined, 11, "linedefined")
eq(i.lastlinedefined, 14, "lastlinedefined")
eq(i.currentline, 12, "currentline")
eq(i.nups, 0, "nups")
eq(i.nparams, 2, "nparams")
eq(i.isvararg, true, "isvararg")
eq(i.name, "f", "name")
eq(i.namewhat, "local", "namewhat")
local t = {m = f}
eq(t.m().namewhat, "field", "field call")
eq(t:m().namewhat, "method", "method call")
G_f = f
eq(G_f().namewhat, "global", "global call")
eq(debug.getinfo(print).what, "C", "C what")
eq(debug.getinfo(print).short_src, "[C]", "C short_src")
eq(debug.getinfo(print).currentline, -1, "C currentline")
eq(debug.getinfo(1).what, "main", "main chunk")
eq(debug.getinfo(0, "n").name, "getinfo", "level 0")
eq(debug.getinfo(100), nil, "level out of range")
eq(debug.getinfo(f, "f").func, f, "func")
eq(select(2, pcall(debug.getinfo, 1, "X")), "bad argument #2 to '?' (invalid option)")
eq(select(2, pcall(debug.getinfo, {})), "bad argument #1 to '?' (function or level expected)")
local lines = debug.getinfo(f, "L").activelines
eq(lines[12], true, "activelines 12") eq(lines[13], true, "activelines 13")
eq(lines[11], nil, "activelines 11")

-- getlocal/setlocal: named locals, temporaries, varargs.
local function locals(p, ...)
  local x = 10
  local n1, v1 = debug.getlocal(1, 1)
  local n2, v2 = debug.getlocal(1, 2)
  local nv, vv = debug.getlocal(1, -1)
  local nn = debug.getlocal(1, -3)
  eq(debug.setlocal(1, 2, 11), "x", "setlocal")
  return n1, v1, n2, v2, nv, vv, nn, x
end
local n1, v1, n2, v2, nv, vv, nn, x = locals("P", "V1", "V2")
eq(n1, "p") eq(v1, "P") eq(n2, "x") eq(v2, 10) eq(nv, "(*vararg)") eq(vv, "V1")
eq(nn, nil, "no third vararg") eq(x, 11, "setlocal value")
eq(debug.getlocal(locals, 1), "p", "parameter name")
eq(debug.getlocal(locals, 2), nil, "only parameters")
local function forl() for k = 1, 1 do local n = debug.getlocal(1, 1) return n end end eq(forl(), "(for index)")
eq(select(2, pcall(debug.getlocal, 50, 1)), "bad argument #1 to '?' (level out of range)")

-- Upvalues.
local u1, u2 = 1, 2
local function g() return u1 + u2 end
eq(debug.getupvalue(g, 1), "u1") eq(select(2, debug.getupvalue(g, 2)), 2)
eq(debug.getupvalue(g, 3), nil)
eq(debug.setupvalue(g, 2, 40), "u2") eq(g(), 41, "setupvalue")
local function h() return u1 end
eq(debug.upvalueid(g, 1), debug.upvalueid(h, 1), "shared upvalue id")
assert(debug.upvalueid(g, 1) ~= debug.upvalueid(g, 2))
local c1, c2 = 100, 200
local function k1() return c1 end
local function k2() return c2 end
debug.upvaluejoin(k1, 1, k2, 1)
eq(k1(), 200, "upvaluejoin")
eq(select(2, pcall(debug.upvaluejoin, print, 1, k2, 1)), "bad argument #1 to '?' (Lua function expected)")
eq(select(2, pcall(debug.upvalueid, g, 5)), "bad argument #2 to '?' (index out of range)")

-- Metatables and environments.
local obj = {}
eq(debug.setmetatable(obj, {__index = {z = 1}}), true) eq(obj.z, 1)
eq(debug.getmetatable(setmetatable({}, {__metatable = "locked"})).__metatable, "locked")
eq(debug.getmetatable("").__index, string, "string metatable")
eq(debug.getfenv(print), _G)
eq(type(debug.getregistry()), "table")
eq(select(2, pcall(debug.setfenv, 1, {})), "'setfenv' cannot change environment of given object")

-- Tracebacks.
local function tb() local s = debug.traceback("msg", 1) return s end
local function caller() local s = tb() return s end
local tbs = caller():gsub("0x%x+", "ADDR")
eq(tbs, "msg\nstack traceback:\n\tdebug.lua:90: in function 'tb'\n\tdebug.lua:91: in function 'caller'\n\tdebug.lua:92: in main chunk\n\t[C]: at ADDR", "traceback")
eq(debug.traceback(42, 0):sub(1, 3), "42\n")
local o = {}
eq(debug.traceback(o), o, "non-string message")
eq(debug.traceback(nil), nil, "nil message")
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
eq(debug.traceback(co), "stack traceback:\n\t[C]: in function 'yield'\n\tdebug.lua:98: in function <debug.lua:98>")
local function rec(n) if n == 0 then return debug.traceback() end return (rec(n - 1)) end
local lines = 0
for _ in rec(40):gmatch("\n") do lines = lines + 1 end
eq(lines, 22, "deep traceback is cut")
assert(rec(40):find("\n\t...\n", 1, true))

-- Error messages naming the culprit.
local function msg(fn) local ok, e = pcall(fn) return e end
local function here() return "debug.lua:" .. debug.getinfo(2, "l").currentline end
local up
eq(msg(function() local t; return t.x end), here() .. ": attempt to index local 't' (a nil value)")
eq(msg(function() return undefined_global.x end), here() .. ": attempt to index global 'undefined_global' (a nil value)")
eq(msg(function() local t = {} return t.a.b end), here() .. ": attempt to index field 'a' (a nil value)")
eq(msg(function() return up.x end), here() .. ": attempt to index upvalue 'up' (a nil value)")
eq(msg(function() local t = {} t:nomethod() end), here() .. ": attempt to call method 'nomethod' (a nil value)")
eq(msg(function() local t = {} t[1]() end), here() .. ": attempt to call a nil value")
eq(msg(function() return 1 + {} end), here() .. ": attempt to perform arithmetic on a table value")
eq(msg(function() return "x" .. up end), here() .. ": attempt to concatenate upvalue 'up' (a nil value)")
eq(msg(function() return 1 < "2" end), here() .. ": attempt to compare number with string")
eq(msg(function() return {} < {} end), here() .. ": attempt to compare two table values")
eq(msg(function() return #up end), here() .. ": attempt to get length of upvalue 'up' (a nil value)")
eq(msg(function() local s = string.rep() end), here() .. ": bad argument #1 to 'rep' (string expected, got no value)")
eq(msg(function() local s = ("x"):rep({}) end), here() .. ": bad argument #1 to 'rep' (number expected, got table)")
eq(msg(function() local s = {f = string.upper} s:f() end), here() .. ": calling 'f' on bad self (string expected, got table)")
eq(msg(function() local t = setmetatable({}, {__index = string.rep}) return t.x end), here() .. ": bad argument #1 to '__index' (string expected, got table)")
eq(select(2, pcall(string.rep)), "bad argument #1 to '?' (string expected, got no value)")
eq(select(2, loadstring("x = = 1")), [[[string "x = = 1"]:1: unexpected symbol near '=']])
eq(select(2, loadstring("x = = 1", "=name")), "name:1: unexpected symbol near '='")
eq(select(2, loadstring("x = = 1", "@" .. string.rep("d", 70))), "..." .. string.rep("d", 56) .. ":1: unexpected symbol near '='")
eq(select(2, loadstring(string.rep("x", 49) .. " = = 1")), '[string "' .. string.rep("x", 45) .. '..."]:1: unexpected symbol near \'=\'')

print("OK")
