-- Thread stacks shrink again: a coroutine (or the main thread) that once
-- recursed deeply gives the memory back at the next full collection, and
-- still works afterwards (deep recursion again, upvalues into the moved
-- stack, varargs, pcall frames, yields from deep inside).
local H = dofile("_h.lua")

local function kb() return collectgarbage("count") end
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end

-- Memory after a full collection (two, so that anything freed by the
-- first cycle's finalizers is gone too).
local function settled()
  collectgarbage()
  collectgarbage()
  return kb()
end

H.case("suspended coroutine after deep recursion", function()
  local co = coroutine.wrap(function(n)
    while true do
      n = coroutine.yield(deep(n))
    end
  end)
  assert(co(10) == 10)
  local small = settled()
  assert(co(10000) == 10000)  -- The stack grows to ~40000 slots (~400 KB).
  local big = kb()
  assert(big > small + 200, "the deep recursion did not grow the stack")
  -- The coroutine is suspended at a shallow level: one collection is
  -- enough to give most of its stack back.
  local after = settled()
  assert(after < big - 200, string.format("stack not shrunk: %.0f KB -> %.0f KB", big, after))
  -- It still recurses deeply, and shrinks again.
  assert(co(10000) == 10000)
  assert(co(5) == 5)
  assert(settled() < big - 200)
end)

H.case("dead coroutine keeps working as a value", function()
  local co = coroutine.create(function(n) return deep(n) end)
  local before = settled()
  local ok, r = coroutine.resume(co, 8000)
  assert(ok and r == 8000)
  local big = kb()
  assert(big > before + 150)
  assert(settled() < big - 150)
  assert(coroutine.status(co) == "dead")
  local ok2, e = coroutine.resume(co)
  assert(not ok2 and e == "cannot resume dead coroutine")
end)

H.case("open upvalues and frames below the yield survive a shrink", function()
  local co = coroutine.create(function(...)
    local a, b, c = ...
    local get = function() return a + b + c end
    -- A caller frame with many slots: its temporaries above the small
    -- frame it calls must still fit after the shrink.
    local function wide(x)
      local t1, t2, t3, t4, t5, t6, t7, t8 = x, x, x, x, x, x, x, x
      local r = { coroutine.yield(deep(20000)) }
      return t1 + t2 + t3 + t4 + t5 + t6 + t7 + t8 + #r
    end
    local ok, v = pcall(wide, 1)
    a = a * 10
    return ok and v, get(), select("#", ...)
  end)
  local ok, r = coroutine.resume(co, 1, 2, 3, 4, 5)
  assert(ok and r == 20000)
  settled()
  local ok2, v, g, n = coroutine.resume(co, "x", "y", "z")
  assert(ok2 and v == 11 and g == 15 and n == 5, tostring(v) .. " " .. tostring(g))
end)

H.case("many coroutines", function()
  local cos = {}
  for i = 1, 20 do
    cos[i] = coroutine.wrap(function(n)
      while true do n = coroutine.yield(deep(n) + i) end
    end)
    assert(cos[i](3000) == 3000 + i)
  end
  local big = kb()
  local after = settled()
  assert(after < big - 100, string.format("%.0f KB -> %.0f KB", big, after))
  for i = 1, 20 do assert(cos[i](2000 + i) == 2000 + 2 * i) end
end)

H.case("main thread after deep recursion", function()
  local before = settled()
  assert(deep(10000) == 10000)
  local big = kb()
  -- The main thread runs this collection, so its stack is not shrunk
  -- here: collect from a coroutine while the main thread is idle in resume.
  -- (The main thread has a C frame while it resumes: never shrunk under
  -- a running coroutine either.)
  coroutine.wrap(function() collectgarbage() collectgarbage() end)()
  assert(deep(10000) == 10000)
  assert(kb() <= big + 100)
  assert(before < big)
end)

H.case("collection from inside a deep coroutine", function()
  local co = coroutine.wrap(function()
    local function d(n)
      if n == 0 then collectgarbage() return 0 end
      return 1 + d(n - 1)
    end
    return d(20000)
  end)
  assert(co() == 20000)
end)

H.finish()
