-- concatenation of strings and numbers, right associativity, long chains
local t = {}
for i = 1, 20 do t[i] = i end
local s = ""
for i = 1, 20 do s = s .. t[i] .. (i < 20 and "," or "") end
print(s)
print("a" .. "b" .. "c" .. 1 .. 2 .. 3)
print(pcall(function() return "a" .. {} end))
print(pcall(function() return nil .. "a" end))
print(pcall(function() return "a" .. true end))
