local a = 1
local t1 = {}
local t2 = {1, 2, 3}
local t3 = {x = 1, y = "s", z = true}
local t4 = {a, 2, a}
local t5 = {x = a}
local t6 = {[a] = 1}
local t7 = {1, 2, f()}
local t8 = {...}
local t9 = {f(), 1}
local t10 = {[1] = 1, [2] = 2, [3] = 3}
local t11 = {[0] = 0, 1}
local t12 = {x = {y = {z = 1}}}
local t13 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, x = 1, y = 2, z = 3}
local t14 = {[1.5] = 1, [true] = 2, [false] = 3}
local t15 = {"a", "b"; "c"}
local t16 = {nil, nil, 3}
local t17 = {x = nil}
local t18 = {a = 1, b = 2, c = 3, d = 4, e = 5}
local t19 = {1, a, x = a, y = 2, [a] = a}
t1.x = 1
t1[1] = 2
t1[a] = 3
t1["y"] = t2
t1[300] = 4
t1[-1] = 5
t1[0.5] = 6
local v = t1.x + t1[1] + t1[a] + t1[300]
return t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19, v
