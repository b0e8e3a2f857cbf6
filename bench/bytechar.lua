-- Strings: string.byte, string.char and string.sub in loops.
local n = tonumber(arg and arg[1]) or 10000
local byte, char, sub = string.byte, string.char, string.sub
local src = {}
for i = 1, 1000 do src[i] = char(32 + (i * 7) % 90) end
src = table.concat(src)
local total = 0
for r = 1, n do
  local out = {}
  for i = 1, #src do
    local b = byte(src, i)
    out[i] = char((b - 32 + r) % 90 + 32)
  end
  local s = table.concat(out)
  total = total + byte(s, r % #s + 1) + #sub(s, 10, 20)
end
print(total)
