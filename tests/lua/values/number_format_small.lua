-- small magnitudes and exponents in %.14g
print(1e-7, 1.5e-7, 0.0001234, 123e-20, 1e-100, -1e-7)
print(1e100, 1.7976931348623157e308, 1e21, 1e22, 12345678901234567890)
