-- Build _clib.c into a shared library in a fresh temporary directory and
-- load it with ffi.load. Returns the library namespace and a cleanup
-- function, or nil when no C compiler (cc) is available.
local ffi = require "ffi"
local M = {}

function M.load()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir " .. dir) == 0)
  local so = dir .. "/libclib.so"
  local cmd = "cc -shared -fPIC -O1 -o " .. so .. " _clib.c 2>" .. dir .. "/log"
  local function cleanup()
    os.remove(so); os.remove(dir .. "/log"); os.remove(dir)
  end
  if os.execute(cmd) ~= 0 then
    local f = io.open(dir .. "/log")
    io.stderr:write("cannot build _clib.c: ", f and f:read("*a") or "?", "\n")
    if f then f:close() end
    cleanup()
    return nil
  end
  local lib = ffi.load(so)
  return lib, cleanup
end

return M
