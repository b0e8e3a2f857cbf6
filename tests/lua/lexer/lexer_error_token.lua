-- error messages quote the offending token
print(loadstring("x = = 1"))
print(loadstring("local 1 = 2"))
print(loadstring("return return"))
print(loadstring("f(", "=chunk"))
print(loadstring("x = 'abc' 'def'"))
