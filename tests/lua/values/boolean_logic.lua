-- and/or return operands, only nil and false are false
print(nil or "d", false or nil, 0 or 1, "" or 1, 1 and 2, nil and 1, false and nil)
print(not 0, not "", not nil, not false)
local x = nil
print(x and x.y or "safe")
