-- '.', '..', '...' and numbers next to each other
print(1 .. 2, .5 .. "", 1.5 .. "x")
local function v(...) return ... .. "!" end
print(v("a"))
local srcs = {"return 1..2", "return .5..''", "return 1 ..2", "return 1.. 2", "return ....", "return a.b.c", "return 1...2"}
for _, s in ipairs(srcs) do
  local f, e = loadstring(s, "=d")
  print(s, f and "ok" or e)
end
