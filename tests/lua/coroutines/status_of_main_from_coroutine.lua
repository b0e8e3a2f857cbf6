-- coroutine.running inside nested coroutines and status of the resumer
local outer_co
outer_co = coroutine.create(function()
  local inner = coroutine.create(function()
    return coroutine.status(outer_co), coroutine.running() ~= outer_co
  end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer_co))
