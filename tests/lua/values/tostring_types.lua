-- tostring/type of every basic value
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring("s"))
print(type(nil), type(true), type(1), type("x"), type({}), type(print), type(function() end))
print(type(coroutine.create(function() end)), type(newproxy()))
print(tostring(print):match("^builtin") or tostring(print):match("^function"))
print(tostring({}):match("^table: ") ~= nil)
