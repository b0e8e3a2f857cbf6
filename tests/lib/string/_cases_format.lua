-- string.format cases (see _harness.lua): every conversion with flags,
-- widths and precisions, special values, LuaJIT's rounding of exact ties,
-- %q quoting, %s conversions and the error messages.
local C = {}
local function add(...) C[#C + 1] = { "format", n = select("#", ...) + 1, ... } end

local values = { 0, -0.0, 1, -1, 7, 42, -42, 255, 65536, 0.5, 1.5, 2.5, -2.5, 0.125,
                 3.14159, 1e15, 1e16, 1e21, 2^53, 2^63, -2^63, 2^64, 1e300, 1e-300,
                 5e-324, 0.1, 1/3, 99.5, 9.5, 1234.5, 0.05, 1/0, -1/0, 0/0 }
local specs = { "%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d",
                "%u", "%x", "%X", "%#x", "%08X", "%o", "%#o", "%c",
                "%e", "%E", "%.0e", "%.3e", "%+.2e", "%12.4e",
                "%f", "%.0f", "%.1f", "%.3f", "%10.2f", "%-10.2f|", "%+f", "% f", "%010.3f", "%#.0f",
                "%g", "%G", "%.0g", "%.1g", "%.3g", "%.10g", "%.14g", "%.17g", "%#g", "%#.3g", "%+g", "%12g",
                "%a", "%A", "%.0a", "%.2a", "%20a", "%s", "%10s", "%.3s", "%q" }
for _, f in ipairs(specs) do
  for _, v in ipairs(values) do add(f, v) end
end

-- Exact ties are rounded away from zero (LuaJIT), not to even.
for _, v in ipairs{ 0.5, 1.5, 2.5, 3.5, -0.5, -2.5, 0.125, 0.375, 1.0625, 2^-21, 1350786928822054.25 } do
  add("%.0f %.1f %.2f %.3f", v, v, v, v)
  add("%.0e %.1e %.2e %.3e", v, v, v, v)
  add("%.1g %.2g %.3g %.14g %#.2g", v, v, v, v, v)
  add("%.0a %.1a %.2a", v, v, v)
end
add("%#.2g %#.3g %#.1g", 99.6, 999.7, 9.7)

-- Strings: %s with widths and precision, embedded NULs, %q.
for _, s in ipairs{ "", "a", "hello", "hello world, long enough", "a\0b", "\0" } do
  for _, f in ipairs{ "%s|", "%8s|", "%-8s|", "%.2s|", "%5.1s|", "%-5.0s|", "%q" } do add(f, s) end
end
add("%q", "\1\0012\0003\r\n\t\\\"'\127\128\255 end")
add("%q", "line1\nline2\r\n") add("%q", string.rep("\0", 3) .. "9")
add("%q", 1/3) add("%q", 42) add("%q", 1e100) add("%q", 0/0) add("%q", -1/0)
add("%q", nil) add("%q", true) add("%10q", "x") add("%-5.3q", "xyzzy")
add("%s", nil) add("%s", true) add("%s", false) add("%s", 12.5) add("%s", -0.0) add("%s", 2^63)
add("%5s|%-5s|", true, nil)
add("%s", setmetatable({}, { __tostring = function() return "custom" end }))
add("%10s|", setmetatable({}, { __tostring = function() return "T" end }))
add("%s", setmetatable({}, { __tostring = function() return 42 end }))

-- Number arguments given as strings and the other way round.
add("%d", "10") add("%d", "0x10") add("%x", " 255 ") add("%f", "1e2") add("%s", 10)
add("%d", 3.99) add("%d", -3.99) add("%c", 65.7) add("%c", 256 + 65) add("%x", -3.7)
add("%5c|", 65) add("%-3c|", 66) add("%c", 0)

-- Flags, widths and precisions at the limits, and bad specs.
add("%-----5d|", 1) add("%-+ #0-+ #0d", 1) add("%99d", 1) add("%.99f", 1) add("%99.99f", 1e308)
add("%099d", -1) add("%.d", 1) add("%.f", 2.5) add("%5.s|", "abc")
add("%100d", 1) add("%.100f", 1) add("%123d", 1) add("%12.123f", 1) add("%1.", 1) add("%1.1", 1)
add("%", 1) add("a%", 1) add("%.", 1) add("%-", 1) add("%y", 1) add("%l", 1) add("%ld", 1)
add("%5%", 1) add("%%") add("100%% sure") add("%%%d%%", 5) add("%b", 1) add("%n", 1)
add("%#s", "x") add("%+s", "x") add("%0s", "x")

-- Missing and bad arguments.
add("%d") add("%s") add("%q") add("%c") add("%f") add("%s %s", 1) add("%d", "x")
add("%d", {}) add("%f", true) add("%x", nil) add("%s", print ~= nil)
C[#C + 1] = { "format", n = 1 }
C[#C + 1] = { "format", {}, n = 2 }
add(12) add(12.5, 1) add("no specs", 1, 2, 3) add("")
return C
