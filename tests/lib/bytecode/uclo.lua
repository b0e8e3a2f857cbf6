-- The interpreter's returns do not close upvalues: the parser closes them
-- with UCLO 0 before every return of a function that makes closures, and
-- the loader rejects bytecode where a return or tail call can be reached
-- with an upvalue still open (it would dangle once the frame is gone).
-- Opcode numbers of LuaJIT 2.1's format: UCLO 50, JMP 88.
local UCLO, JMP = string.char(50, 0, 0, 0x80), string.char(88, 0, 0, 0x80)

local function count(s, pat)
  local n, i = 0, 1
  while true do
    local j = s:find(pat, i, true)
    if not j then return n end
    n, i = n + 1, j + 1
  end
end

-- Each maker leaves one closure capturing a local, then returns.
local makers = {
  function(x) local f = function() return x end; return f end,
  function(x) local f = function() return x end; return f, 1 end,
  function(x) local f = function() x = x + 1 end; f(); return end,
  function(x, g) local f = function() return x end; return g(f) end,
}
for i, mk in ipairs(makers) do
  local bc = string.dump(mk, true)
  assert(count(bc, UCLO) == 1, "maker " .. i .. ": one UCLO 0")
  -- Unchanged, the dump loads and works.
  local ok = assert(loadstring(bc))
  assert(type(ok) == "function")
  -- With the UCLO turned into a plain jump, it is rejected.
  local at = bc:find(UCLO, 1, true)
  local bad = bc:sub(1, at - 1) .. JMP .. bc:sub(at + 4)
  local f, err = loadstring(bad)
  assert(f == nil and err:find("malformed bytecode", 1, true),
         "maker " .. i .. ": " .. tostring(err))
end

-- A closure over a block's local is closed by the block's own UCLO: the
-- function's final return needs no UCLO 0 and must still load.
local function blockonly()
  do
    local y = 2
    G_blockonly = function() return y end
  end
end
local f = assert(loadstring(string.dump(blockonly, true)))
f()
assert(G_blockonly() == 2)

-- Closures that capture only upvalues (no local of the frame) need no
-- UCLO either.
local up = 5
local function uponly() return function() return up end end
assert(assert(loadstring(string.dump(uponly)))()() == nil)  -- up is nil once loaded

print("OK")
