-- __newindex table with its own __newindex
local log = {}
local inner = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end})
local outer = setmetatable({}, {__newindex = inner})
outer.a = 1
outer.b = 2
print(table.concat(log, ","), rawget(outer, "a"), inner.a, inner.b)
