-- the "strict" pattern: __index/__newindex on _G
local declared = {}
setmetatable(_G, {
  __newindex = function(t, k, v) declared[k] = true; rawset(t, k, v) end,
  __index = function(t, k) error("undeclared global '" .. tostring(k) .. "'", 2) end,
})
newglobal = 1
print(newglobal, declared.newglobal)
print(pcall(function() return not_there end))
local ok, e = pcall(function() local v = also_missing end)
print(e)
setmetatable(_G, nil)
print(still_missing)
