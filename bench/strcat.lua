-- Strings: building with .. in loops and with table.concat.
local n = tonumber(arg and arg[1]) or 200000
local total = 0
for r = 1, 5 do
  local s = ""
  for i = 1, 2000 do s = s .. (i % 10) end
  total = total + #s
end
local parts = {}
for i = 1, n do parts[#parts + 1] = "item" .. i .. ";" end
local big = table.concat(parts)
total = total + #big
for i = 1, n do
  local t = "a" .. i .. "b" .. (i * 2) .. "c"
  total = total + #t
end
print(total)
