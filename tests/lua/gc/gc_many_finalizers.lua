-- many __gc userdata finalized by a full collection
local count = 0
for i = 1, 100 do
  local u = newproxy(true)
  getmetatable(u).__gc = function() count = count + 1 end
end
collectgarbage(); collectgarbage()
print(count)
