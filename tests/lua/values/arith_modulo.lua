-- modulo follows floor division semantics
local vals = {5, -5, 5.5, -5.5, 0}
local divs = {3, -3, 2.5, 1/0, -1/0}
for _, a in ipairs(vals) do
  local row = {}
  for _, b in ipairs(divs) do row[#row + 1] = tostring(a % b) end
  print(a, table.concat(row, " "))
end
print(1 % 0, -1 % 0, 0 % 0)
