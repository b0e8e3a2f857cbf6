print(loadstring("break"))
print(loadstring("if x then break end"))
