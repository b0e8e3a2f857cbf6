-- Number formatting cases (see _harness.lua): each number goes through
-- tostring, both sides of `..`, print-style %s and number keys, and the
-- resulting strings are compared with luajit -joff (%.14g spelling, -0,
-- inf, nan, exponent boundaries, rounding ties).
local C = {}
local function add(s) C[#C + 1] = s end

local exprs = {}
local function e(s) exprs[#exprs + 1] = s end
-- integers
for _, s in ipairs{ "0", "-0.0", "1", "-1", "7", "10", "-10", "99", "100", "255", "1000",
  "65535", "65536", "999999", "1000000", "123456789", "2147483647", "-2147483648",
  "2147483648", "4294967295", "4294967296", "99999999999999", "100000000000000",
  "999999999999999", "1000000000000000", "123456789012345", "1234567890123456",
  "2^53", "2^53+1", "-2^53", "2^63", "-2^63", "2^64", "2^100", "1e20", "1e21", "1e22" } do e(s) end
for i = 0, 62, 3 do e("2^" .. i) e("-2^" .. i .. "-1") end
for i = -30, 30, 2 do e("1e" .. i) end
for i = 300, 308 do e("1e" .. i) e("-1.5e" .. i) end
-- fractions
for _, s in ipairs{ "0.5", "-0.5", "0.25", "0.1", "0.2", "0.3", "0.1+0.2", "1/3", "2/3",
  "-1/3", "100/3", "1e6/3", "1e13/3", "1e14/3", "1e15/3", "0.1*3", "1-1e-15", "1+1e-15",
  "1+2^-52", "1-2^-53", "3.14159265358979", "math.pi", "-math.pi", "math.exp(1)",
  "math.sqrt(2)", "123.456", "0.001", "0.0001", "0.00001", "0.000123456789",
  "1.5e-7", "2.5", "1e-310", "5e-324", "-5e-324", "2.2250738585072014e-308",
  "1.7976931348623157e308", "-1.7976931348623157e308", "12345.678901234567",
  "0.30000000000000004", "9.999999999999999", "99.99999999999999", "0.9999999999999999" } do e(s) end
-- %.14g rounding ties and near-ties
for _, s in ipairs{ "1.00000000000005", "1.00000000000015", "1.00000000000025",
  "1.000000000000049", "1.000000000000051", "0.123456789012345", "0.1234567890123450",
  "12345678901234.5", "1234567890123.45", "123456789012.345", "99999999999999.5",
  "99999999999999.4", "999999999999995", "999999999999994", "0.000099999999999995",
  "9.99999999999995e-5", "2.00000000000005e100", "1.25", "0.125", "1.5e15", "2.5e15",
  "5e-5", "15e-5", "1e15+0.5", "-1e15-0.5", "33333333333333.5", "1/7", "22/7",
  "1e100/3", "-1e-100/3" } do e(s) end
-- specials
for _, s in ipairs{ "1/0", "-1/0", "0/0", "-(0/0)", "math.huge", "-math.huge",
  "0*-1", "-0.0*-1", "1/(-1/0)", "math.fmod(-1, 1)" } do e(s) end

for _, x in ipairs(exprs) do
  add("local x = " .. x .. " return tostring(x), x .. '', '' .. x, string.format('%s', x)")
end
for _, x in ipairs{ "1", "-0.0", "0.5", "1e100", "2^53", "1/3", "1/0" } do
  add("local x = " .. x .. " return x .. x, 'v=' .. x .. ';', x .. 1, 1 .. x")
  add("local t = {[" .. x .. "] = true} return tostring(next(t))")
end
add("local x = 0/0 local t = {} local ok = pcall(function() t[x] = 1 end) return ok")
add("return 1 .. 2, 1.5 .. 2.5, -1 .. -2")
add("return 2^63 .. '', -2^63 .. ''")
add("return tostring(-0), tostring(0 * -1), tostring(-0.0 + 0)")
add("local a = {} for i = 1, 10 do a[i] = i / 10 end return table.concat(a, ' ')")
add("local a = {} for i = 1, 10 do a[i] = 10 ^ -i end return table.concat(a, ' ')")
add("local a = {} for i = 1, 20 do a[i] = 2 ^ (i * 3) end return table.concat(a, ' ')")
add("return ('%d'):rep(2):format(3, 4) .. 5.0")

return C
