-- closure modifying a loop-local before the next iteration
local out = {}
for i = 1, 3 do
  local x = i
  local inc = function() x = x + 100 end
  inc()
  out[#out + 1] = x
end
print(table.concat(out, " "))
