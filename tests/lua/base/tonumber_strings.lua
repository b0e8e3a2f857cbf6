-- tonumber on strings without a base
print(tonumber("10"), tonumber("  10  "), tonumber("0x1F"), tonumber("1e3"), tonumber(".5"), tonumber("5."))
print(tonumber("abc"), tonumber(""), tonumber(" "), tonumber("1 2"), tonumber("1e"), tonumber("0x"))
print(tonumber("-0x10"), tonumber("+5"), tonumber("inf"), tonumber("nan"), tonumber("\t7\n"))
print(tonumber(nil), tonumber(true), tonumber({}), tonumber(12), tonumber("0x1p4"))
