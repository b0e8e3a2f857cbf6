local a, b, c
local d = nil
local e, f = nil, nil
local g; local h; local i
a = nil; b = nil
a, b, c = nil, nil, nil
local j, k = 1
local l, m, n, o = 1, nil
if a then local p, q end
local r = a and nil
local s = a or nil
local t = nil or a
local u = false or nil
local v = nil and false
