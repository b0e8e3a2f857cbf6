-- an error raised by __tostring while printing
local t = setmetatable({}, {__tostring = function() error("no string for you") end})
print(pcall(print, t))
print(pcall(tostring, t))
