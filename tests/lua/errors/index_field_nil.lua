local t = {}
print(pcall(function() return t.a.b end))
print(pcall(function() t.a.b = 1 end))
print(pcall(function() return t[1][2] end))
