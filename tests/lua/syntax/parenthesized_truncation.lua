-- parentheses truncate multiple results
local function m() return 1, 2, 3 end
print(m())
print((m()))
print(m(), 10)
print(({m()})[3], ({(m())})[2], #{m()}, #{(m())}, #{m(), m()})
