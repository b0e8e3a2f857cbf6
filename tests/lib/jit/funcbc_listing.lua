-- jit.util.funcbc walked over every instruction of every function of a
-- few programs must agree with `lunar -bl`: same number of instructions
-- per function, same opcode at every pc (named through LuaJIT's opcode
-- numbering below, so the numbering is checked too), and funcinfo's
-- linedefined/lastlinedefined match the listing's headers.
local H = dofile("../_harness.lua")
local ju = require("jit.util")

-- LuaJIT 2.1's opcodes in numbering order (what jit.vmdef's bcnames holds).
local BCNAMES = {
  "ISLT", "ISGE", "ISLE", "ISGT", "ISEQV", "ISNEV", "ISEQS", "ISNES",
  "ISEQN", "ISNEN", "ISEQP", "ISNEP", "ISTC", "ISFC", "IST", "ISF",
  "ISTYPE", "ISNUM", "MOV", "NOT", "UNM", "LEN", "ADDVN", "SUBVN",
  "MULVN", "DIVVN", "MODVN", "ADDNV", "SUBNV", "MULNV", "DIVNV", "MODNV",
  "ADDVV", "SUBVV", "MULVV", "DIVVV", "MODVV", "POW", "CAT", "KSTR",
  "KCDATA", "KSHORT", "KNUM", "KPRI", "KNIL", "UGET", "USETV", "USETS",
  "USETN", "USETP", "UCLO", "FNEW", "TNEW", "TDUP", "GGET", "GSET",
  "TGETV", "TGETS", "TGETB", "TGETR", "TSETV", "TSETS", "TSETB", "TSETM",
  "TSETR", "CALLM", "CALL", "CALLMT", "CALLT", "ITERC", "ITERN", "VARG",
  "ISNEXT", "RETM", "RET", "RET0", "RET1", "FORI", "JFORI", "FORL",
  "IFORL", "JFORL", "ITERL", "IITERL", "JITERL", "LOOP", "ILOOP", "JLOOP",
  "JMP", "FUNCF", "IFUNCF", "JFUNCF", "FUNCV", "IFUNCV", "JFUNCV", "FUNCC",
  "FUNCCW",
}
assert(#BCNAMES == 97)

-- A program that uses most opcodes (and nests functions).
local SRC = [[
local a, b, c = 1, "s", nil
local t = { 1, 2, x = 3, [4] = "four" }
local function up() a = a + 1; b = "t"; c = 2.5; a = true; return a end
local function ops(x, y, ...)
  local r = x + 1, x - 1, x * 2, x / 2, x % 2, 1 + x, 1 - x, 2 * x, 2 / x,
    2 % x, x + y, x - y, x * y, x / y, x % y, x ^ y, -x, not x, #t, x .. y
  if x < y then r = 1 elseif x >= y then r = 2 end
  if x <= y or x > y then r = 3 end
  if x == y and x ~= 1 and x == "a" and x ~= nil and x == 2.5 then r = 4 end
  local z = x and y or nil
  t[x] = y; t.k = y; t[1] = y; t[x] = t[y]; y = t.k; y = t[2]
  g = x; y = g
  local v = { ... }
  return select("#", ...), ...
end
local function loops(n)
  local s = 0
  for i = 1, n do s = s + i end
  for i = n, 1, -1 do s = s - i end
  for k, v in pairs(t) do s = s + 1 end
  for k, v in next, t do s = s + 1 end
  while s > 0 do s = s - 1 end
  repeat s = s + 1 until s > 3
  do local x = 1; local f = function() return x end end
  goto done
  ::done::
  return ops(s, s, s)
end
local obj = {}
function obj:m(x) return self, x end
local function tail(n) if n > 0 then return tail(n - 1) end return obj:m(n) end
return up, ops, loops, tail, t, 0x7fff, 1e300, -0.5
]]

-- Every prototype reachable from f: { proto, linedefined, lastlinedefined }.
local function protos(f, list)
  list = list or {}
  local info = ju.funcinfo(f)
  list[#list + 1] = { f = f, first = info.linedefined, last = info.lastlinedefined,
                      n = info.bytecodes }
  for i = -1, -info.gcconsts, -1 do
    local k = ju.funck(f, i)
    if type(k) == "proto" then protos(k, list) end
  end
  return list
end

-- The listing of file: { ["L-M"] = { opname, ... } } per function.
local function listing(file)
  local p = assert(io.popen(string.format("%q -bl %q", H.lunar(), file)))
  local blocks, cur = {}, nil
  for line in p:lines() do
    local lines = line:match("^%-%- BYTECODE %-%- .-:(%d+%-%d+)$")
    if lines then
      assert(not blocks[lines], "two functions on lines " .. lines)
      cur = {}
      blocks[lines] = cur
    else
      local pc, op = line:match("^(%d%d%d%d) .. (%w+)")
      if pc then
        assert(tonumber(pc) == #cur + 1, "listing pc " .. pc)
        cur[#cur + 1] = op
      end
    end
  end
  p:close()
  return blocks
end

local function check(file)
  local f = assert(loadfile(file))
  local blocks = listing(file)
  local nfunc, nins = 0, 0
  for _, pt in ipairs(protos(f)) do
    local key = pt.first .. "-" .. pt.last
    local ops = blocks[key]
    assert(ops, file .. ": no listing for function at " .. key)
    blocks[key] = nil
    H.eq(pt.n - 1, #ops, file .. " " .. key .. " instruction count")
    local ins, mode = ju.funcbc(pt.f, 0)
    local hname = BCNAMES[ins % 256 + 1]
    assert(hname == "FUNCF" or hname == "FUNCV", "header is " .. hname)
    assert(mode == 45060, "header mode " .. mode)
    for pc = 1, pt.n - 1 do
      ins = ju.funcbc(pt.f, pc)
      H.eq(BCNAMES[ins % 256 + 1], ops[pc], file .. " " .. key .. " pc " .. pc)
      nins = nins + 1
    end
    assert(select("#", ju.funcbc(pt.f, pt.n)) == 0, "funcbc past the end")
    nfunc = nfunc + 1
  end
  assert(next(blocks) == nil, file .. ": listing has functions funck did not reach")
  return nfunc, nins
end

local tmp = os.tmpname()
local fp = assert(io.open(tmp, "w"))
fp:write(SRC)
fp:close()
local ok, err = pcall(function()
  local nf, ni = check(tmp)
  assert(nf == 7 and ni > 150, "walked " .. nf .. " functions, " .. ni .. " instructions")
  for _, b in ipairs{ "richards", "nbody", "life", "binarytrees" } do
    check("../../../bench/" .. b .. ".lua")
  end
end)
os.remove(tmp)
assert(ok, err)
print("OK")
