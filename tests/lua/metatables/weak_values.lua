-- weak values are cleared by a full collection
local cache = setmetatable({}, {__mode = "v"})
cache[1] = {}
cache[2] = "strings are not collectable"
local keep = {}
cache[3] = keep
collectgarbage()
collectgarbage()
print(cache[1], cache[2], cache[3] == keep)
