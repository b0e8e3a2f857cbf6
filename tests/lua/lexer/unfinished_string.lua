-- unfinished strings and long strings
print(loadstring("return 'abc"))
print(loadstring("return 'abc\ndef'"))
print(loadstring("return [[abc"))
print(loadstring("x = 1 --[[ unfinished"))
print(loadstring("return [=[ x ]]"))
