-- keys near 2^31, 2^32, negative and fractional
local t = {}
local keys = {2^31 - 1, 2^31, 2^32, -2^31, -1, 0, 0.5, -0.5, 2^52, 1e300}
for i, k in ipairs(keys) do t[k] = i end
for i, k in ipairs(keys) do io.write(t[k], " ") end
print()
