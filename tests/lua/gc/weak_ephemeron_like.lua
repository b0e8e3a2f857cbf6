-- weak keys: only the key we still hold survives a full collection
local w = setmetatable({}, {__mode = "k"})
local held = {}
w[held] = {ref = held}
for i = 1, 100 do w[{}] = i end
collectgarbage(); collectgarbage()
local n = 0
for _ in pairs(w) do n = n + 1 end
print(n, w[held].ref == held)
