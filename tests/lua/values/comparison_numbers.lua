-- numeric comparison incl. nan and infinities
local nan = 0 / 0
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, -0 == 0, 1/0 > 1e308)
print(nan == nan, nan ~= nan, nan < 1, nan > 1, nan <= nan, nan >= nan)
print(not (nan < 1), not (1 < nan))
