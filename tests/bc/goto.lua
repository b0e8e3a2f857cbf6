local i = 1
::top::
i = i + 1
if i < 10 then goto top end
do
  goto skip
  print("no")
  ::skip::
end
for j = 1, 3 do
  for k = 1, 3 do
    if k == 2 then goto continue end
    print(j, k)
    ::continue::
  end
end
do
  local x = 1
  local f = function() return x end
  goto out
end
::out::
return i
