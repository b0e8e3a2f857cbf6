-- collectgarbage("step") eventually reports a finished cycle
local garbage = {}
for i = 1, 1000 do garbage[i] = {} end
garbage = nil
local steps = 0
repeat steps = steps + 1 until collectgarbage("step") or steps > 100000
print(steps <= 100000)
