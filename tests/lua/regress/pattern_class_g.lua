-- %g (printable characters except space) is a pattern class in LuaJIT 2.1.
-- Found by tools/difftest (seed 9): lunar treated it as a literal 'g'.
print(string.find("  ab c", "%g+"))
print(string.match("\t\nxy z", "%g"), string.match("abc", "%G"))
print(string.gsub("a b\tc", "%G", "_"))
print(string.find("x]y", "[%g]+"), string.find("  ", "[^%g]+"))
local o = {}
for w in string.gmatch("one two  three", "%g+") do o[#o + 1] = w end
print(table.concat(o, ","))
