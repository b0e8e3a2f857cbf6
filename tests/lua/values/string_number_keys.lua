-- "1" and 1 are different table keys; 1.0 and 1 the same
local t = {}
t[1] = "int"; t["1"] = "str"; t[1.0] = "float"
print(t[1], t["1"], #t)
t[2^53] = "big"
print(t[2^53], t[2^53 + 1])
