-- next on empty and non-empty tables, invalid keys
print(next({}))
local k, v = next({7})
print(k, v)
print(next({7}, 1))
print(pcall(next, {}, "nokey"))
print(pcall(next))
