print(tostring(1), tostring(-1.5), tostring("x"), tostring(nil), tostring(false))
print(pcall(tostring))
print(tostring(1, 2))
