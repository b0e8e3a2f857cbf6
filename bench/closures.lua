-- Closures and upvalues: counters, accumulators, function composition.
local n = tonumber(arg and arg[1]) or 15000000
local function counter()
  local c = 0
  return function() c = c + 1 return c end
end
local function compose(f, g) return function(x) return f(g(x)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local total = 0
local cnt = counter()
local h = compose(inc, dbl)
for i = 1, n do
  total = total + h(i) + cnt()
  if i % 1000 == 0 then
    local c2 = counter()
    c2() c2()
    total = total + c2()
  end
end
print(total)
