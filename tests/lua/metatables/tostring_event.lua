-- __tostring is used by tostring and print
local t = setmetatable({}, {__tostring = function() return "I am t" end})
print(t, tostring(t))
local u = newproxy(true)
getmetatable(u).__tostring = function() return "udata!" end
print(u)
local bad = setmetatable({}, {__tostring = function() return 1 end})
print(pcall(tostring, bad))
