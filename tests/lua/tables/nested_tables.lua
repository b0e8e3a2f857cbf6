-- nested tables and references
local a = {b = {c = {d = "deep"}}}
print(a.b.c.d, a["b"]["c"]["d"])
local r = a.b
r.c.d = "changed"
print(a.b.c.d)
local self = {}
self.me = self
print(self.me.me.me == self)
