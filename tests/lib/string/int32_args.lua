-- Integer arguments outside the int32 range become INT32_MIN, as in
-- LuaJIT (lib_checkint): sub/byte/rep/find positions and counts.
local s = "hello"
assert(s:sub(2^53) == "hello" and s:sub(1, 2^53) == "")
assert(s:sub(2^31) == "hello" and s:sub(-2^31 - 1) == "hello" and s:sub(1, 2^31) == "")
assert(s:sub(0 / 0) == "hello" and s:sub(1, 1 / 0) == "")
assert(select("#", s:byte(2^53)) == 0 and select("#", s:byte(1, 2^53)) == 0)
assert(string.rep("x", 2^32 + 3) == "")
assert(s:find("h", 2^53) == 1 and s:match(".", 2^40) == "h")
assert(select(2, s:gsub("l", "L", 2^53)) == 0)
print("OK")
