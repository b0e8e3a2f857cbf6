-- 60000 distinct number constants work; more than 65536 is a compile error
local function gen(n)
  local parts = {"local s = 0"}
  for i = 1, n do parts[#parts + 1] = "s = s + " .. (i + 0.5) end
  parts[#parts + 1] = "return s"
  return table.concat(parts, "\n")
end
print(assert(loadstring(gen(60000)))())
print(loadstring(gen(70000), "=big"))
-- 300 distinct string constants assigned to 150 globals
local s = {}
for i = 1, 300 do s[#s + 1] = "g" .. (i % 150) .. " = 's" .. i .. "'" end
print(#s, assert(loadstring(table.concat(s, "\n") .. "\nreturn g0, g149, g1"))())
