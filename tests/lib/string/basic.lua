-- string library: the simple functions, the string metatable, argument
-- conversions and limits (behaviour of luajit -joff).
local function errmsg(f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "expected an error")
  return (tostring(e):gsub("^[^:]*:%d+: ", ""):gsub("to '[^']*'", "to '?'"))
end

-- The library table and the string metatable.
local names = {}
for k in pairs(string) do names[#names + 1] = k end
table.sort(names)
assert(table.concat(names, " ") == "byte char dump find format gmatch gsub len lower match rep reverse sub upper")
assert(getmetatable("").__index == string)
assert(("x"):rep(3) == "xxx" and ("%d"):format(5) == "5" and ("abc"):len() == 3)
assert(#"abc" == 3 and ("a\0b"):len() == 3)

-- len, upper, lower, reverse.
assert(string.len("") == 0 and string.len(123) == 3)
assert(string.upper("abcXYZ\0\255!") == "ABCXYZ\0\255!")
assert(string.lower("ABCxyz\0\255!") == "abcxyz\0\255!")
assert(string.upper(12) == "12" and string.reverse("") == "" and string.reverse("a\0b") == "b\0a")
assert(errmsg(string.lower, {}) == "bad argument #1 to '?' (string expected, got table)")

-- sub: negative positions, clamping, int32 conversion of huge values.
local s = "hello"
assert(s:sub(2) == "ello" and s:sub(2, 3) == "el" and s:sub(-3) == "llo" and s:sub(-3, -2) == "ll")
assert(s:sub(0) == "hello" and s:sub(-100) == "hello" and s:sub(3, 2) == "" and s:sub(6) == "")
assert(s:sub(1, 100) == "hello" and s:sub(2, -100) == "" and s:sub(2.9, 3.9) == "el")
assert(s:sub("2", "3") == "el")
assert(errmsg(string.sub, s) == "bad argument #2 to '?' (number expected, got no value)")
assert(errmsg(string.sub, s, "x") == "bad argument #2 to '?' (number expected, got string)")

-- byte and char.
assert(select("#", string.byte("")) == 0 and string.byte("A") == 65)
assert(select("#", string.byte("abc", 0)) == 0 and string.byte("abc", -1) == 99)
local a, b, c = string.byte("abc", 1, -1)
assert(a == 97 and b == 98 and c == 99 and select("#", string.byte("abc", 10)) == 0)
assert(select("#", string.byte(string.rep("x", 1000), 1, -1)) == 1000)
assert(string.char() == "" and string.char(72, 105) == "Hi" and string.char("65") == "A")
assert(string.char(0, 255) == "\0\255" and string.char(65.9) == "A")
assert(errmsg(string.char, 256) == "bad argument #1 to '?' (invalid value)")
assert(errmsg(string.char, 65, -1) == "bad argument #2 to '?' (invalid value)")
assert(errmsg(string.char, "x") == "bad argument #1 to '?' (number expected, got string)")
for i = 0, 255 do assert(string.byte(string.char(i)) == i) end

-- rep with separator, zero and negative counts, size limits.
assert(string.rep("ab", 3) == "ababab" and string.rep("ab", 3, ",") == "ab,ab,ab")
assert(string.rep("ab", 1, ",") == "ab" and string.rep("x", 0) == "" and string.rep("x", -5) == "")
assert(string.rep("", 1e8) == "" and string.rep("x", 2.9) == "xx" and string.rep("ab", 3, 5) == "ab5ab5ab")
assert(string.rep("x", 2^31) == "" and string.rep("x", 1e10) == "")  -- int32: INT32_MIN
assert(string.rep("a\0", 2, "\0") == "a\0\0a\0")
assert(#string.rep("abc", 10000, "--") == 30000 + 2 * 9999)
assert(errmsg(string.rep, "x", 2^31 - 1) == "not enough memory")
assert(errmsg(string.rep, "ab", 2^30 + 1) == "not enough memory")
assert(errmsg(string.rep, "", 2^31 - 1, "x") == "not enough memory")
assert(errmsg(string.rep, "x") == "bad argument #2 to '?' (number expected, got no value)")
assert(errmsg(string.rep, "x", "a") == "bad argument #2 to '?' (number expected, got string)")

-- dump: C functions cannot be dumped; Lua functions give LuaJIT's
-- bytecode format (a clean error while the writer does not exist).
assert(errmsg(string.dump, print) == "unable to dump given function")
assert(errmsg(string.dump, 1) == "bad argument #1 to '?' (function expected, got number)")
do
  local f = function(a, b) local t = { a, b, "x" } return t[1] + 1.5 end
  local ok, d = pcall(string.dump, f)
  if ok then
    assert(d:sub(1, 3) == "\27LJ")
    local stripped = string.dump(f, true)
    assert(stripped:sub(1, 3) == "\27LJ" and #stripped < #d)
  else
    assert(tostring(d):find("not implemented", 1, true))
  end
end

-- A few pattern and format smoke checks (the bulk is table-driven in
-- patterns.lua and format.lua).
assert(("hello world"):gsub("o", "0") == "hell0 w0rld")
assert(("key=val"):match("(%w+)=(%w+)") == "key")
assert(string.format("%5.2f|%-4d|%x|%q", 3.14159, 7, 255, "a\nb") == " 3.14|7   |ff|\"a\\\nb\"")
assert(string.format("%s %s", 1, 2.5) == "1 2.5")

-- Deep recursion in patterns is an error, never a crash.
assert(errmsg(string.find, string.rep("a", 1e6), string.rep(".?", 1e6)) == "pattern too complex")
assert(errmsg(string.gsub, string.rep("x", 300), string.rep("x?", 300), "") == "pattern too complex")

-- Long results.
local long = string.rep("ab", 100000)
assert(#long:gsub("a", "xyz") == 400000 and select(2, long:gsub("b", "")) == 100000)
assert(#string.format("%s%s", long, long) == 400000)
assert(long:upper():lower() == long and long:reverse():reverse() == long)

print("OK")
