-- unexpected symbols
print(loadstring("x = @"))
print(loadstring("x = $"))
print(loadstring("x = 1 ! 2"))
print(loadstring("x = [=x"))
print(loadstring("x = ~1"))
