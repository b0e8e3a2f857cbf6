-- globals live in _G
x_global = 42
print(_G.x_global, _G["x_global"], _G._G == _G)
_G.y_global = "y"
print(y_global)
local n = 0
for k in pairs(_G) do if k == "x_global" or k == "y_global" then n = n + 1 end end
print(n)
