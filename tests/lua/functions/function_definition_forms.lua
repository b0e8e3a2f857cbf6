-- every way of defining a function
function gf(x) return "global " .. x end
local function lf(x) return "local " .. x end
local af = function(x) return "anon " .. x end
local t = {}
function t.field(x) return "field " .. x end
function t:method(x) return "method " .. x end
print(gf(1), lf(2), af(3), t.field(4), t:method(5))
local function rec(n) return n == 0 and "rec" or rec(n - 1) end
print(rec(3))
