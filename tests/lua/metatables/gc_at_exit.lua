-- finalizers run at state close
local u = newproxy(true)
getmetatable(u).__gc = function() print("finalized at exit") end
_G.keep = u
print("end of chunk")
