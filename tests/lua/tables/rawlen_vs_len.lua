-- # on a table ignores __len in 5.1 (metamethod only for userdata)
local t = setmetatable({1, 2, 3}, {__len = function() return 99 end})
print(#t)
