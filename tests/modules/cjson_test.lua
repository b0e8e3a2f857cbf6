-- lua-cjson: round trip of nested data, error paths.
local cjson = require "cjson"
local data = {
  name = "lunar", version = 1.5, ok = true, nothing = cjson.null,
  list = { 1, 2, 3, { nested = { "deep", false } } },
  map = { a = { b = { c = "d" } } },
  unicode = "h\195\169llo \226\130\172", esc = "quote\" back\\ nl\n tab\t",
}
local s = cjson.encode(data)
assert(type(s) == "string")
local back = cjson.decode(s)
local function eq(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not eq(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
assert(eq(data, back))
assert(back.nothing == cjson.null)
assert(back.list[4].nested[2] == false)
assert(cjson.encode({}) == "{}")
assert(cjson.encode({ 1, 2 }) == "[1,2]")
assert(cjson.encode("a/b") == '"a\\/b"')
local d = cjson.decode('[1, 2.5, -3e2, "x", {"k": [true, null]}]')
assert(d[1] == 1 and d[2] == 2.5 and d[3] == -300 and d[4] == "x")
assert(d[5].k[1] == true and d[5].k[2] == cjson.null)
assert(cjson.decode('"\\u00e9"') == "\195\169")
-- errors come back as Lua errors
local ok, err = pcall(cjson.decode, "{bad json")
assert(not ok and err:find("Expected"))
ok, err = pcall(cjson.encode, { f = print })
assert(not ok and err:find("Cannot serialise"))
local deep = {}
local cur = deep
for _ = 1, 2000 do cur[1] = {}; cur = cur[1] end
ok = pcall(cjson.encode, deep)
assert(not ok)
-- a big array
local big = {}
for i = 1, 10000 do big[i] = { i = i, s = tostring(i) } end
local rt = cjson.decode(cjson.encode(big))
assert(#rt == 10000 and rt[9999].s == "9999")
-- independent instance
local c2 = cjson.new()
c2.encode_sparse_array(true)
assert(c2.encode({ [1] = 1, [5] = 5 }) ~= nil)
print "OK"
