-- floor, ceil and % on signed zeros, halves, 2^52 boundaries, inf and NaN
-- (vm.c computes them inline: vm_floor, vm_ceil)
local vals = {-0.0, 0.0, 0.5, -0.5, 1, -1, 1.5, -1.5, 2^52, -2^52, 2^52+0.5, 2^53, -2^53-2, 1e300, -1e300, 1/0, -1/0, 0/0, 4503599627370495.5, -4503599627370495.5, 0.9999999999999999, -0.9999999999999999}
for _, a in ipairs(vals) do
  io.write(string.format("%.17g %.17g %.17g |", math.floor(a), math.ceil(a), 1/math.floor(a)))
  for _, b in ipairs({1, -1, 3, -3, 0.5, 1/0, -1/0, 0/0, 0, -0.0}) do
    io.write(" ", string.format("%.17g", a % b))
  end
  io.write("\n")
end
