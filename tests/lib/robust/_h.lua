-- Helpers for the robustness suites (not a test).  Every case must end in
-- the expected clean error (or result) and leave the state usable.
local H = { n = 0, fails = {} }

-- H.err(needle, f, ...): f(...) must raise an error whose message contains
-- needle (plain text); returns the message.
function H.err(needle, f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "expected an error containing: " .. needle)
  assert(type(e) == "string" and e:find(needle, 1, true),
         "expected '" .. needle .. "', got: " .. tostring(e))
  return e
end

-- H.loaderr(needle, src): loadstring(src) must fail with needle.
function H.loaderr(needle, src)
  local f, e = loadstring(src)
  assert(f == nil, "expected a compile error containing: " .. needle)
  assert(e:find(needle, 1, true), "expected '" .. needle .. "', got: " .. e)
  return e
end

-- H.usable(): the state still works after the previous case.
function H.usable()
  local t = {}
  for i = 1, 100 do t[i] = i * 2 end
  assert(#t == 100 and t[100] == 200)
  assert(select(2, pcall(error, "x", 0)) == "x")
  local co = coroutine.wrap(function(a) return coroutine.yield(a + 1) end)
  assert(co(1) == 2)
  assert(string.rep("ab", 3) == "ababab")
  assert(loadstring("return 1 + 1")() == 2)
  collectgarbage()
end

-- H.case(name, f): run one case, then check the state.  A failing case is
-- recorded and the next one still runs; H.finish() reports.
function H.case(name, f)
  local ok, e = pcall(f)
  if ok then ok, e = pcall(H.usable); if not ok then e = "state unusable: " .. tostring(e) end end
  if not ok then H.fails[#H.fails + 1] = name .. ": " .. tostring(e) end
  H.n = H.n + 1
end

-- H.finish(): list the failures; exit 1 if any, else print OK.
function H.finish()
  for _, f in ipairs(H.fails) do print("FAIL " .. f) end
  print(H.n - #H.fails .. "/" .. H.n .. " cases passed")
  if #H.fails > 0 then os.exit(1) end
  print "OK"
end

return H
