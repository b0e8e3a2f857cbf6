-- memory in use goes down after releasing a big structure
collectgarbage()
local before = collectgarbage("count")
local big = {}
for i = 1, 200000 do big[i] = {i} end
local during = collectgarbage("count")
big = nil
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print(during > before + 1000, after < during - 1000)
