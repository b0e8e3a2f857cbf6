-- Penlight (Debian lua-penlight): a broad smoke test across its modules.
local pl = require "pl.import_into"()
local List, Map, Set, OrderedMap = pl.List, pl.Map, pl.Set, pl.OrderedMap
local tablex, stringx, utils = pl.tablex, pl.stringx, pl.utils

-- utils / func
assert(utils.split("a b  c")[3] == "c")
local sq = utils.string_lambda "|x| x * x"
assert(sq(7) == 49)
assert(utils.bind1(math.max, 10)(3) == 10)
assert(select("#", utils.unpack({ 1, nil, 3 }, 1, 3)) == 3)

-- List
local l = List { 5, 1, 4 }
l:append(2):sort()
assert(l == List { 1, 2, 4, 5 })
assert(l:map(function(x) return x * 10 end):reduce "+" == 120)
assert(l:slice(2, 3) == List { 2, 4 })
assert(tostring(List { 1, 2 }) == "{1,2}")
assert(List.range(1, 5):filter(function(x) return x % 2 == 1 end) == List { 1, 3, 5 })

-- tablex
assert(tablex.deepcompare({ a = { 1, 2 } }, { a = { 1, 2 } }))
assert(tablex.size({ a = 1, b = 2 }) == 2)
local keys = tablex.keys({ x = 1, y = 2 }); table.sort(keys)
assert(keys[1] == "x" and keys[2] == "y")
assert(tablex.reduce("+", { 1, 2, 3 }) == 6)
assert(tablex.find({ "a", "b" }, "b") == 2)

-- stringx
assert(stringx.strip("  hi  ") == "hi")
assert(stringx.startswith("lunar", "lu") and stringx.endswith("lunar", "ar"))
assert(#stringx.split("a,b,c", ",") == 3)
assert(stringx.replace("aaa", "a", "b", 2) == "bba")
assert(stringx.title("hello world") == "Hello World")

-- Map, Set, OrderedMap
local m = Map { a = 1 }
m:set("b", 2)
assert(m:get("b") == 2 and #m:keys() == 2)
local s = Set { 1, 2, 3 } * Set { 2, 3, 4 }
assert(Set.len(s) == 2 and s[2] and s[3])
local om = OrderedMap()
om:set("z", 1); om:set("a", 2)
local order = {}
for k in om:iter() do order[#order + 1] = k end
assert(order[1] == "z" and order[2] == "a")

-- class
local Animal = pl.class()
function Animal:_init(name) self.name = name end
function Animal:speak() return self.name .. " makes a sound" end
local Dog = pl.class(Animal)
function Dog:speak() return self.name .. " barks" end
local d = Dog("rex")
assert(d:speak() == "rex barks" and d:is_a(Animal) and Dog:class_of(d))

-- pretty, data, lexer, template, text, seq, path, Date, array2d, sip
local t = pl.pretty.read("{a=1,b={2,3}}")
assert(t.a == 1 and t.b[2] == 3)
assert(pl.pretty.write({ 1, 2 }, "") == "{1,2}")
local toks = {}
for tt, v in pl.lexer.lua("local x = 1 + y") do toks[#toks + 1] = tt .. ":" .. v end
assert(toks[1] == "keyword:local" and toks[2] == "iden:x")
local out = pl.template.substitute("$(x) and $(y)", { x = "A", y = "B" })
assert(out == "A and B")
assert(pl.text.Template("${who}!"):substitute { who = "hi" } == "hi!")
assert(pl.seq.sum(pl.seq.range(1, 10)) == 55)
assert(pl.path.basename("/a/b/c.lua") == "c.lua")
assert(pl.path.extension("x.tar.gz") == ".gz")
assert(pl.path.join("a", "b") == "a/b")
local dt = pl.Date { year = 2020, month = 2, day = 29 }
assert(dt:year() == 2020 and dt:month() == 2)
local A = pl.array2d.new(2, 3, 0)
assert(#A == 2 and #A[1] == 3)
local res = {}
assert(pl.sip.match("$v{name} = $d{val}", "x = 42", res) and res.name == "x" and res.val == 42)
local cmp = pl.comprehension.new()
assert(#cmp "x for x=1,4" () == 4)

-- data: read a CSV-like table from a string
local f = pl.stringio.open("a,b\n1,2\n3,4\n")
local data = pl.data.read(f, { delim = "," })
assert(#data == 2 and data[2][2] == 4)

-- file / dir round trip
local tmp = os.tmpname()
assert(pl.file.write(tmp, "penlight"))
assert(pl.file.read(tmp) == "penlight")
os.remove(tmp)

-- pl.strict and pl.compat load
assert(pl.compat.lua51 ~= nil)
assert(pcall(require, "pl.strict"))
print "OK"
