-- nested pcall/coroutine/pcall with yields at every level
local co = coroutine.wrap(function()
  local r = {pcall(function()
    local inner = coroutine.wrap(function()
      local ok, v = pcall(function() return coroutine.yield("inner yield") end)
      coroutine.yield("inner got " .. tostring(v))
      error("inner error")
    end)
    local a = inner()
    local b = inner("V")
    coroutine.yield(a .. " / " .. b)
    return inner()
  end)}
  return r[1], r[2]
end)
print(co())
print(co())
