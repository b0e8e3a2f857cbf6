-- LuaJIT 2.1 xpcall passes extra arguments to the function
print(xpcall(function(a, b) return a + b end, print, 2, 3))
print(xpcall(function(...) return select('#', ...) end, print, nil, nil))
print(pcall(xpcall, print))
