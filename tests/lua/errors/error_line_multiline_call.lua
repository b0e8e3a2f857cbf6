-- the line of a failing call spread over several lines
local t = {}
local ok, e = pcall(function()
  return t.f(
    1,
    2
  )
end)
print(e)
ok, e = pcall(function()
  local x = t
    .missing
    .deeper
end)
print(e)
