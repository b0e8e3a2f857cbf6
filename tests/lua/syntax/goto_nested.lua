-- goto out of nested loops
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto out end
    io.write(i, j, " ")
  end
end
::out::
print("out")
