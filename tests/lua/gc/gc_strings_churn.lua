-- lots of temporary strings get collected
local last
for i = 1, 200000 do last = "s" .. i end
collectgarbage()
print(last, collectgarbage("count") < 10000)
