-- rethrowing a caught error keeps the original message
local ok, e = pcall(function()
  local ok2, e2 = pcall(error, "original")
  error(e2, 0)
end)
print(ok, e)
