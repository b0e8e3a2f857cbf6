for i = 1, 3 do
  local x = i
  local f = function() return x end
  if x == 2 then goto continue end
  print(x)
  ::continue::
end
do
  local y = 1
  ::again::
  local g = function() return y end
  y = y + 1
  if y < 3 then goto again end
end
while true do
  local z = 1
  local h = function() return z end
  if z then break end
end
repeat
  local w = 1
  local k = function() return w end
until w == 1
goto done
do print(1) end
::done::
