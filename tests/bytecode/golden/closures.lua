-- Golden program: closures, upvalues, varargs, tail calls, multres.
local function counter(start)
  local n = start
  return function(d) n = n + (d or 1) return n end, function() return n end
end
local inc, get = counter(10)
inc() inc(5)
local fns = {}
for i = 1, 5 do fns[i] = function() return i * i end end
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
local function pack(...) return {n = select("#", ...), ...} end
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
local t = pack(fns[1](), fns[2](), fns[5]())
local out = {get(), sum(1, 2, 3, unpack(t, 1, t.n)), tail(100, 0), t.n}
do
  local x = 1
  local function f() x = x * 2 return x end
  f() f()
  out[#out + 1] = x
end
return table.concat(out, ",")
