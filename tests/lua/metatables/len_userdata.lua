-- __len works for userdata (newproxy), not for tables
local u = newproxy(true)
getmetatable(u).__len = function(x) return 42 end
print(#u)
local v = newproxy(false)
print(pcall(function() return #v end))
