local a = ...
local b = -a
local c = - -a
local d = -(-1)
local e = not nil
local f = not 1
local g = not "s"
local h = #"abc"
local i = -"2"
local j = not (a == 1)
local k = -a.x
local l = #a.x
local m = not not nil
local n = -2^2
local o = (-2)^2
local p = 2^-2
local q = -0.0
local r = - (0)
return b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r
