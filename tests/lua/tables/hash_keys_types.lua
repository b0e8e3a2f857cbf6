-- keys of every type
local t = {}
local f, co, u, k = print, coroutine.create(function() end), newproxy(), {}
t[true] = "T"; t[false] = "F"; t[1.5] = "float"; t["s"] = "str"; t[f] = "fn"
t[co] = "thread"; t[u] = "udata"; t[k] = "table"; t[-1] = "neg"; t[0] = "zero"
print(t[true], t[false], t[1.5], t.s, t[f], t[co], t[u], t[k], t[-1], t[0])
print(pcall(function() t[nil] = 1 end))
print(pcall(function() t[0/0] = 1 end))
print(t[nil], t[0/0])
