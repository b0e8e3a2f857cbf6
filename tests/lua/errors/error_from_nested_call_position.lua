-- error positions in nested Lua functions
local function lvl3() error("L3") end
local function lvl2() lvl3() end
local function lvl1() lvl2() end
print(pcall(lvl1))
print(pcall(function() lvl1() end))
