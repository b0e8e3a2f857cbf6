-- errors raised inside metamethods propagate with their position
local t = setmetatable({}, {__index = function() error("from __index") end})
print(pcall(function() return t.x end))
local u = setmetatable({}, {__add = function() error("from __add", 2) end})
print(pcall(function() return u + 1 end))
