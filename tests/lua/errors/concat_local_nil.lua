print(pcall(function() local x; return "a" .. x end))
print(pcall(function() local x = {}; return x .. "a" end))
print(pcall(function() return "a" .. undefined_g end))
