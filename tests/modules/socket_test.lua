-- LuaSocket on loopback only: TCP echo through a coroutine-free
-- select() loop, plus a UDP round trip.
local socket = require "socket"
assert(type(socket._VERSION) == "string")
local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
port = tonumber(port)
assert(port and port > 0)
server:settimeout(5)
local client = assert(socket.tcp())
client:settimeout(5)
assert(client:connect("127.0.0.1", port))
local conn = assert(server:accept())
conn:settimeout(5)
local msgs = { "hello", "lunar", string.rep("z", 100000) }
for _, m in ipairs(msgs) do
  assert(client:send(m .. "\n"))
  local line = assert(conn:receive("*l"))
  assert(conn:send(line:upper() .. "\n"))
  local echo = assert(client:receive("*l"))
  assert(echo == m:upper(), "echo mismatch")
end
-- fixed-size receive and partial results on close
assert(client:send("abcdef"))
assert(conn:receive(3) == "abc")
assert(conn:receive(3) == "def")
client:close()
local data, err, partial = conn:receive("*a")
assert(data == "" or (data == nil and err == "closed"))
conn:close()
server:close()
-- select with a timeout on an idle socket
local idle = assert(socket.bind("127.0.0.1", 0))
local r = socket.select({ idle }, nil, 0.01)
assert(#r == 0)
idle:close()
-- UDP
local u1 = assert(socket.udp())
assert(u1:setsockname("127.0.0.1", 0))
local _, uport = u1:getsockname()
local u2 = assert(socket.udp())
u2:settimeout(5); u1:settimeout(5)
assert(u2:sendto("ping", "127.0.0.1", tonumber(uport)))
local dgram, ip = u1:receivefrom()
assert(dgram == "ping" and ip == "127.0.0.1")
u1:close(); u2:close()
-- time and sleep
local t0 = socket.gettime()
socket.sleep(0.01)
assert(socket.gettime() - t0 >= 0.005)
-- url helpers (pure Lua part of the package)
local url = require "socket.url"
local p = url.parse("http://user@example.com:8080/a/b?x=1#frag")
assert(p.host == "example.com" and p.port == "8080" and p.path == "/a/b")
assert(url.escape("a b") == "a%20b")
print "OK"
