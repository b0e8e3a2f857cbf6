-- cannot use '...' outside a vararg function
print(loadstring("function f() return ... end"))
print(loadstring("return ..."))
