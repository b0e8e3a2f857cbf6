-- chunks loaded by loadstring use the global environment
z_val = "global"
local z_val = "local"
print(loadstring("return z_val")())
