-- uncaught runtime error with a variable name
local t
print(t.field)
