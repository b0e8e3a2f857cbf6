-- do blocks and shadowing
local x = 1
do local x = 2; print(x) end
print(x)
local x = x + 10
print(x)
