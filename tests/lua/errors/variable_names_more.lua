-- more cases of variable names in runtime error messages
local t = {a = {}}
local up = {}
local k = "key"
print(pcall(function() t.a.b.c = 1 end))
print(pcall(function() return up.x.y end))
print(pcall(function() return string.nofield.x end))
print(pcall(function() t.x:m() end))
print(pcall(function() t[k]() end))
print(pcall(function() t.a[k].z = 1 end))
print(pcall(function() for i = 1, 2 do local x = i.y end end))
print(pcall(function(...) local a = ...; return a.x end))
print(pcall(function() local a, b = 1; return b + a end))
print(pcall(function() return t.a + t.a end))
print(pcall(function() return -t.a end))
print(pcall(function() return #up.x end))
