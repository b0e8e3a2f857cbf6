-- the stack gets its extra overflow room back after each caught overflow
local function inf(n) return 1 + inf(n + 1) end
for i = 1, 3 do
  print(pcall(inf, 1))
end
local ok, e = xpcall(function() return inf(1) end,
                     function(m) return "handled: " .. tostring(m) end)
print(ok, e)
print(pcall(inf, 1))
