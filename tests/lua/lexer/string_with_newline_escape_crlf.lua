-- backslash-newline in a string stores a single \n
local s = loadstring("return 'a\\\r\nb'")()
print(#s, s:byte(2))
local s2 = loadstring("return 'a\\\n\rb'")()
print(#s2, s2:byte(2))
