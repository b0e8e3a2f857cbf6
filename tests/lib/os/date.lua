-- Table-driven os.date tests ("!" formats and "!*t" at fixed times)
-- against luajit -joff: cases in _cases_date.lua, expectations in
-- _expected_date.lua (regenerate with gen_expected.sh).
local got = dofile("_date_run.lua")
local want = dofile("_expected_date.lua")
local bad = 0
for i = 1, math.max(#got, #want) do
  if got[i] ~= want[i] then
    bad = bad + 1
    if bad <= 10 then
      print("case " .. i .. ":\n  got:  " .. tostring(got[i]) .. "\n  want: " .. tostring(want[i]))
    end
  end
end
assert(#want > 700, "expectation file too short")
if bad > 0 then error(bad .. " of " .. #want .. " os.date cases differ") end
print "OK"
