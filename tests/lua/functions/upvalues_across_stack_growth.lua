-- open upvalues stay correct while the stack is reallocated by deep recursion
local closures = {}
local function rec(n)
  local mine = n
  closures[#closures + 1] = function(d) mine = mine + d return mine end
  if n > 0 then rec(n - 1) end
  return mine
end
print(rec(3000))
local s = 0
for i = 1, #closures do s = s + closures[i](1) end
print(#closures, s)
