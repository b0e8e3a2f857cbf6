-- LuaJIT prints fast functions as "function: builtin#N"
print(assert, type, next, pairs, ipairs, print, tostring, tonumber, select, unpack)
print(pcall, xpcall, error, setmetatable, getmetatable, rawget, rawset, rawequal)
print(coroutine.yield, coroutine.resume, coroutine.wrap, coroutine.create, coroutine.status)
print(string.len, string.byte, string.char, string.sub, string.rep, string.format)
