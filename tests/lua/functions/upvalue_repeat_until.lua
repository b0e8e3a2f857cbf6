-- closures in repeat-until capturing a local used in the condition
local fs = {}
local n = 0
repeat
  n = n + 1
  local stop = n >= 3
  fs[n] = function() return stop end
until stop
print(fs[1](), fs[2](), fs[3]())
