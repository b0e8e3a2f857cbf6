-- error adds position information at level 1
print(pcall(error, "plain"))
print(pcall(function() error("with pos") end))
print(pcall(function() error("level 0", 0) end))
local function inner() error("level 2", 2) end
local function outer() inner() end
print(pcall(outer))
