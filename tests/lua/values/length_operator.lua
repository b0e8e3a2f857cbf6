-- # on strings and tables
print(#"", #"abc", #"\0\0", #{}, #{1, 2, 3}, #{n = 1})
print(pcall(function() return #5 end))
print(pcall(function() return #nil end))
