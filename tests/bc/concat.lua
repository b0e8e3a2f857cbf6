local a, b, c = "a", "b", "c"
local s = a .. b
s = a .. b .. c .. a .. b .. c
s = "x" .. a .. "y"
s = a .. 1 .. 2
s = (a .. b) .. (c .. a)
s = a .. f() .. b
s = a .. b:upper() .. c
s = s .. s
local t = {}
t.x = a .. b
t[a .. b] = c .. a
print(a .. b, c .. a)
return a .. b
