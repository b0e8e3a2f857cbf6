-- an error in a coroutine surfaces through resume, then is re-raised
local co = coroutine.create(function() local z; return z.f end)
local ok, e = coroutine.resume(co)
error(e, 0)
