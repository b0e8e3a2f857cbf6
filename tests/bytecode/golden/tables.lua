-- Golden program: template tables, constants, loops, goto, metatables.
local t = {1, 2.5, "three", true, false, x = 1, y = "why", [10] = -7, [-1] = 0.125}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
local mt = {__index = function(_, k) return k .. "!" end,
            __add = function(a, b) return "added" end}
local p = setmetatable({}, mt)
local s = 0
for i = 10, 1, -3 do s = s + i end
local i = 0
::again::
i = i + 1
if i < 7 then goto again end
local big = {1e300, -1e-300, 2^53, -0.5, 4294967296, -2147483648, 0/0 ~= 0/0}
local n = 0
while n < 1000 do n = n * 2 + 1 end
repeat n = n - 100 until n < 0
return table.concat(keys, " ") .. "|" .. p.foo .. "|" .. (p + 1) .. "|" ..
  s .. "|" .. i .. "|" .. table.concat({tostring(big[1]), tostring(big[2]),
  tostring(big[3]), big[4], big[5], big[6], tostring(big[7])}, " ") .. "|" .. n
