-- identifiers
local _ = 1
local _abc_123, ABC, aBc = 2, 3, 4
print(_, _abc_123, ABC, aBc)
local andx, orr, nill = 5, 6, 7
print(andx, orr, nill)
