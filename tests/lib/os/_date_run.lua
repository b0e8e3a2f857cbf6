-- Shared by date.lua and gen_expected.sh: runs the cases of _cases_date.lua
-- and returns one canonical line per case.
local out = {}
for i, c in ipairs(dofile("_cases_date.lua")) do
  local ok, r = pcall(os.date, c[1], c[2])
  if ok and type(r) == "table" then
    local keys = {}
    for k in pairs(r) do keys[#keys + 1] = k end
    table.sort(keys)
    for j, k in ipairs(keys) do keys[j] = k .. "=" .. tostring(r[k]) end
    r = "{" .. table.concat(keys, ",") .. "}"
  end
  out[i] = string.format("%q %.17g => %s %q", c[1], c[2], tostring(ok), tostring(r)):gsub("\\\n", "\\n")
end
return out
