-- a coroutine whose stack grows while closures over its locals exist
local get
local co = coroutine.create(function()
  local x = "kept"
  get = function() return x end
  local function deep(n) if n == 0 then coroutine.yield("deep") return 0 end return 1 + deep(n - 1) end
  local d = deep(3000)
  x = "changed after " .. d
  return x
end)
print(coroutine.resume(co))
print(get())
print(coroutine.resume(co))
print(get())
