local function outer(a)
  local b = 1
  local function mid(c)
    local function inner(d)
      return a + b + c + d
    end
    return inner
  end
  return mid
end
local x = function() return function() return function() end end end
local y = {f = function(self) return self end, g = function() end}
return outer, x, y
