-- repeat-until condition sees locals of the body
local n = 0
repeat
  local done = n >= 3
  n = n + 1
until done
print(n)
