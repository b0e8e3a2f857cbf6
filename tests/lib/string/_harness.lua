-- Driver for the table-driven string library tests: the shared one in
-- tests/lib/_harness.lua (repr, run_cases, emit, check) with another kind
-- of case. A case file (_cases_NAME.lua) returns a list of cases
--   { "find", subject, pattern, init, plain, n = 4 }
-- (the function name in `string`, then its arguments; `n` counts them
-- so that trailing nils survive). "gmatch" collects every iteration.
-- The expected lines come from running the same cases through
-- `luajit -joff` (see gen_expected.sh) and are stored in
-- _expected_NAME.lua.

local H = dofile("../_harness.lua")
local pack = H.pack

-- Values as the shared harness spells them, but a table argument (a gsub
-- replacement) as just "table", the spelling of the stored expectations.
local function repr(v)
  if type(v) == "table" then return "table" end
  return H.repr(v)
end

-- Error messages: drop the position prefix and the function name, which
-- depend on how the call site is resolved, not on the library.
local function normerr(e)
  e = tostring(e)
  e = e:gsub("^[^:]*:%d+: ", "")
  e = e:gsub("to '[^']*'", "to '?'")
  return e
end

function H.call(c)
  local f = string[c[1]]
  local n = c.n or #c
  if c[1] == "gmatch" then
    local out = {}
    local ok, err = pcall(function()
      local it = f(c[2], c[3])
      for _ = 1, 100 do
        local r = pack(it())
        if r[1] == nil then break end
        for i = 1, r.n do r[i] = repr(r[i]) end
        out[#out + 1] = "{" .. table.concat(r, ",", 1, r.n) .. "}"
      end
    end)
    if not ok then return "error: " .. normerr(err) end
    return table.concat(out, " ")
  end
  local r = pack(pcall(f, unpack(c, 2, n)))
  if not r[1] then return "error: " .. normerr(r[2]) end
  local parts = {}
  for i = 2, r.n do parts[#parts + 1] = repr(r[i]) end
  return table.concat(parts, ", ")
end

function H.describe(c)
  local n = c.n or #c
  local a = {}
  for i = 2, n do a[#a + 1] = repr(c[i]) end
  return c[1] .. "(" .. table.concat(a, ", ") .. ")"
end

return H
