-- Strings: string.format with common specifiers.
local n = tonumber(arg and arg[1]) or 1200000
local fmt = string.format
local total = 0
for i = 1, n do
  local s = fmt("%d:%s:%5.2f:%x", i, "key", i / 7, i)
  total = total + #s
end
print(total)
