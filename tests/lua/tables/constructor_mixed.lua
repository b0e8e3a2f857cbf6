-- table constructors: positional, named, bracketed, trailing separators
local function f() return "a", "b", "c" end
local t = {1, 2, x = "x", [10] = "ten", 3, ["y z"] = 5, f(),}
print(t[1], t[2], t[3], t[4], t[5], t[6], t.x, t[10], t["y z"], #t)
local u = {f(), f()}
print(#u, u[1], u[2], u[4])
local v = {[1] = "explicit", "positional"}
print(v[1])
local w = {1; 2; 3;}
print(#w)
