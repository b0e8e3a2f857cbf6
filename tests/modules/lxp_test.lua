-- LuaExpat: parse XML with callbacks, build a tree, report errors.
local lxp = require "lxp"
local stack, root = {}, nil
local text = {}
local p = lxp.new {
  StartElement = function(_, name, attrs)
    local node = { name = name, attrs = attrs, kids = {} }
    if #stack > 0 then table.insert(stack[#stack].kids, node) else root = node end
    stack[#stack + 1] = node
  end,
  EndElement = function(_, name)
    assert(stack[#stack].name == name)
    stack[#stack] = nil
  end,
  CharacterData = function(_, s) text[#text + 1] = s end,
}
local doc = [[<?xml version="1.0"?>
<library owner="lunar">
  <book id="1" lang="en"><title>Programming in Lua</title></book>
  <book id="2"><title>Caf&#233; &amp; Co</title></book>
</library>]]
-- feed in small chunks to exercise incremental parsing
for i = 1, #doc, 7 do assert(p:parse(doc:sub(i, i + 6))) end
assert(p:parse())
p:close()
assert(root.name == "library" and root.attrs.owner == "lunar")
assert(#root.kids == 2)
assert(root.kids[1].attrs.id == "1" and root.kids[1].attrs.lang == "en")
assert(root.kids[2].kids[1].name == "title")
local all = table.concat(text)
assert(all:find("Programming in Lua", 1, true))
assert(all:find("Caf\195\169 & Co", 1, true))
-- malformed input
local bad = lxp.new {}
local ok, msg, line = bad:parse("<a><b></a>")
assert(ok == nil and type(msg) == "string" and line == 1)
assert(not pcall(bad.close, bad))
-- errors raised inside callbacks propagate
local q = lxp.new { StartElement = function() error("boom") end }
local ok2, err = pcall(q.parse, q, "<x/>")
assert(not ok2 and tostring(err):find("boom"))
print "OK"
