-- equality never coerces, arithmetic always does
print("1" == 1, "1" + 0 == 1, 1 .. "" == "1", "0x10" + 0 == 16, "1e1" * 1)
