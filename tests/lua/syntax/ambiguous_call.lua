-- ambiguous syntax: function call x new statement
print(loadstring("local a = f\n(g)()"))
print(loadstring("local a = f(g)\n()"))
