-- coroutine.isyieldable (LuaJIT 2.1 extension)
print(coroutine.isyieldable())
print(coroutine.wrap(function() return coroutine.isyieldable() end)())
