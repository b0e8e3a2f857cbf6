-- The unrolled returns to Lua callers (RET0, RET1, next's pair, fast
-- functions): every wanted count, nil fill, multiple results, callers
-- whose call slot is above live locals.
local function r0() end
local function r1() return 7 end
local function cnt(...) return select('#', ...), ... end

local a, b, c = 1, 2, 3
a, b, c = r0()
print(a, b, c)
a, b, c = r1()
print(a, b, c)
print(cnt(r0()))
print(cnt(r1()))
print(cnt(r0(), r1()))
print((r1()))

local t = {10, 20, x = "y"}
local k1, v1, k2, v2 = next(t)
print(k1, v1, k2, v2)
print(cnt(next(t)))
print(cnt(next({})))
print(cnt(next(t, 1)))
print(next(t, 2) ~= nil)
local keep = "live"
local k = next(t)
print(k, keep)
local p, q, r, s, u = 5, 6, next(t)
print(p, q, r, s, u)
print(pcall(next, t, "absent"))

-- Fast functions returning one value, with more values wanted.
local f1, f2, f3 = math.abs(-3)
print(f1, f2, f3)
local g1, g2 = bit.band(7, 3)
print(g1, g2)
print(cnt(math.floor(2.5)))

-- Deep and mixed: returns through several frames.
local function depth(n) if n == 0 then return end return depth(n - 1) end
print(cnt(depth(50)))
local function tail1(n) if n == 0 then return n end return tail1(n - 1) end
print(tail1(100))
for i = 1, 3 do
  local x, y = r0(), r1()
  io.write(tostring(x), " ", tostring(y), ";")
end
print()
