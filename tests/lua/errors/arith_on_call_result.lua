-- errors on temporaries have no variable name
local function f() return nil end
print(pcall(function() return f() + 1 end))
print(pcall(function() return f().x end))
print(pcall(function() return f() .. "x" end))
print(pcall(function() return #f() end))
print(pcall(function() return ({}).a.b end))
