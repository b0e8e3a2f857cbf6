-- Golden program: strings, escapes, concatenation, comparisons, methods.
local s = "a\0b\n\"q\"\\\255"
local parts = {#s, s:byte(2), s:sub(3, 3) == "b" and "yes" or "no"}
local long = string.rep("xy", 30) .. [[
long bracket string]]
parts[#parts + 1] = #long
parts[#parts + 1] = ("%5.2f|%d|%s"):format(3.14159, 42, "z")
parts[#parts + 1] = tostring("abc" < "abd") .. tostring(2 <= 1)
local acc = ""
for w in ("one two three"):gmatch("%a+") do acc = acc .. w:upper() .. "." end
parts[#parts + 1] = acc
local a, b = 7, 3
parts[#parts + 1] = a % b .. "," .. a ^ 2 .. "," .. -a .. "," .. a / 2 .. "," .. (not nil and 1)
return table.concat(parts, ";")
