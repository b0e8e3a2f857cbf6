-- yield and resume with many values
local co = coroutine.create(function(...)
  local n = select('#', ...)
  local t = {coroutine.yield(n, ...)}
  return #t
end)
local args = {}
for i = 1, 100 do args[i] = i end
local r = {coroutine.resume(co, unpack(args))}
print(r[1], r[2], r[102], #r)
print(coroutine.resume(co, unpack(args, 1, 50)))
