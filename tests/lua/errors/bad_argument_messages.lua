-- bad argument messages from library functions
print(pcall(function() return ("x"):rep() end))
print(pcall(function() return string.rep("x", "y") end))
print(pcall(function() return setmetatable() end))
print(pcall(function() return tonumber() end))
print(pcall(function() return ipairs() end))
print(pcall(function() local s = string.sub; return s() end))
