-- print calls tostring on every argument, separated by tabs
print()
print(nil)
print(1, nil, 2)
print("a", "b")
local t = setmetatable({}, {__tostring = function() return "T!" end})
print(t, 1.5)
tostring = function() return "replaced" end
print(1, 2)
