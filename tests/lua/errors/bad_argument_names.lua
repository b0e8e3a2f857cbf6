-- library errors name the called function when it is not a tail call
local function a() local r = string.rep("x", "y"); return r end
print(pcall(a))
local function b() local r = setmetatable(1, {}); return r end
print(pcall(b))
local t = {}
local function c() local r = t.x.y; return r end
print(pcall(c))
local function d() local s = ("x"):rep(); return s end
print(pcall(d))
local function e() local v = tonumber("1", 99); return v end
print(pcall(e))
local function f() local v = ipairs(); return v end
print(pcall(f))
local function g() local v = string.sub(); return v end
print(pcall(g))
local function h() local v = coroutine.resume(nil); return v end
print(pcall(h))
