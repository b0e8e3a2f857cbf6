-- LPeg (Debian lua-lpeg): a small arithmetic grammar with captures.
local lpeg = require "lpeg"
local P, R, S, V, C, Ct, Cs = lpeg.P, lpeg.R, lpeg.S, lpeg.V, lpeg.C, lpeg.Ct, lpeg.Cs
assert(type(lpeg.version()) == "string")

local sp = S" \t"^0
local num = C(R"09"^1 * (P"." * R"09"^1)^-1) / tonumber * sp
local function tok(c) return P(c) * sp end
local function fold(t)
  local acc = t[1]
  for i = 2, #t, 2 do
    local op, v = t[i], t[i + 1]
    if op == "+" then acc = acc + v elseif op == "-" then acc = acc - v
    elseif op == "*" then acc = acc * v else acc = acc / v end
  end
  return acc
end
local G = P{
  "Exp",
  Exp = sp * Ct(V"Term" * (C(S"+-") * sp * V"Term")^0) / fold,
  Term = Ct(V"Fac" * (C(S"*/") * sp * V"Fac")^0) / fold,
  Fac = num + tok"(" * V"Exp" * tok")",
}
local full = G * -1
assert(full:match("1 + 2 * 3") == 7)
assert(full:match("(1 + 2) * 3") == 9)
assert(full:match(" 10 / 4 - 0.5 ") == 2)
assert(full:match("1 +") == nil)

-- substitution and splitting
local vowel = Cs((S"aeiou" / string.upper + 1)^0)
assert(vowel:match("hello world") == "hEllO wOrld")
local function split(s, sep)
  sep = P(sep)
  local elem = C((1 - sep)^0)
  return lpeg.match(Ct(elem * (sep * elem)^0), s)
end
local t = split("a,b,,c", ",")
assert(#t == 4 and t[1] == "a" and t[3] == "" and t[4] == "c")

-- position captures, back references, match-time captures
assert(lpeg.match(lpeg.Cp() * P"ab" * lpeg.Cp(), "abc") == 1)
local ident = (R("az", "AZ") + "_") * (R("az", "AZ", "09") + "_")^0
local idents = Ct((C(ident) + 1)^0)
local ids = idents:match("local x_1 = y + 2")
assert(#ids == 3 and ids[2] == "x_1")
local balanced = P{ "(" * ((1 - S"()") + V(1))^0 * ")" }
assert(balanced:match("(a(b)c)") == 8)
assert(lpeg.match(lpeg.Cmt(P"x"^1, function(s, i) return i end), "xxx") == 4)
-- errors from LPeg reach Lua cleanly
local ok, err = pcall(lpeg.P, {})
assert(not ok and type(err) == "string")
print "OK"
