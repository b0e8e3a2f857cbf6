-- 200 locals are allowed, 201 are not
local function gen(n)
  local t = {}
  for i = 1, n do t[#t + 1] = "local v" .. i .. " = " .. i end
  t[#t + 1] = "return v" .. n
  return table.concat(t, "\n")
end
local f = assert(loadstring(gen(200)))
print(f())
print(loadstring(gen(201), "=many"))
