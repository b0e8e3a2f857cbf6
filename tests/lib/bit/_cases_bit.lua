-- bit library cases (see _harness.lua): each entry is a chunk whose
-- results (or error message) are compared with luajit -joff.
local C = {}
local function add(s) C[#C + 1] = s end

local nums = { "0", "1", "-1", "0.5", "-0.5", "1.5", "2.5", "-2.5", "3.5", "0.4999999", "2^31",
  "2^31-1", "-2^31", "-2^31-1", "2^32", "2^32+1", "-2^32", "2^32-1", "2^40+5", "-2^40-5",
  "2^52", "2^52+0.5", "2^53", "2^53+2", "2^63", "-2^63", "2^64", "2^64+2^12", "1e15",
  "1e16", "1e19", "1e300", "-1e300", "1/0", "-1/0", "0/0", "0x7fffffff", "0xffffffff",
  "0x12345678", "-0x12345678", "'10'", "'0x10'", "' 7 '", "'1e3'", "5e-324" }
for _, v in ipairs(nums) do
  add("return bit.tobit(" .. v .. ")")
  add("return bit.bnot(" .. v .. ")")
  add("return bit.bswap(" .. v .. ")")
  add("return bit.tohex(" .. v .. ")")
end
for _, f in ipairs{ "tobit", "bnot", "bswap", "tohex" } do
  add("return bit." .. f .. "()")
  add("return bit." .. f .. "('x')")
  add("return bit." .. f .. "({})")
  add("return bit." .. f .. "(nil)")
  add("return bit." .. f .. "(true)")
end

for _, w in ipairs{ "0", "1", "2", "4", "7", "8", "9", "16", "-1", "-4", "-8", "-9", "-16",
                    "2^31", "-2^31", "3.7", "'5'", "nil" } do
  add("return bit.tohex(0x1234abcd, " .. w .. ")")
  add("return bit.tohex(-1, " .. w .. ")")
end
add("return bit.tohex(1, 'x')")
add("return bit.tohex(255, {})")

for _, f in ipairs{ "band", "bor", "bxor" } do
  for _, a in ipairs{ "0xff, 0x0f", "-1, 0x12345678", "0xf0f0f0f0, 0x0ff00ff0", "1, 2, 4, 8, 16",
                      "2^32+3, 5", "-1.5, 7", "'12', 10", "0x12345678", "1, 2, 3, 4, 5, 6, 7, 8" } do
    add("return bit." .. f .. "(" .. a .. ")")
  end
  add("return bit." .. f .. "()")
  add("return bit." .. f .. "(1, 'x')")
  add("return bit." .. f .. "(1, 2, nil)")
  add("return bit." .. f .. "({}, 1)")
end

for _, f in ipairs{ "lshift", "rshift", "arshift", "rol", "ror" } do
  for _, v in ipairs{ "1", "-1", "0x80000000", "0x12345678", "0x87654321", "2^32+1" } do
    for _, n in ipairs{ "0", "1", "4", "31", "32", "33", "63", "64", "-1", "-31", "-32", "-33",
                        "2^32+1", "1.5", "'3'" } do
      add("return bit." .. f .. "(" .. v .. ", " .. n .. ")")
    end
  end
  add("return bit." .. f .. "(1)")
  add("return bit." .. f .. "()")
  add("return bit." .. f .. "('x', 1)")
  add("return bit." .. f .. "(1, 'x')")
end

for _, s in ipairs{
  "local k = {} for n in pairs(bit) do k[#k+1] = n end table.sort(k) return table.concat(k, ' ')",
  "return require('bit') == bit",
  "return bit.tobit(0xffffffff) == -1, bit.tobit(2^32) == 0",
  "return bit.band(0x12345678, 0xff) + bit.bor(0, 0) * 1",
  "return type(bit.tohex(1)), #bit.tohex(1)",
  "return bit.tobit(1, 2)",
  "return bit.tobit(-0.0)",
} do add(s) end

return C
