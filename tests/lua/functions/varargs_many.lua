-- varargs with hundreds of values
local t = {}
for i = 1, 400 do t[i] = i end
local function count(...) return select('#', ...) end
local function pass(...) return ... end
print(count(unpack(t)), count(pass(unpack(t))), (select(400, pass(unpack(t)))))
local function sum(...) local s = 0 for i = 1, select('#', ...) do s = s + select(i, ...) end return s end
print(sum(unpack(t)))
print(count(nil, nil, nil, unpack({}, 1, 250)))
