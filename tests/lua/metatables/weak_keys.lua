-- weak keys are cleared when the key is only referenced weakly
local wk = setmetatable({}, {__mode = "k"})
local live = {}
wk[live] = "live"
wk[{}] = "dead"
wk[1] = "number key"
collectgarbage()
collectgarbage()
local n = 0
for k, v in pairs(wk) do n = n + 1 end
print(n, wk[live], wk[1])
