-- an error in a chunk made by loadstring, called from a file
local f = loadstring("local a = ...\nreturn a.b", "=(loaded)")
local g = loadstring("error('plain string chunk')")
print(pcall(g))
f(nil)
