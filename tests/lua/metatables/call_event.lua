-- __call receives the object first
local callable = setmetatable({name = "obj"}, {__call = function(self, a, b) return self.name, a, b end})
print(callable(1, 2))
print(pcall(callable, "x"))
local nested = setmetatable({}, {__call = callable})
print(pcall(nested, "y"))
