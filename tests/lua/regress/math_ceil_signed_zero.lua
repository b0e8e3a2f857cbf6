-- math.ceil of a value in (-1, -0.5) is +0 in LuaJIT, of [-0.5, 0) it is
-- -0 (round-to-nearest, then corrected upwards).  Found by tools/difftest
-- (seed 306).
for _, v in ipairs({ -0.99999, -0.75, -0.5000001, -0.5, -0.49999, -0.1, -1e-300, -0.0 }) do
  io.write(tostring(math.ceil(v)), " ")
end
print()
local f = math.ceil
print(f("-0.75"), f("-0.25"), math.floor(-0.0), math.floor(-0.25), math.floor(0.75))
local x = 3
print(math.ceil(-2.5 / x), math.ceil(-1 / x))
