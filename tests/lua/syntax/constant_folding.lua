-- expressions on constants behave like runtime ones
print(1/0, -1/0, 0/0 ~= 0/0, -(0), 0 * -1)
print(5 % -3, -5 % 3, 5.5 % 2, -5.5 % 2, 5 % 0 ~= 5 % 0)
print(2^53 + 1, 2^63, -2^63, 2^1024)
