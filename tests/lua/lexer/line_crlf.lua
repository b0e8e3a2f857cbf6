print("crlf 1")
print("crlf 2")
local s = [[a
b]]
print(#s, s:byte(2))
error("line?")
