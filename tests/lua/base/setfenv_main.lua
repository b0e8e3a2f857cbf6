-- setfenv on the current chunk
local print, _G, getfenv = print, _G, getfenv
setfenv(1, {})
y = 5
print(_G.y, getfenv(1).y)
