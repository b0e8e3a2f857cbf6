-- string.buffer's functions carry LuaJIT's builtin numbers (204..222), and
-- a buffer's __tostring is its tostring method.
local function ids(t)
  local r = {}
  for k, v in pairs(t) do
    if type(v) == "function" then
      r[#r + 1] = (tostring(v):match("builtin#%d+") or "plain") .. " " .. k
    end
  end
  table.sort(r)
  return table.concat(r, "\n")
end
local buffer = require("string.buffer")
print(ids(buffer))
local mt = debug.getmetatable(buffer.new())
mt = { free = mt.free, reset = mt.reset, skip = mt.skip, set = mt.set,
       put = mt.put, putf = mt.putf, get = mt.get, putcdata = mt.putcdata,
       reserve = mt.reserve, commit = mt.commit, ref = mt.ref,
       encode = mt.encode, decode = mt.decode, __gc = mt.__gc,
       tostring = mt.tostring, __tostring = mt.__tostring, __len = mt.__len }
print(ids(mt))
print(debug.getmetatable(buffer.new()).__tostring ==
      debug.getmetatable(buffer.new()).tostring)
