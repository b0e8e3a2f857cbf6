-- Random program from the parser fuzzer (kept as a -bl regression test).
local a, b = ...
repeat break until b t:m "s"
local m1, m2 = 1 b:m(b):m()(-{} == not a + 3.25 - (((...))) or h >= nil / -32768 <= false, (b / a) - (...) % (1e+300) + (...) and #a[b] ^ a) for i0 = a(a.f() .. b[b] ~= (-1), a.f(a .. 100000) and nil, function(p, q) a((((nil))), 1 >= 1):m((nil) ^ true)("k", nil or true <= t0, false)
local x3, x4, a5 = not nil + a, p + pairs >= g(a).f.f end)[3.25] >= false == a.k:m(b .. ..., -false):m(true) or "a long string with many characters in it ok" + nil == a, g:n((b + b), -b / "x\n" >= 3.25 <= 256 * (false), 1) % g() do
local a3 = a * true and pairs >= ((b)) * 255 for k1, v1 in ipairs(t) do  end for k1, v1 in next, t do
if k1 < v1 >= 3.25 ^ i0 then
if b then goto L1 end ::L1:: elseif true then  else
if -0 or nil then goto L2 end ::L2:: end
local function lf6()
if not "s" then  elseif lf6 ^ a < 1 then
local y8, t9 = true, v1().f() ::L3::
if k1 < "s" then goto L3 end else x = ((((nil)))) x = b == nil x = i0 .. (("x\n")) end
local function lf8() x = next x = (h) == (((256))) end v1 = -32767, not a3[0](nil) return t0, not false end end end a.f(b.f:m(-0.0, a:m(), not ("x\n") * (g) - a == b))[x], b, b.m[x] = a, ("k" and b) ~= -(-1) and b.f and b == 1e+300 or a ^ a or ... > t0 b = g.k(a and 3.25):n(("a long string with many characters in it ok"), a / (256)) > b:m() <= -0.0 ~= next / a[(false)][true].m % 2 <= b ~= not (-1) ^ pairs <= g, #function(...) while false do a((p))(-"s", not a, (false == (p))) end p() end while a() - b(-b ~= ...) and "x\n" or "a long string with many characters in it ok" and a > next ~= 3.25 <= #"x\n" or (("s")) do
if not true then b = {n = g((...), a)[a], "x\n"}
local x2, a3 = g:n(a or pairs >= "x\n" / true, a < (1) <= ..., g == (true) % b).m, 0.5, {... >= b}
if -0.0 < pairs == print .. h - 0 then goto L4 end ::L4::
local cl4 = function() return x2(b)[(a3[((a3))].k)] end elseif g then  else x = {x = 1, f()}
local a2, c3 = g, b
local y4, b5 = a and a .. a.m(-nil, (a), true), g .. c3 >= a, c3 <= b:n()[((a))]:m((nil) ~= true, 255) y4[b .. b ~= g].f[x] = function(p)
local x7
if "s" * ((next)) or y4 then x = nil <= a2 ::L5::
if 32768 then goto L5 end
local a8, t9 = t0():n(nil)
local y10 = #(256), not (a8), (0.5) x7.m() elseif 32768 >= -1 / g(nil, 3.25, (pairs)):n() then x = y4(32768) y4(a2, c3, 100000)[nil].k[1] = (b), t0.f(3.25, "a long string with many characters in it ok").f
if 0 and y4 then goto L6 end ::L6::
local cl6 = function() return -1 end else x = ((pairs)) x = print c3(true)()[1] = b5.f:m((y4), "x\n", x7) end end, -0.0 or t0.f:n(-b5, y4.k.m)[(c3)] end b.m(0.5, -true and (3.25), -b)("a long string with many characters in it ok" - ("a long string with many characters in it ok") * 32768 / a.k(b, (nil)) ~= (((3.25))) > "a long string with many characters in it ok", a, (g) * "a long string with many characters in it ok" + "a long string with many characters in it ok" + -1)(-true and b .. ("k") <= ((("s"))) % 255 / (next) ^ a >= 0 % b, t0 + h ^ 32768 or nil .. b) end
