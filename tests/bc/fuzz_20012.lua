-- Random program from the parser fuzzer (kept as a -bl regression test).
local a, b = ...
b.f:m():m(not nil ^ a, b, #a ^ b % (a or true) ^ -(a))[1], a = t0.f[(t0:m((g)).f.m) > "k"][b], t0
if b then
if {} .. (((a))) and next <= a == a / (not 32768) then goto L1 end ::L1:: elseif a then
local b2, x3 while nil > print do b2, b2, b2 = "k"
if -false then  elseif b then
local b4, a5, c6 ::L2::
if c6 .. ((pairs)) + 2 then goto L2 end
local x7 = ((x3)) and ("a long string with many characters in it ok") * a5 or "a long string with many characters in it ok", x3 / next * c6 ~= 2, not pairs .. (0.5) or ... else do x = (a) == ((...)) a, g.f, a = 3.25, false .. "k", true >= h x = ... * g x = b end b2(x3 <= (a), (true), print)(0 or 2 or not b, (true) ^ "a long string with many characters in it ok" > (x3) == b, #... .. "k" .. 2)
local a4, t5, b6 = t0(a ~= a):m(a.m:n(((0.5))), b2 > (h)), h
local a7 = a4[1e+300] end
if #256 or x4 or not ... then goto L3 end
local x4, a5 = -a, a, #h ::L3:: end else b[-t0:m() and -1 + a](b + "x\n" and b / b(not (("x\n")), (a) + print)[b == a] > next, t0)
local b2 while a:m(("x\n"), t0[-0.0].m or b2 ^ "a long string with many characters in it ok", a):n(a).f do break end end do ::L4::
if ... then goto L4 end end repeat x = 32767
local function lf2(p)
if lf2 % p / -b * "a long string with many characters in it ok" then goto L5 end ::L5:: return {}, b:n(pairs >= -0.0 <= p and "s", g:n()[(((nil)))] >= b >= (false), (b) ~= not (g)).f:m(g[(nil)].k.k), pairs end
local b3, y4 = g.f ~= #lf2 / (pairs) <= "a long string with many characters in it ok" % ... until a for k0, v0 in next, t do repeat function t0:m(...)  end repeat
if next then
local x4, b5 = "s"
local t6 = a(k0).m, v0 or b5, next < ... ::L6::
if 0 * (b5) then goto L6 end x = ... ^ 0 x = x4 - 256 elseif a.f[not (("s"))] then k0 = (...)
local x4, t5, b6 = t0[(nil)]:n(32768, (((2))), -0.0), not 0 else x = k0 x = ... < ((((g)))) end v0[(v0) >= b]((v0) - v0, (2))()((("s")) <= k0 % 256 ^ 0, g / (((h))) + 255 * false, ((...))) v0(...) break until #not (a) ::L9::
if b > "x\n" or (nil) then goto L9 end repeat
if k0 then goto L8 end repeat a.m:n(nil, ("a long string with many characters in it ok"), v0)[1] = 2, "x\n" % -1
local y4, x5, b6
local t7, c8, b9 ::L7::
if nil <= -0.0 then goto L7 end x = -1 * (true) until not ... * (v0) ::L8:: until -1 == k0.k.m[false] < pairs * ("x\n") <= not (("x\n")) g[1], a = "a long string with many characters in it ok" and -t0[nil]:m(), #not ("x\n") and false or "k" and not (100000) break until (b) - k0 and print or b ~= (k0) - 32767 <= t0
local function lf4(p, ...) lf4, k0 = g and print / h, 32767 ^ lf4 == v0 + lf4
local function lf6() b:n(-"k", not 1e+300)() while p do x = "a long string with many characters in it ok" + 1 end
local b8, a9, x10 = not "k" end v0() ::L10::
if g[(b)](t0.f)((1e+300) % ("a long string with many characters in it ok")) and lf4((32767) >= a, 255) then goto L10 end k0(p, v0.f[nil] and (lf4), {})(t0, 0 % lf6.k(), lf4.m:m(lf4 ^ 0.5))[1], lf6(("a long string with many characters in it ok") <= p, (...), t0.k).f, v0.f(not b / (k0) <= "s")[1] = {}, print
local cl10 = function() return p > next + 100000 - "a long string with many characters in it ok" end end end for k0, v0 in "k" and ... <= (...) / 0 < g:n().k and (#((b)) and (a)) >= "s" ^ 1e+300 % (a) - true == (nil) do
local y4 = h, 3.25, print and k0((b) < next, 256 / h, "s" / ...).k or t0.f ^ print
local function lf5()
local a7 = 0.5 and "x\n" or "s" > b / nil, nil or "s", (nil) % g.m > p end
local b6, a7, y8 = b.f, "x\n" end
local x2, x3 = t0[b].f function gf(...) x3, x3:m((b), 1e+300, (...) < (((x3))) or "a long string with many characters in it ok" or 32768 > x2 * ((x2)) and (a) * p)[1] = ..., h while 1 do  end
if a:m(p + 1 % not x3) / x2[p](a(next, ("k")) > x2 * 100000, next == 32768 + ((a)) * (1e+300), ...) then goto L12 end for k1, v1 in -a < x3 do function t0.a.b(...)
if true then  elseif (g) < 2 == next then
local c8, b9 = (a) or g, ..., ((p)) ::L11::
if x3 then goto L11 end x = g else x = ((-1)) + pairs t0[a].m("a long string with many characters in it ok" or ((("a long string with many characters in it ok"))), t0) end return k1 * ("k") >= -0.0 or true end end ::L12:: return  end
