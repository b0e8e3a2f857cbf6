-- generic for with a custom stateless iterator
local function iter(s, i)
  if i < s then return i + 1, (i + 1) * (i + 1) end
end
for i, sq in iter, 4, 0 do io.write(i, "=", sq, " ") end print()
for i, v in ipairs({"a", "b", nil, "d"}) do io.write(i, v, " ") end print()
