-- LuaFileSystem: build a directory tree, walk it, clean it up.
local lfs = require "lfs"
local base = os.tmpname()
os.remove(base)
assert(lfs.mkdir(base))
assert(lfs.attributes(base, "mode") == "directory")
local files = { "a.txt", "sub/b.txt", "sub/deeper/c.txt", "sub/d.lua" }
assert(lfs.mkdir(base .. "/sub"))
assert(lfs.mkdir(base .. "/sub/deeper"))
for i, f in ipairs(files) do
  local h = assert(io.open(base .. "/" .. f, "w"))
  h:write(string.rep("x", i * 10))
  h:close()
end
local found, total = {}, 0
local function walk(dir, rel)
  for name in lfs.dir(dir) do
    if name ~= "." and name ~= ".." then
      local path = dir .. "/" .. name
      local attr = assert(lfs.attributes(path))
      local r = rel and (rel .. "/" .. name) or name
      if attr.mode == "directory" then walk(path, r)
      else found[#found + 1] = r; total = total + attr.size end
    end
  end
end
walk(base)
table.sort(found)
local want = { "a.txt", "sub/b.txt", "sub/d.lua", "sub/deeper/c.txt" }
assert(#found == #want)
for i = 1, #want do assert(found[i] == want[i], found[i]) end
assert(total == 100)
-- chdir/currentdir, touch, symlinkattributes
local old = assert(lfs.currentdir())
assert(lfs.chdir(base .. "/sub"))
assert(lfs.currentdir():sub(-4) == "/sub")
assert(lfs.chdir(old))
assert(lfs.touch(base .. "/a.txt", 1000000, 1000000))
assert(lfs.attributes(base .. "/a.txt", "modification") == 1000000)
local ok, err = lfs.attributes(base .. "/nope")
assert(ok == nil and type(err) == "string")
-- dir objects
local iter, d = lfs.dir(base)
local n = 0
while iter(d) do n = n + 1 end
assert(n == 4)  -- . .. a.txt sub
-- cleanup
local function rmtree(p)
  for name in lfs.dir(p) do
    if name ~= "." and name ~= ".." then
      local q = p .. "/" .. name
      if lfs.attributes(q, "mode") == "directory" then rmtree(q) else assert(os.remove(q)) end
    end
  end
  assert(lfs.rmdir(p))
end
rmtree(base)
assert(lfs.attributes(base) == nil)
print "OK"
