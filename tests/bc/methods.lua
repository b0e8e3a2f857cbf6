local obj = {}
function obj.f(x) return x end
function obj:g(x) return self, x end
function obj.a.b.c:d() end
function globalf() end
function globalt.x() end
local function lf() return lf end
obj:g(1)
obj.f(2)
obj:g():g():g()
return obj:g(3)
