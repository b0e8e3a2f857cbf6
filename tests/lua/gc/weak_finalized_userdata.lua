-- a finalized userdata leaves weak values at once, weak keys one cycle later
local wv = setmetatable({}, { __mode = "v" })
local wk = setmetatable({}, { __mode = "k" })
do
  local u = newproxy(true)
  getmetatable(u).__gc = function(o) print("fin", wv[1] == nil, wk[o]) end
  wv[1] = u
  wk[u] = "key"
end
collectgarbage()
print(wv[1], next(wk) ~= nil)
collectgarbage()
print(next(wk))
