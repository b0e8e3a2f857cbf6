-- tostring/tonumber roundtrip for common values
local vals = {0, 1, -1, 0.5, 1/3, 1e100, -1e-100, 2^53, 123.456, 1e15, 1e16}
for _, v in ipairs(vals) do io.write(tostring(tonumber(tostring(v)) == v or tostring(v)), " ") end
print()
