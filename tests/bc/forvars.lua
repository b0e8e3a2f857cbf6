for i = 1, 10 do local j = i * 2 print(j) end
for i = a, b, c do end
for i = 1.5, 2.5, 0.5 do end
for i = -1, -10, -1 do end
for k in pairs(t) do end
for k, v in next, t, nil do end
for _, v in ipairs(t) do end
local pairs = pairs
for k, v in pairs(t) do end
local function g(next) for k, v in next, t do end end
for i = 1, 3 do
  for j = 1, 3 do
    local f = function() return i + j end
  end
end
for k, v in pairs(t) do
  local f = function() return k end
  if v then break end
end
