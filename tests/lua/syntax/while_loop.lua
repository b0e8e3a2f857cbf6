-- while with break
local i, s = 0, 0
while true do
  i = i + 1
  if i > 10 then break end
  s = s + i
end
print(i, s)
