-- numeric for with bad values
print(pcall(loadstring("for i = 'a', 2 do end")))
print(pcall(loadstring("for i = 1, {} do end")))
print(pcall(loadstring("for i = 1, 2, nil do end")))
