-- tonumber cases (see _harness.lua): each entry is a chunk whose results
-- (or error message) are compared with luajit -joff. Results are numbers
-- shown with %.17g, so every bit of the conversion is checked.
local C = {}
local function add(s) C[#C + 1] = s end
local function q(s) return string.format("%q", s):gsub("\n", "\\n") end

local strs = {
  -- decimal
  "0", "1", "-1", "+1", "00", "007", "-0", "+0", "123456789", "4294967295", "4294967296",
  "9007199254740993", "18446744073709551616", "1.", ".5", "-.5", "+.5", "1.5", "0.1", "3.14159",
  "1e10", "1E10", "1e+10", "1e-10", "1e308", "1.7976931348623157e308", "1.8e308", "1e309",
  "-1e309", "1e-320", "4.9e-324", "2e-324", "1e-400", "0.1e1", "123.456e-2", "1e", "1e+",
  "1e-", "e1", ".", "-", "+", "+-1", "--1", "1..2", "1.2.3", "1e1.5", "1 2", "1_000",
  "0.30000000000000004", "2.2250738585072014e-308", "123456789012345678901234567890",
  "0.000001", "1e22", "1e23", "8.5", "-8.5", "9.999999999999999e22",
  -- whitespace
  " 1", "1 ", "  1  ", "\t1\t", "\n1\n", "\r\n12\r\n", "\v\f3", "1\0", "\0001", " ", "",
  " - 1", "- 1", "1 e5", "1e 5", "0x 1", " 0x1 ",
  -- hex
  "0x0", "0x10", "0X10", "0xff", "0xFF", "0xfF", "-0x10", "+0x10", "0x", "0xg", "0x1g",
  "0x7fffffff", "0xffffffff", "0x100000000", "0xffffffffffffffff", "0x1ffffffffffffffff",
  "0x10000000000000000000000", "0x1p4", "0x1P-2", "0x.8", "0x1.8", "0x1.8p1", "0xa.bp3",
  "0x1p", "0x1p+", "0xp1", "0x.p1", "0x1p1.5", "0x1e", "0x1e+1", "0x1.fffffffffffffp1023",
  "0x1p1024", "0x1p-1074", "0x1p-1080", "-0x1p-1", "0x.1", "00x10", "x10", "0x-1",
  -- inf / nan spellings
  "inf", "-inf", "+inf", "INF", "Inf", "infinity", "-infinity", "Infinity", "nan", "NaN",
  "-nan", "NAN", "nan(1)", "1e999", "-1e999", "0x1p9999",
  -- junk
  "abc", "1abc", "abc1", "true", "nil", "1,5", "١", "\xff", "1L", "1f", "1ULL", "0b101", "0o17",
}
for _, s in ipairs(strs) do add("return tonumber(" .. q(s) .. ")") end
for _, s in ipairs{ "10", "ff", "-10", "0x10" } do
  add("return (" .. q(s) .. ") + 0")
end

-- Bases 2..36.
local based = { "0", "1", "10", "11", "101", "777", "z", "Z", "zz", "ff", "FF", "19",
  "-1", "-10", "+5", " 10 ", "1 0", "", " ", "0x10", "1.5", "7fffffff", "ffffffff",
  "100000000", "zzzzzzzzzzzzz", "1e1", "2", "8", "9", "a", "g" }
for _, b in ipairs{ 2, 3, 7, 8, 10, 11, 16, 17, 32, 35, 36 } do
  for _, s in ipairs(based) do add("return tonumber(" .. q(s) .. ", " .. b .. ")") end
end
for _, s in ipairs{ "return tonumber('10', 1)", "return tonumber('10', 37)",
  "return tonumber('10', 0)", "return tonumber('10', -2)", "return tonumber('10', 2.5)",
  "return tonumber('10', '16')", "return tonumber('10', 'x')", "return tonumber(10, 16)",
  "return tonumber(10, 10)", "return tonumber(15, 16)", "return tonumber({}, 16)",
  "return tonumber(nil, 16)", "return tonumber('10', nil)",
  -- non-string arguments
  "return tonumber()", "return tonumber(nil)", "return tonumber(true)", "return tonumber({})",
  "return tonumber(print)", "return tonumber(5)", "return tonumber(-0.0)", "return tonumber(0/0)",
  "return tonumber(1/0)", "return select('#', tonumber('x'))", "return tonumber('1', 10, 3)",
  "return tonumber(setmetatable({}, {__tostring = function() return '5' end}))",
} do add(s) end

return C
