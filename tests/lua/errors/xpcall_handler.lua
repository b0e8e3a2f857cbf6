-- xpcall calls the handler with the error object
print(xpcall(function() error("oops") end, function(m) return "handled: " .. m end))
print(xpcall(function() return "fine", 2 end, print))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(xpcall(function() local x = nil; return x.y end, function(m) return "H " .. m end))
