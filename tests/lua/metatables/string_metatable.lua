-- strings share a metatable whose __index is string
local mt = getmetatable("")
print(type(mt), mt.__index == string, ("abc"):upper(), ("%d-%s"):format(1, "x"))
local s = "hello"
print(s:len(), s:sub(2, 3), #s:rep(3, ","))
