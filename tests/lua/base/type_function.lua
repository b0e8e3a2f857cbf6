print(type(1), type(""), type(nil), type({}), type(type))
print(pcall(type))
