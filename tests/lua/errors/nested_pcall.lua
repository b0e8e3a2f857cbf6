-- nested pcall: inner error is caught by the inner pcall
local ok, a, b = pcall(function()
  local ok2, e = pcall(error, "inner")
  return ok2, e
end)
print(ok, a, b)
print(pcall(function() pcall(error, "x"); error("outer") end))
