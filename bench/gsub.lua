-- Strings: pattern matching with gsub, find, match and gmatch.
local n = tonumber(arg and arg[1]) or 16000
local text = string.rep("The quick brown fox jumps over the lazy dog 12345. ", 20)
local total = 0
for i = 1, n do
  local s, c = text:gsub("%w+", function(w) return #w > 3 and w:upper() or w end)
  total = total + c + #s
  local a, b = text:find("lazy%s+(%a+)", (i % 50) + 1)
  total = total + (a or 0)
  for num in text:gmatch("%d+") do total = total + #num end
  local m = text:match("(%a+) dog")
  total = total + #m
end
print(total)
