-- function environments
local function f() return x_in_env end
local env = {x_in_env = "from env", getfenv = getfenv}
setfenv(f, env)
print(f(), getfenv(f) == env, getfenv(print) == _G, getfenv(0) == _G)
local function g() return getfenv(1) end
print(g() == _G)
setfenv(g, env)
print(g() == env)
local function lvl() setfenv(2, {print = print, tag = "changed"}) end
local function caller() lvl(); return tag end
print(caller())
print(pcall(setfenv, print, {}))
print(pcall(setfenv, 100, {}))
print(pcall(getfenv, -1))
