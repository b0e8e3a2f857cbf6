-- errors from chunks loaded with loadstring name the chunk
local f = loadstring("local x = nil\nreturn x.y", "=mychunk")
print(pcall(f))
local g = loadstring("error('in string chunk')")
print(pcall(g))
local h = loadstring("local a = {}\n\n return a.b.c", "@file.lua")
print(pcall(h))
