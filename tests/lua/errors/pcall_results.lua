-- pcall returns true plus all results, or false plus the error
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(function() end))
print(pcall(pcall))
print(pcall(pcall, error, "x"))
print(pcall(nil))
print(pcall({}))
