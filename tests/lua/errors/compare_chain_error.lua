-- a < b < c compares a boolean with a number
local a, b, c = 1, 2, 3
print(pcall(function() return a < b < c end))
