-- malformed numbers are lexer errors
print(loadstring("return 3x"))
print(loadstring("return 0xg"))
print(loadstring("return 1e"))
print(loadstring("return 1..2"))
print(loadstring("return 0x"))
