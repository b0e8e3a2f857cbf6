-- a function environment with an __index fallback
local env = setmetatable({}, {__index = _G})
local f = loadstring("x_local_env = 5; return x_local_env, type(print)")
setfenv(f, env)
print(f())
print(rawget(env, "x_local_env"), x_local_env)
