-- every arithmetic metamethod
local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
for _, ev in ipairs({"add", "sub", "mul", "div", "mod", "pow"}) do
  mt["__" .. ev] = function(a, b)
    local av = type(a) == "table" and a.x or a
    local bv = type(b) == "table" and b.x or b
    return ev .. "(" .. tostring(av) .. "," .. tostring(bv) .. ")"
  end
end
mt.__unm = function(a) return "unm(" .. a.x .. ")" end
local a = V(3)
print(a + 1, 1 + a, a - a, a * 2, a / 2, a % 2, 2 ^ a, -a)
print("5" + a, a + "5")
