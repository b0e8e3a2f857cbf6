-- yield across a C function that is not resumable is an error
local co = coroutine.create(function()
  return table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)
print(coroutine.resume(co))
