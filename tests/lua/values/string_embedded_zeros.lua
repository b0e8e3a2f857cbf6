-- strings with embedded zeros as keys and in comparisons
local a, b = "a\0b", "a\0c"
local t = {[a] = 1, [b] = 2}
print(t["a\0b"], t["a\0c"], t["a"], #a, a == "a\0b", a < b)
