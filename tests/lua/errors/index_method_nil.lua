local obj = {}
print(pcall(function() obj:nomethod() end))
print(pcall(function() ("x"):nomethod() end))
