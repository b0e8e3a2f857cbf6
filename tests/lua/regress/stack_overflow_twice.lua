-- After a caught stack overflow the stack is shrunk back, so the next
-- overflow is again "stack overflow", not "error in error handling".
local function f() return 1 + f() end
for i = 1, 3 do
  local ok, e = pcall(f)
  print(i, ok, (string.gsub(e, "^.-:%d+: ", "")))
end
local function g(n)
  if n == 0 then return "bottom" end
  return select(2, pcall(g, n - 1))
end
print(pcall(g, 100000))
