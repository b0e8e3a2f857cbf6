-- Bytecode dumps made by `luajit -bg` / `luajit -b` (checked in under
-- tests/bytecode/golden, no luajit needed) load and run under lunar with
-- the output luajit gives for the source; lunar's own dump of each source
-- runs the same, and dumping the loaded golden function again loads too.
local dir = "../../bytecode/golden/"
local function slurp(name)
  local f = assert(io.open(dir .. name, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end
for _, name in ipairs{"closures", "tables", "strings"} do
  local want = slurp(name .. ".out"):gsub("\n$", "")
  for _, raw in ipairs{name .. ".raw", name .. ".stripped.raw"} do
    local bc = slurp(raw)
    assert(bc:byte(1) == 27, raw)
    local f = assert(loadstring(bc, "=" .. raw))
    assert(f() == want, raw)
    local g = assert(loadfile(dir .. raw))
    assert(g() == want, raw .. " via loadfile")
    -- Binary chunks obey load's mode argument.
    local h, err = load(bc, raw, "t")
    assert(h == nil and err:find("wrong mode"), err)
    assert(load(bc, raw, "b"))()
    -- Re-dump what was loaded: still the same program.
    local again = assert(loadstring(string.dump(f)))
    assert(again() == want, raw .. " re-dumped")
    local again2 = assert(loadstring(string.dump(f, true)))
    assert(again2() == want, raw .. " re-dumped stripped")
  end
  local src = assert(loadfile(dir .. name .. ".lua"))
  assert(src() == want, name .. ".lua")
  assert(loadstring(string.dump(src))() == want, name .. " lunar dump")
  assert(loadstring(string.dump(src, true))() == want, name .. " lunar dump stripped")
end
-- Truncated golden dumps are rejected cleanly.
local bc = slurp("closures.raw")
for cut = 1, #bc - 1, 7 do
  local f, err = loadstring(bc:sub(1, cut))
  assert(f == nil and type(err) == "string", cut)
end
print("OK")
