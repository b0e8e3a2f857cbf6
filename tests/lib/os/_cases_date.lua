-- os.date cases for date.lua: every strftime conversion (plus a few odd
-- ones), "!*t", at fixed UTC times.  Only "!" formats, so the result does
-- not depend on the local time zone.  Returns a list of {format, time}.
local times = {
  0, 1, 59, 86399, 86400, 951782400, 951868799, 978307200, 1234567890,
  1000000000, 1700000000.75, 2147483647, 2147483648, 4102444800, 1609459199,
  1230768000, 1262304000, 1293840000, 1104537600, 31536000,
}
local convs = {
  "a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G", "h", "H", "I",
  "j", "m", "M", "n", "p", "r", "R", "S", "t", "T", "u", "U", "V", "w", "W",
  "x", "X", "y", "Y", "z", "Z", "%",
}
local C = {}
for _, t in ipairs(times) do
  for _, c in ipairs(convs) do C[#C + 1] = { "!%" .. c, t } end
  C[#C + 1] = { "!*t", t }
  C[#C + 1] = { "!%Y-%m-%dT%H:%M:%SZ", t }
end
-- mixed text, empty and repeated formats at one time
for _, f in ipairs{ "!", "!text only", "!%%%%", "!%H%%%M", "!%Y%Y%Y", "!a%db%mc",
    "!%Ec", "!%Ex", "!%Oy", "!%OH", "!%Ey", "!%%d", "!!%Y", "!\n%Y\t" } do
  C[#C + 1] = { f, 1234567890 }
end
return C
