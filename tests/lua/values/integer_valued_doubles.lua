-- integral doubles print without a fraction
print(1.0, -1.0, 2^31, 2^32, 2^52, 2^53, -2^31, 1e14, 1e15, 1e16)
print(3 / 1, 7 / 7, 10 * 0.5, 0.5 + 0.5)
print(2^31 - 1, 2^31 + 0.5, 4294967295 + 1)
