-- error objects of any type pass through unchanged
local t = {code = 42}
local ok, e = pcall(error, t)
print(ok, e == t, e.code)
print(pcall(error, 42))
print(pcall(error, nil))
print(pcall(error, true))
print(pcall(error))
print(select('#', pcall(error)))
