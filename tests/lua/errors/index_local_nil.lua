local t = nil
print(pcall(function() local t; return t.x end))
local ok, e = pcall(function() return t.x end)
print(e)
