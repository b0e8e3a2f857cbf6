-- __newindex as a table redirects the store
local store = {}
local proxy = setmetatable({}, {__newindex = store, __index = store})
proxy.x = 10
print(rawget(proxy, "x"), store.x, proxy.x)
