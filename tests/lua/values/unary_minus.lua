-- unary minus on numbers, strings and errors
print(-1, - -1, -"3", -(-0), -(2^53))
print(pcall(function() return -{} end))
print(pcall(function() return -"x" end))
