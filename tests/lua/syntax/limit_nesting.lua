-- deeply nested parentheses / blocks
local function paren(n) return "return " .. string.rep("(", n) .. "1" .. string.rep(")", n) end
print(loadstring(paren(100))())
local f, err = loadstring(paren(300), "=deep")
print(f, err)
local function blocks(n) return string.rep("do ", n) .. string.rep("end ", n) end
print(loadstring(blocks(150)) ~= nil)
local f2, err2 = loadstring(string.rep("do ", 300) .. string.rep("end ", 300), "=deepdo")
print(f2, err2)
local function fn(n) return string.rep("return function() ", n) .. "return 7 " .. string.rep("end ", n) end
local g = assert(loadstring(fn(50)))
local v = g
for i = 1, 51 do v = v() end
print(v)
print(loadstring(fn(300), "=deepfn"))
