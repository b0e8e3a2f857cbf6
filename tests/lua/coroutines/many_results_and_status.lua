-- large yields grow the resumer's stack; status seen from inside
local co = coroutine.create(function(...)
  local t = {}
  for i = 1, 5000 do t[i] = i end
  local n = select("#", coroutine.yield(unpack(t)))
  return n, unpack(t, 1, 3000)
end)
local function count(...) return select("#", ...), (select(select("#", ...), ...)) end
print(count(coroutine.resume(co)))
local args = {}
for i = 1, 100 do args[i] = i end
print(count(coroutine.resume(co, unpack(args))))
print(coroutine.status(co), coroutine.resume(co))
local main = coroutine.running()
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    print("outer from inner", coroutine.status(outer))
    print("inner running", coroutine.running() ~= nil, coroutine.isyieldable())
    coroutine.yield()
  end)
  coroutine.resume(inner)
  print("inner", coroutine.status(inner))
  print("resume outer from itself", coroutine.resume(outer))
end)
print(coroutine.resume(outer))
print(coroutine.status(outer), main)
