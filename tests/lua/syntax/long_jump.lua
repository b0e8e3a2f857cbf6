-- jumps over large bodies; too large a body is "control structure too long"
local function gen(n)
  local p = {"local x = 0 if x == 0 then"}
  for i = 1, n do p[#p + 1] = "x = x + 1" end
  p[#p + 1] = "else x = -1 end return x"
  return table.concat(p, "\n")
end
print(assert(loadstring(gen(30000)))())
print(loadstring(gen(40000), "=long"))
local parts = {"local x = 0 for i = 1, 3 do"}
for i = 1, 20000 do parts[#parts + 1] = "x = x + 1" end
parts[#parts + 1] = "end return x"
print(assert(loadstring(table.concat(parts, "\n")))())
