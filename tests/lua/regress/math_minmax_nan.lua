-- math.max/min with NaN and signed zeros follow LuaJIT's maxsd/minsd order:
-- the result is the later operand unless the running value compares
-- strictly greater (smaller).  Found by tools/difftest (seed 20).
local nan = 0 / 0
print(math.max(1, nan), math.max(nan, 1), math.min(1, nan), math.min(nan, 1))
print(math.max(-2.5, nan, 3), math.min(nan, 2, nan))
print(1 / math.max(-0, 0), 1 / math.max(0, -0), 1 / math.min(0, -0), 1 / math.min(-0, 0))
local x = nan
print(0.5 - math.min(math.max(-2.5, x), math.fmod(3.14159, -1e308)))
