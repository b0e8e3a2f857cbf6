-- xpcall with debug.traceback as the handler (first line only)
local ok, tb = xpcall(function() error("deep") end, debug.traceback)
print(ok, tb:match("^[^\n]*"), tb:match("stack traceback:") ~= nil)
