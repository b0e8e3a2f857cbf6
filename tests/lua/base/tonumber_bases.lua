-- tonumber with bases 2..36
print(tonumber("1010", 2), tonumber("777", 8), tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36))
print(tonumber("Z", 36), tonumber("10", 36), tonumber("9", 8), tonumber("2", 2), tonumber("", 10))
print(tonumber(" 11 ", 2), tonumber("1.5", 10), tonumber("-ff", 16), tonumber("7fffffff", 16), tonumber("ffffffff", 16))
for b = 2, 36, 5 do io.write(tonumber("11", b), " ") end print()
print(pcall(tonumber, "10", 1))
print(pcall(tonumber, "10", 37))
print(pcall(tonumber, 10, 16))
