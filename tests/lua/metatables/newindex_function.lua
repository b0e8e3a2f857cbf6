-- __newindex only fires for absent keys
local log = {}
local t = setmetatable({present = 1}, {__newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(t, k, v) end})
t.present = 2
t.new = 3
t.new = 4
print(table.concat(log, ","), t.present, t.new)
