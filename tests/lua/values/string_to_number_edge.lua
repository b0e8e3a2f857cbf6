-- unusual numeric strings in arithmetic
print("0x10" + "10", " 0x1A " * 1, "1e1" + 0, "-.5" + 0, ".5e1" + 0)
print(pcall(function() return "1e" + 0 end))
print(pcall(function() return "0x" + 0 end))
print(pcall(function() return "" + 0 end))
print("1e309" + 0, "-1e309" + 0)
