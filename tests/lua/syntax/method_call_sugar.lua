-- method definitions and calls
local obj = {n = 0}
function obj:inc(k) self.n = self.n + (k or 1) return self end
function obj.get(o) return o.n end
obj:inc():inc(5)
print(obj:get(), obj.get(obj))
local a = {b = {c = {}}}
function a.b.c.f(x) return x * 2 end
function a.b.c:g(x) return self == a.b.c, x end
print(a.b.c.f(21), a.b.c:g(3))
