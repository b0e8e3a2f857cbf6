-- and/or evaluate the right operand only when needed
local log = {}
local function f(tag, v) log[#log + 1] = tag return v end
local r1 = f("a", false) and f("b", true)
local r2 = f("c", nil) or f("d", 0)
local r3 = f("e", 1) or f("f", 2)
local r4 = (f("g", true) and f("h", false)) or f("i", "x")
if f("j", nil) and f("k", true) then end
while f("l", false) or f("m", false) do end
print(r1, r2, r3, r4, table.concat(log))
