-- multiple results adjust in every context
local function three() return 1, 2, 3 end
local function none() end
local a, b, c, d = three()
print(a, b, c, d)
local x, y = none()
print(x, y)
local t = {three(), three()}
print(#t)
print(three(), "end")
print((three()))
print(#{none()}, select('#', none(), 1))
print(select('#', none()), select('#', (none())))
