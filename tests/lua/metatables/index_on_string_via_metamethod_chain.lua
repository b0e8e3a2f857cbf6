-- __index chain of depth 50 works
local t = {}
local cur = t
for i = 1, 50 do
  local nxt = {}
  setmetatable(cur, {__index = nxt})
  cur = nxt
end
cur.found = "yes"
print(t.found)
