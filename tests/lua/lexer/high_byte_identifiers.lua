-- LuaJIT accepts bytes >= 0x80 in identifiers (UTF-8 names)
local café = "latte"
local ñ = 2
print(café, ñ * 2)
