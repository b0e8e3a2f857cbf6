-- an error in a __gc finalizer is raised from the collectgarbage call
do
  local u = newproxy(true)
  getmetatable(u).__gc = function() error("in finalizer") end
end
local ok = pcall(collectgarbage)
print("survived", ok)
