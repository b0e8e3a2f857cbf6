-- a leading # line given to loadstring
print(loadstring("#!x\nreturn 1"))
