-- the reported line is the line of the failing operation
local t = {}
local ok, e = pcall(function()
  local a = 1
  local b = t.missing
  return a +
    b
end)
print(e)
