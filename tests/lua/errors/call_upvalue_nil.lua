local up
print(pcall(function() up() end))
print(pcall(function() return up.x end))
