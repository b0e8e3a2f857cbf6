-- Pattern cases for find/match/gmatch/gsub (see _harness.lua).
-- Hand-written cases first, then a deterministic cross product of small
-- patterns and subjects.
local C = {}
local function add(...) C[#C + 1] = { n = select("#", ...), ... } end

-- Character classes, each against a subject holding every kind of byte.
local all = "aZ09 \t\n.,;!_-()[]%\0\1\127\128\255xF"
for _, cl in ipairs{ "a", "c", "d", "l", "p", "s", "u", "w", "x", "z" } do
  add("gsub", all, "%" .. cl, "<%0>")
  add("gsub", all, "%" .. cl:upper(), "*")
  add("gsub", all, "[%" .. cl .. "]", "#")
  add("gsub", all, "[^%" .. cl .. "]", "")
end
add("gsub", all, ".", "x")
add("gsub", all, "%.", "x")
add("gsub", all, "%%", "x")

-- Sets and ranges.
for _, p in ipairs{ "[abc]", "[^abc]", "[a-c]", "[a-]", "[-a]", "[%a-z]", "[]]",
                    "[^]]", "[]a]", "[a%-z]", "[%]]", "[%[]", "[z-a]", "[^%s%d]",
                    "[0-9a-fA-F]+", "[%w_]+", "[^%w_]+", "[.]", "[%.%%]" } do
  for _, s in ipairs{ "abc-z]", "xyz", "a]b[c", "0x1F_g.h%", "" } do
    add("find", s, p)
    add("gsub", s, p, "|")
  end
end

-- Anchors.
add("find", "abc", "^abc") add("find", "xabc", "^abc") add("find", "abc", "abc$")
add("find", "abcx", "abc$") add("find", "abc", "^$") add("find", "", "^$")
add("find", "a$b", "$b") add("find", "a^b", "a^b") add("find", "a^b", "^a^b")
add("match", "a$", "a$$") add("find", "abc", "^") add("find", "abc", "$")
add("gsub", "aaa", "^a", "b") add("gsub", "aaa", "a$", "b") add("gsub", "hello", "^", ">")
add("gsub", "hello", "$", "<") add("gmatch", "^a^a", "^a") add("gmatch", "aaa", "^a")
add("find", "abc", "^b", 2) add("match", "abc", "^b", 2) add("match", "abc", "^(b)", -2)

-- Quantifiers.
for _, p in ipairs{ "a*", "a+", "a-", "a?", "a*b", "a+b", "a-b", "a?b", ".-b", ".*b",
                    "%d*", "%d+%.?%d*", "x*$", "^a-$", "(a*(.)%w(%s*))", "a-a-a-b",
                    "[ab]*c", "[ab]-c", "%s*", ".?.?.?", "b*" } do
  for _, s in ipairs{ "aaab", "b", "", "xyz", "aab ab b", "12.5e3", "abc" } do
    add("find", s, p)
    add("match", s, p)
    add("gsub", s, p, "-")
  end
end

-- Captures, position captures, back references.
add("match", "key = value", "(%w+)%s*=%s*(%w+)")
add("match", "hello", "()ll()") add("match", "hello", "()") add("find", "hello", "()")
add("match", "hello world", "(h)(e)(l)(l)(o)") add("find", "hello", "(l)(l)")
add("match", "abcabc", "(abc)%1") add("match", "abcab", "(abc)%1")
add("match", "xyyx", "(.)(.)%2%1") add("match", "aa", "(a)%1%1")
add("match", "\"q\" 'r'", "([\"'])(.-)%1") add("gsub", "a b c", "(%w)", "%1%1")
add("match", "date: 2024-01-31", "(%d+)-(%d+)-(%d+)")
add("match", "abc", "((a)(b)(c))") add("match", "abc", "(a(b(c)))")
add("match", "  trim me  ", "^%s*(.-)%s*$") add("match", "", "^%s*(.-)%s*$")
add("find", "abc", "(b)()") add("gsub", "abc", "()", "%1")
add("match", "x", "(()x())")

-- Balanced matches and frontiers.
add("match", "f(a(b)c)d", "%b()") add("match", "f(a(b c)d", "%b()")
add("gsub", "[x] [[y]] [z", "%b[]", "#") add("match", "<<a>>", "%b<>")
add("match", "aXbXc", "%bXX") add("match", "if a then b end end", "%bie")
add("gsub", "THE (quick) fox", "%f[%a]%a+", "W") add("gsub", "THE (quick) fox", "%f[%A]", "|")
add("gsub", "hello world", "%f[%w]%w+", function(w) return w:upper() end)
add("find", "abc", "%f[%l]") add("find", "abc", "%f[%z]") add("find", "a\0b", "%f[%z]")
add("gsub", "the cat sat", "%f[%w]", "[") add("gsub", "the cat sat", "%f[%W]", "]")
add("gsub", "aaa", "%f[a]", "x") add("gsub", "", "%f[%z]", "x")

-- Start positions, plain find, clamping.
for _, init in ipairs{ -100, -4, -3, -1, 0, 1, 2, 3, 4, 5, 100, 2^31, -2^31, 2.7, -1.5 } do
  add("find", "abc", "", init) add("find", "abc", "c", init) add("find", "abc", "b", init, true)
  add("match", "abc", ".", init) add("find", "", "", init)
end
add("find", "a.b", ".", 1, true) add("find", "a+b", "+", 1, true) add("find", "a+b", "a+", 1, 1)
add("find", "a(b", "(", 1, true) add("find", "abc", "bc", 1, nil) add("find", "a)b", "a)")
add("find", "abc", "abcd") add("find", "abcabc", "cab") add("find", "aaab", "aab")
add("find", "a\0b", "\0") add("find", "a\0b", "b", 1, true) add("find", "", "a")

-- NUL in patterns and subjects.
add("find", "a\0b", "a\0b") add("find", "xa\0b", "a\0c") add("find", "a\0b", "%z")
add("match", "a\0b\0", "[%z]+") add("gsub", "a\0b", "%z", "0") add("find", "a\0b", "\0+")
add("find", "abc", "b\0x+") add("match", "abc", "\0") add("match", "abc", "a\0?")

-- gsub replacement kinds and limits.
add("gsub", "hello world", "o", "0") add("gsub", "hello world", "o", "0", 1)
add("gsub", "hello world", "o", "0", 0) add("gsub", "hello world", "o", "0", -1)
add("gsub", "hello world", "o", "0", 1.9) add("gsub", "hello world", "(o)", "[%1]")
add("gsub", "hello", "l", "%%") add("gsub", "hello", "l", "%x") add("gsub", "hello", "l", "%")
add("gsub", "hello", "(l)", "%2") add("gsub", "hello", "l", "%1") add("gsub", "hello", "", "%0")
add("gsub", "abc", "%w", 5) add("gsub", "abc", "%w", 1.5)
add("gsub", "abc", "%w", { a = "A", b = 2, c = false })
add("gsub", "abc", "%w", { a = true }) add("gsub", "abc", "%w", { a = {} })
add("gsub", "abc", "(%w)(%w)", { ab = "X", a = "Y" })
add("gsub", "abc", "%w", function(c) return c .. c end)
add("gsub", "abc", "%w", function(c) if c == "b" then return nil end return "." end)
add("gsub", "abc", "%w", function(c) return false end)
add("gsub", "abc", "%w", function(c) return 7 end)
add("gsub", "abc", "%w", function(c) return {} end)
add("gsub", "abc", "(%w)(%w)", function(a, b) return b .. a end)
add("gsub", "abc", "()", function(p) return p end)
add("gsub", "abc", "%w", true) add("gsub", "abc", "%w") add("gsub", "abc", "%w", nil)
add("gsub", "abc", "", "-") add("gsub", "", "", "-") add("gsub", "abc", "b*", "-")
add("gsub", "abc", ".-", "-") add("gsub", "a,b,,c", ",", ";") add("gsub", "x", "x", "%%%0%%")

-- gmatch.
add("gmatch", "one two  three", "%a+") add("gmatch", "k1=v1, k2=v2", "(%w+)=(%w+)")
add("gmatch", "abc", "") add("gmatch", "abc", "()") add("gmatch", "abc", ".-")
add("gmatch", "abc", "b*") add("gmatch", "", "x*") add("gmatch", "a1b22c333", "%d+")
add("gmatch", "(a)(b)", "%b()") add("gmatch", "abc", "(") add("gmatch", "abc", "%")

-- Errors.
for _, p in ipairs{ "%", "[a", "[", "[]", "[^]", "[a%", "(", "(()", ")", "a)", "%1", "(a)%2",
                    "(a%1)", "%0", "%f", "%fa", "%f[a", "%b", "%ba", "(((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))",
                    string.rep("()", 32), string.rep("()", 33) } do
  add("find", "a", p) add("match", "aaa", p) add("gsub", "a", p, "x")
end
add("find") add("find", "a") add("find", nil, "a") add("find", {}, "a") add("find", "a", {})
add("find", 12345, 34) add("match", 12345, "%d%d") add("gsub", 12345, 3, 4)
add("find", "a", "a", "x") add("gmatch", "a") add("gsub", "a", "a", "b", "x")

-- Recursion limits: 199 nested levels work, 200 do not (as LuaJIT).
local a300 = string.rep("a", 300)
add("find", a300, string.rep(".?", 199)) add("find", a300, string.rep(".?", 200))
add("find", a300, string.rep("a*", 150)) add("find", a300, string.rep("a*", 300))
add("find", a300, string.rep("a-", 300)) add("find", a300, string.rep("a", 300))
add("find", a300, string.rep("(", 30) .. string.rep(")", 30))
add("find", string.rep("a", 3000), ".-b") add("find", string.rep("a", 3000), "a*b")
add("match", string.rep("a", 2000), string.rep("a?", 2000) .. string.rep("a", 2000))
add("gsub", string.rep("ab", 1000), "%f[a]", "")

-- Cross product of small patterns and subjects.
local atoms = { "a", "b", ".", "%w", "%s", "[ab]", "[^a]", "(a)", "()", "%bab", "%f[b]", "%1" }
local quants = { "", "*", "+", "-", "?" }
local subjects = { "aab", "ba ab", "", "abab", "b" }
for i, a1 in ipairs(atoms) do
  for j, q in ipairs(quants) do
    local a2 = atoms[(i + j) % #atoms + 1]
    local p = a1 .. q .. a2
    local s = subjects[(i * 5 + j) % #subjects + 1]
    add("find", s, p) add("match", s, p) add("gsub", s, p, "<%0>") add("gmatch", s, p)
  end
end

return C
