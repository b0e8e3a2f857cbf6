-- Deep non-tail recursion: Ackermann's function.
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
local N = tonumber(arg and arg[1]) or 9
local sum = 0
for i = 1, 10 do sum = sum + ack(2, 500 + i) + ack(3, N - (i % 3)) end
print(sum)
