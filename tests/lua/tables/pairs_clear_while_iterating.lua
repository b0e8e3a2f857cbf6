-- assigning nil to existing fields during traversal is allowed
local t = {}
for i = 1, 100 do t[i] = i; t["k" .. i] = i end
local seen = 0
for k, v in pairs(t) do
  seen = seen + 1
  t[k] = nil
end
print(seen, next(t))
