-- fully weak table loses both unreferenced keys and values
local w = setmetatable({}, {__mode = "kv"})
local k = {}
w[k] = {}
w[{}] = k
w.s = "str"
w[1] = 1
collectgarbage()
local n = 0
for _ in pairs(w) do n = n + 1 end
print(n, w.s, w[1], w[k])
