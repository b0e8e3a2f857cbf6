-- __gc on a newproxy userdata runs when collected
local log = {}
do
  local u = newproxy(true)
  getmetatable(u).__gc = function(x) log[#log + 1] = "collected" end
end
collectgarbage()
collectgarbage()
print(#log, log[1])
