-- rawget/rawset bypass metamethods
local t = setmetatable({}, {__index = function() return "meta" end, __newindex = function() error("no") end})
rawset(t, "k", "v")
print(t.k, rawget(t, "k"), rawget(t, "z"), t.z)
