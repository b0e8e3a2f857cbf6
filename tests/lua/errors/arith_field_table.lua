local t = {x = {}}
print(pcall(function() return t.x + 1 end))
print(pcall(function() return 1 + t.x end))
print(pcall(function() local a = "abc"; return a * 2 end))
print(pcall(function() return nope + 1 end))
print(pcall(function() local a = {}; return -a end))
print(pcall(function() return t.y .. "s" end))
