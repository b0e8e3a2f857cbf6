-- load with a reader function, pieces of various sizes
local parts = {"return ", "1 ", "+", " 41", nil}
local i = 0
local f = load(function() i = i + 1 return parts[i] end)
print(f())
local once = false
local g = load(function() if once then return nil end once = true return "return 'one piece'" end, "=reader")
print(g())
print(load(function() return nil end))
local h, err = load(function() return "syntax error here" end, "=bad")
print(h, err)
local lf, le = load(function() error("reader failed") end)
print(lf, (le:match("^[^\n]*")))
local src = "return 'byte by byte'"
local p = 0
print(load(function() p = p + 1 if p <= #src then return src:sub(p, p) end end)())
