-- infinite non-tail recursion gives a stack overflow error
local function r() return 1 + r() end
local ok, e = pcall(r)
print(ok, e)
