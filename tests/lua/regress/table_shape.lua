-- Tables grow their array part as LuaJIT's do: after each insertion order
-- below, a table takes the same number of bytes as in luajit (array slots
-- of 8 bytes, hash nodes of 24), so that scattered fills (sieves starting
-- at 2, sets keyed by computed indexes) end up in the array part.
local N = 2000
local keep = {}
for i = 1, N do keep[i] = false end  -- keep's own size stays fixed
local function bytes(keys)
  collectgarbage(); collectgarbage()
  local before = collectgarbage("count")
  for i = 1, N do
    local t = {}
    for j = 1, #keys do t[keys[j]] = true end
    keep[i] = t
  end
  collectgarbage(); collectgarbage()
  local after = collectgarbage("count")
  for i = 1, N do keep[i] = false end
  return math.floor((after - before) * 1024 / N + 0.5)
end
local empty = bytes({})
local cases = {
  {1}, {2}, {3}, {5}, {0}, {0, 1}, {0, 1, 2, 3}, {"a"}, {"a", "b", "c"},
  {1, "a"}, {2, "a"}, {3, 4}, {2, 3}, {1, 3}, {1, 4}, {1, 5}, {1, 2, 5},
  {1, 2, 3, 9}, {1, 2, 3, 4, 9}, {3, 1, 2}, {8, 1, 2}, {16, 1}, {1, 16},
  {2, 4, 6, 8, 10}, {1, 2, 3, 4, 5, 6, 7, 8, 17},
}
for _, ks in ipairs(cases) do
  local names = {}
  for i, k in ipairs(ks) do names[i] = tostring(k) end
  print(table.concat(names, ","), bytes(ks) - empty)
end
-- A queens-style fill: keys r + c in search order.
local d = {}
for r = 1, 8 do for c = 8, 1, -1 do if (r * c) % 3 ~= 0 then d[r + c] = r end end end
local n = 0
for k in pairs(d) do n = n + 1 end
print("keys", n)
