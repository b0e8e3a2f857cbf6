-- 60 upvalues are allowed, 61 are not
local function gen(n)
  local t = {}
  for i = 1, n do t[#t + 1] = "local u" .. i .. " = " .. i end
  local uses = {}
  for i = 1, n do uses[#uses + 1] = "u" .. i end
  t[#t + 1] = "return function() return " .. table.concat(uses, " + ") .. " end"
  return table.concat(t, "\n")
end
print(assert(loadstring(gen(60)))()())
print(loadstring(gen(61), "=ups"))
