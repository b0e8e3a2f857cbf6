local f = loadfile("_helper.lua")
print(type(f), f("arg"))
print(loadfile("nonexistent_file.lua"))
