-- a number error message gets position info (it is a string-convertible)
print(pcall(function() error(12) end))
print(pcall(function() error(12, 2) end))
