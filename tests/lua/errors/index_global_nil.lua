print(pcall(function() return undefined_global.field end))
print(pcall(function() undefined_global.field = 1 end))
