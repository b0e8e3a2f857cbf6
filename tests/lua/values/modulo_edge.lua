-- modulo with large, negative and special operands
print(2^53 % 3, -2^53 % 7, 5.3 % -2, 1e308 % 3, -0.0 % 5, 3 % -0.5)
print(1e15 % 7, -1e15 % 7, 7 % 1e15, -7 % 1e15)
