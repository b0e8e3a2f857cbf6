-- lua-zlib: compress/decompress round trips, streaming, checksums.
local zlib = require "zlib"
local parts = {}
for i = 1, 2000 do parts[i] = ("line %d of some compressible text\n"):format(i) end
local input = table.concat(parts)
local deflated, eof, bin, bout = zlib.deflate()(input, "finish")
assert(eof == true and bin == #input and bout == #deflated)
assert(#deflated < #input / 4)
local inflated, eof2 = zlib.inflate()(deflated)
assert(eof2 == true and inflated == input)
-- streaming in chunks
local def = zlib.deflate(9)
local out = {}
for i = 1, #input, 1000 do out[#out + 1] = def(input:sub(i, i + 999)) end
out[#out + 1] = def("", "finish")
local stream = table.concat(out)
local inf = zlib.inflate()
local res = {}
for i = 1, #stream, 333 do res[#res + 1] = inf(stream:sub(i, i + 332)) end
assert(table.concat(res) == input)
-- binary data with all byte values
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
local b = table.concat(bytes):rep(10)
assert(zlib.inflate()(zlib.deflate()(b, "finish")) == b)
-- checksums
assert(zlib.adler32()("hello") == 0x062c0215)
assert(zlib.crc32()("hello") == 0x3610a686)
-- corrupt input is an error, not a crash
local ok = pcall(zlib.inflate(), "definitely not zlib data")
assert(not ok)
print "OK"
