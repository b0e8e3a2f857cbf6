-- decimal number literals
print(3, 3.0, 3.1416, 314.16e-2, 0.31416E1, 34e1, .5, 5., 1e0)
print(0010, 1e+2, 1E-2, 123456789012)
