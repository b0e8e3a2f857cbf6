-- deep pcall chains
local function nest(n) return pcall(nest, n + 1) end
local ok, e = nest(1)
print(ok, e)
