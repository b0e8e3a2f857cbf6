-- return must be the last statement
print(loadstring("return 1 print(2)"))
print(loadstring("do return end print(2)"))
print(loadstring("return;"))
