-- an error raised from a generic-for iterator function
local function bad_iter() error("iterator broke") end
print(pcall(function() for x in bad_iter do end end))
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 1, 2 do end end))
