print("lfcr 1")
print("lfcr 2")
local s = [[a
b]]
print(#s)
error("line?")
