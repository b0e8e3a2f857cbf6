-- io library: modes, read formats, lines, write results, seek/setvbuf/flush,
-- popen, tmpfile, io.type, default files, closed-file errors and failure
-- triples (expected values from luajit -joff).  Works in a temp directory.
local H = dofile("../_harness.lua")
local eq, errmsg = H.eq, H.errmsg

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir " .. dir) == 0)
local function P(n) return dir .. "/" .. n end
local function slurp(n) local f = assert(io.open(n, "rb")); local s = f:read("*a"); f:close(); return s end
local function spit(n, s) local f = assert(io.open(n, "wb")); f:write(s); f:close() end

-- io.type and the library table.
eq(io.type(io.stdout), "file")
eq(io.type(42), nil)
eq(io.type({}), nil)
local names = {}
for k in pairs(io) do names[#names + 1] = k end
table.sort(names)
eq(table.concat(names, " "), "close flush input lines open output popen read stderr stdin stdout tmpfile type write")

-- write returns the file; read formats.
local f = assert(io.open(P"a", "w"))
eq(io.type(f), "file")
eq(f:write("12 3.5 0x10 -7\n", "line two\n", 42, " ", 1.5, "\n", "last"), true)
eq(f:close(), true)
eq(io.type(f), "closed file")
eq(tostring(f), "file (closed)")
f = assert(io.open(P"a", "r"))
assert(tostring(f):match("^file %(0x%x+%)$"))
eq(f:read("*n"), 12)
eq(f:read("*n"), 3.5)
eq(f:read("*n"), 16)
eq(f:read("*n"), -7)
eq(f:read("*l"), "")
eq(f:read("*L"), "line two\n")
local a, b = f:read("*n", "*n")
eq(a, 42); eq(b, 1.5)
eq(f:read("*l"), "")
eq(f:read(2), "la")
eq(f:read(0), "")
eq(f:read("*a"), "st")
eq(f:read("*a"), "")
eq(f:read("*l"), nil)
eq(f:read(0), nil)
eq(f:read(1), nil)
eq(f:read("*n"), nil)
f:close()
f = assert(io.open(P"a"))
local x, y, z = f:read(3, "*l", "*l")
eq(x, "12 "); eq(y, "3.5 0x10 -7"); eq(z, "line two")
eq(f:read("l"), "42 1.5")   -- format letter without '*'
eq(f:read("*L"), "last")
eq(f:read("*L"), nil)
f:close()
-- *n failure stops the remaining formats.
spit(P"b", "abc 5")
f = assert(io.open(P"b"))
local r1, r2 = f:read("*n", "*l")
eq(r1, nil); eq(r2, nil)
f:close()
-- bad formats
f = assert(io.open(P"b"))
eq(errmsg(f.read, f, "*x"), "bad argument #2 to '?' (invalid format)")
f:close()

-- modes
spit(P"m", "hello")
f = assert(io.open(P"m", "a")); f:write(" world"); f:close()
eq(slurp(P"m"), "hello world")
f = assert(io.open(P"m", "r+")); f:write("J"); f:close()
eq(slurp(P"m"), "Jello world")
f = assert(io.open(P"m", "w+")); f:write("abc"); eq(f:seek("set"), 0); eq(f:read("*a"), "abc"); f:close()
f = assert(io.open(P"m", "a+")); f:write("def"); f:seek("set"); eq(f:read("*a"), "abcdef"); f:close()
f = assert(io.open(P"m", "rb")); eq(f:read("*a"), "abcdef"); f:close()
f = assert(io.open(P"m", "wb")); f:close(); eq(slurp(P"m"), "")
f = assert(io.open(P"m", "r+b")); f:close()
local n, msg, code = io.open(P"m", "x")
eq(n, nil); eq(msg, P"m" .. ": Invalid argument"); eq(code, 22)
n, msg, code = io.open(P"m", "")
eq(n, nil); eq(msg, P"m" .. ": Invalid argument"); eq(code, 22)
n, msg, code = io.open(P"nope", "rw")
eq(n, nil); eq(msg, P"nope" .. ": No such file or directory"); eq(code, 2)
eq(errmsg(io.open, nil), "bad argument #1 to '?' (string expected, got nil)")

-- failures return nil, message, errno
n, msg, code = io.open(P"nope/x")
eq(n, nil); eq(msg, P"nope/x" .. ": No such file or directory"); eq(code, 2)
n, msg, code = io.open(dir, "w")
eq(n, nil); eq(msg, dir .. ": Is a directory"); eq(code, 21)
f = assert(io.open(P"m", "r"))
n, msg, code = f:write("x")
eq(n, nil); eq(msg, "Bad file descriptor"); eq(code, 9)
f:close()

-- seek, setvbuf, flush
spit(P"s", "0123456789")
f = assert(io.open(P"s", "r"))
eq(f:seek(), 0)
eq(f:seek("end"), 10)
eq(f:seek("set", 3), 3)
eq(f:read(2), "34")
eq(f:seek("cur"), 5)
eq(f:seek("cur", -2), 3)
eq(f:seek("end", -1), 9)
eq(f:read("*a"), "9")
n, msg, code = f:seek("set", -1)
eq(n, nil); eq(msg, "Invalid argument"); eq(code, 22)
eq(errmsg(f.seek, f, "bad"), "bad argument #2 to '?' (invalid option 'bad')")
eq(f:setvbuf("no"), true)
eq(f:setvbuf("full", 1024), true)
eq(f:setvbuf("line"), true)
eq(errmsg(f.setvbuf, f, "x"), "bad argument #2 to '?' (invalid option 'x')")
f:close()
f = assert(io.open(P"s", "w"))
f:setvbuf("full", 4096)
f:write("buffered")
eq(f:flush(), true)
eq(slurp(P"s"), "buffered")
f:close()

-- lines: formats, closing by io.lines
spit(P"l", "a\nbb\n\nccc")
local t = {}
for l in io.lines(P"l") do t[#t + 1] = l end
eq(table.concat(t, "|"), "a|bb||ccc")
f = assert(io.open(P"l"))
t = {}
for l in f:lines() do t[#t + 1] = l end
eq(table.concat(t, "|"), "a|bb||ccc")
eq(io.type(f), "file")  -- f:lines does not close
f:close()
local it = io.lines(P"l")
eq(it(), "a"); eq(it(), "bb"); eq(it(), ""); eq(it(), "ccc"); eq(it(), nil)
n, msg = pcall(io.lines, P"nope")
eq(n, false)
eq(msg, "bad argument #1 to '?' (" .. P"nope" .. ": No such file or directory)")
spit(P"n", "1 2 3\n4 5")
t = {}
for a, b in io.lines(P"n", "*n", "*n") do t[#t + 1] = a .. "+" .. tostring(b) end
eq(table.concat(t, " "), "1+2 3+4 5+nil")

-- read("*n") on assorted inputs: {input, number as %.17g or "nil", rest}.
local ncases = {
  {"42", "42", ""},
  {"  \n\9 42", "42", ""},
  {"-3", "-3", ""},
  {"+3", "3", ""},
  {"3.25e2", "325", ""},
  {"1e", "1", ""},
  {"1e+", "1", ""},
  {".5", "0.5", ""},
  {"5.", "5", ""},
  {"0x1F", "31", ""},
  {"0X1fz", "31", "z"},
  {"-0x10", "-16", ""},
  {"0x", "nil", ""},
  {"0xg", "nil", "g"},
  {"1e400", "inf", ""},
  {"-1e400", "-inf", ""},
  {"inf", "inf", ""},
  {"nan", "nan", ""},
  {"- 1", "nil", " 1"},
  {"12abc", "12", "abc"},
  {"12.5.6", "12.5", ".6"},
  {"", "nil", ""},
  {"   ", "nil", ""},
  {"abc", "nil", "abc"},
  {"1E-2", "0.01", ""},
  {"007", "7", ""},
  {"0x1p4", "16", ""},
  {"0x.8", "0.5", ""},
  {"1..2", "1", ".2"},
  {"9007199254740993", "9007199254740992", ""},
  {"123456789012345678901234567890", "1.2345678901234568e+29", ""},
  {"3\n4", "3", "\n4"},
  {"--1", "nil", "-1"},
  {"1e5x", "100000", "x"},
  {".e1", "nil", "e1"},
  {"0.0", "0", ""},
  {"-0", "-0", ""},
}
for _, c in ipairs(ncases) do
  spit(P"num", c[1])
  local nf = assert(io.open(P"num", "rb"))
  local v = nf:read("*n")
  eq(v == nil and "nil" or string.format("%.17g", v), c[2], "read *n of " .. string.format("%q", c[1]))
  eq(nf:read("*a"), c[3], "rest after *n of " .. string.format("%q", c[1]))
  nf:close()
end
os.remove(P"num")

-- write formats numbers with %.14g; io.lines closes its file at EOF.
spit(P"w", "")
f = assert(io.open(P"w", "w"))
f:write(1 / 3, " ", 1e100, " ", -0.0, " ", 2^53, " ", 100, " ", 1e15, " ", 0.1)
f:close()
eq(slurp(P"w"), string.format("%.14g %.14g %.14g %.14g %.14g %.14g %.14g", 1 / 3, 1e100, -0.0, 2^53, 100, 1e15, 0.1))
eq(slurp(P"w"), "0.33333333333333 1e+100 -0 9.007199254741e+15 100 1e+15 0.1")
f = assert(io.open(P"w", "w"))
eq(errmsg(f.write, f, {}), "bad argument #2 to '?' (string expected, got table)")
eq(errmsg(f.write, f, "a", nil), "bad argument #3 to '?' (string expected, got nil)")
f:close()
spit(P"w", "x\ny\n")
local it2 = io.lines(P"w")
eq(it2(), "x"); eq(it2(), "y"); eq(it2(), nil)
eq((pcall(it2)), false)
os.remove(P"w")

-- more read formats and argument checks
spit(P"x", "abc\n\ndef")
f = assert(io.open(P"x"))
local r = {f:read("*l", "*l", "*l", "*l")}
eq(r[1], "abc"); eq(r[2], ""); eq(r[3], "def"); eq(r[4], nil)
f:close()
f = assert(io.open(P"x"))
r = {f:read(1, 0, 2, 100, 0)}
eq(r[1], "a"); eq(r[2], ""); eq(r[3], "bc"); eq(r[4], "\n\ndef"); eq(r[5], nil)
f:close()
f = assert(io.open(P"x")); eq(f:read("n"), nil); eq(f:read("*all"), "abc\n\ndef"); f:close()
f = assert(io.open(P"x")); eq(f:read("a"), "abc\n\ndef"); f:close()
f = assert(io.open(P"x")); eq(errmsg(f.read, f, "*"), "bad argument #2 to '?' (invalid format)"); f:close()
f = assert(io.open(P"x")); eq(f:read(1.5), "a"); f:close()
f = assert(io.open(P"x")); eq(errmsg(f.read, f, "1"), "bad argument #2 to '?' (invalid format)"); f:close()
f = assert(io.open(P"x"))
r = {}
for a, b in f:lines(1, "*l") do r[#r + 1] = a .. "/" .. tostring(b) end
eq(table.concat(r, "|"), "a/bc|\n/def")
f:close()
eq(errmsg(io.read, "*x"), "bad argument #1 to '?' (invalid format)")
eq(errmsg(io.write, {}), "bad argument #1 to '?' (string expected, got table)")
f = assert(io.open(P"x"))
eq(f:seek("set", 1.5), 1)
eq(errmsg(f.seek, f, 5), "bad argument #2 to '?' (invalid option '5')")
eq(errmsg(f.setvbuf, f), "bad argument #2 to '?' (string expected, got no value)")
f:close()
f = assert(io.open(P"x", "w"))
eq(f:seek("set", 1e10), 1e10)
eq(f:write(), true)
eq(errmsg(f.write, f, true), "bad argument #2 to '?' (string expected, got boolean)")
f:close()
os.remove(P"x")
-- standard files cannot be closed
r = {io.close()}
eq(r[1], nil); eq(r[2], "cannot close standard file")
r = {io.stdout:close()}
eq(r[1], nil); eq(r[2], "cannot close standard file")
eq(io.type(io.stdout), "file"); eq(io.type(io.stdin), "file"); eq(io.type(io.stderr), "file")
-- the file metatable
local fm = getmetatable(io.stdout)
eq(fm.__index, fm)
r = {}
for k in pairs(fm) do r[#r + 1] = k end
table.sort(r)
eq(table.concat(r, " "), "__gc __index __tostring close flush lines read seek setvbuf write")
-- pipes
local pp = assert(io.popen("exit 3"))
eq(pp:read("*a"), ""); eq(pp:close(), true)
pp = assert(io.popen("echo a"))
local s1, s2, s3 = pp:seek("set", 0)
eq(s1, nil); eq(s2, "Illegal seek"); eq(s3, 29)
pp:close()
eq(errmsg(io.popen), "bad argument #1 to '?' (string expected, got no value)")
f = assert(io.tmpfile()); eq(f:seek("end"), 0); f:close()

-- closed-file errors
f = assert(io.open(P"l"))
f:close()
eq(errmsg(f.read, f), "attempt to use a closed file")
eq(errmsg(f.write, f, "x"), "attempt to use a closed file")
eq(errmsg(f.lines, f), "attempt to use a closed file")
eq(errmsg(f.seek, f), "attempt to use a closed file")
eq(errmsg(f.close, f), "attempt to use a closed file")
eq(errmsg(io.close, f), "attempt to use a closed file")
eq(errmsg(f.read, {}), "bad argument #1 to '?' (FILE* expected, got table)")
eq(errmsg(io.type), "bad argument #1 to '?' (value expected)")

-- tmpfile
f = assert(io.tmpfile())
eq(io.type(f), "file")
f:write("tmp data"); f:seek("set")
eq(f:read("*a"), "tmp data")
f:close()

-- popen
f = assert(io.popen("echo hi; echo there", "r"))
eq(f:read("*l"), "hi"); eq(f:read("*a"), "there\n")
eq(f:close(), true)
f = assert(io.popen("cat > " .. P"pw", "w"))
eq(f:write("piped"), true)
f:close()
eq(slurp(P"pw"), "piped")

-- io.input / io.output with names and handles
local oldin, oldout = io.input(), io.output()
eq(oldin, io.stdin); eq(oldout, io.stdout)
spit(P"in", "first\nsecond\n")
local fin = io.input(P"in")
eq(io.type(fin), "file")
eq(io.input(), fin)
eq(io.read(), "first")
eq(io.read("*L"), "second\n")
eq(io.read(), nil)
local fout = io.output(P"out")
eq(io.output(), fout)
eq(io.write("via ", "io.write"), true)
eq(io.close(), true)
eq(io.type(fout), "closed file")
io.output(io.stdout)
eq(slurp(P"out"), "via io.write")
io.input(fin)
fin:close()
io.input(io.stdin)
eq(errmsg(io.input, P"nope"), "bad argument #1 to '?' (" .. P"nope" .. ": No such file or directory)")
eq(io.flush(), true)

-- cleanup
for _, n in ipairs{"a", "b", "m", "s", "l", "n", "pw", "in", "out"} do os.remove(P(n)) end
assert(os.remove(dir))
print "OK"
