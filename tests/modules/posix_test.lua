-- luaposix: process, file and environment calls.
local posix = require "posix"
local unistd = require "posix.unistd"
local stat = require "posix.sys.stat"
local stdlib = require "posix.stdlib"
local pid = unistd.getpid()
assert(type(pid) == "number" and pid > 1)
assert(unistd.getppid() > 0)
assert(type(unistd.getuid()) == "number")
local cwd = assert(unistd.getcwd())
assert(cwd:sub(1, 1) == "/")
-- environment
assert(stdlib.setenv("LUNAR_POSIX_TEST", "42"))
assert(stdlib.getenv("LUNAR_POSIX_TEST") == "42")
assert(os.getenv("LUNAR_POSIX_TEST") == "42")
-- files
local dir = assert(stdlib.mkdtemp("/tmp/lunar-posixXXXXXX"))
local path = dir .. "/f"
local fcntl = require "posix.fcntl"
local fd = assert(fcntl.open(path, fcntl.O_CREAT + fcntl.O_WRONLY, 420))
assert(unistd.write(fd, "posix data") == 10)
assert(unistd.close(fd))
local st = assert(stat.stat(path))
assert(st.st_size == 10)
assert(stat.S_ISREG(st.st_mode) ~= 0)
fd = assert(fcntl.open(path, fcntl.O_RDONLY))
assert(unistd.read(fd, 5) == "posix")
unistd.close(fd)
assert(unistd.access(path, "r"))
local ok, err = unistd.access(dir .. "/missing")
assert(ok == nil and type(err) == "string")
-- pipe + fork + wait
local rd, wr = assert(unistd.pipe())
local child = assert(unistd.fork())
if child == 0 then
  unistd.close(rd)
  unistd.write(wr, "from child")
  unistd._exit(7)
end
unistd.close(wr)
assert(unistd.read(rd, 100) == "from child")
unistd.close(rd)
local wait = require "posix.sys.wait"
local wpid, how, status = wait.wait(child)
assert(wpid == child and how == "exited" and status == 7)
-- time, uname
local utsname = require "posix.sys.utsname"
local u = assert(utsname.uname())
assert(type(u.sysname) == "string")
assert(posix.time and true)
assert(os.remove(path))
assert(unistd.rmdir(dir))
print "OK"
