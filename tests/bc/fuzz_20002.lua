-- Random program from the parser fuzzer (kept as a -bl regression test).
local a, b = ...
b, a = b, b b[1 or not "k" <= ... < a * a >= 255 and a .. 1e+300]({k = b, 32768} or 0.5 <= b.k(("a long string with many characters in it ok") and b) * ..., {}) do for k1, v1 in ipairs(t) do
if h then  elseif a.f[b][v1 - (32767)] then do
local c4, b5 = 256 and ((b)), g, k1 / "x\n"
local t6, a7 = k1 x = ("a long string with many characters in it ok") <= a7 end
local y4, a5 = a g(pairs > a5, (a5) ^ print, (-0.0) and v1).f()[1] = (((2))), #b or ((print)), y4 g.m(v1.k["s"], (false))()[1], b:n(v1.k:m(("s"), a)()).k.f, a = 2, "a long string with many characters in it ok" % (nil) - nil else while -k1 or -k1 do x = b:m().m x = ... ^ pairs
local b4, x5 = ..., #"s" ::L1::
if "k" then goto L1 end break end for i3 = "a long string with many characters in it ok", a / v1 >= v1 do  end ::L2::
if a * "k" then goto L2 end b, k1 = print - a ^ #"s", k1:m()()[-a], b end b[x], v1 = a, (k1) or next, b:n()(b >= ("s") % b / true):m() while v1 do v1()(a or h + b, "k" <= (v1) .. a)
if v1 > 32768 then k1, v1, g().k[1] = h ~= -0.0 t0() elseif v1.k then a, v1 = not g, (next) ^ 32767 a, b, b = (...), -0.0 else x = #b x = 2 .. (pairs) x = -next
if "s" then goto L3 end ::L3::
local cl3 = function() return print ~= "k" end end function t0:m(p) b, a, p[false][b].f[x] = v1:m().f, "x\n" * true return  end
local a4, a5, b6 break end end return (g((...) and a or a, ((a)) and 3.25)), true end
local a2, y3 = (#g:m().k), pairs ^ -(2) - (...) <= t0.f.k.f t0.k()
local b4 g.m(#not "k" ~= print, not ... or a[not (256) < t0 and a2 > pairs][(y3) - a2 - a.k[a].m == #b or (...)], -true) while (nil >= b4 - y3) do
local c5, c6 = not ((3.25)) == 1 <= not (1) ~= {[{b4 and false}] = false and 0 ~= "x\n"}, next <= b["k" and false](#pairs) < b.m < (32767), g[false][b4[(b4) .. print].k(1e+300 / 32768, y3, ...)]:m(g) % not h
if not not c5 or c6 < print and print then ::L5::
if c5 .. (y3) and 256 * #true * y3 then goto L5 end for k2, v2 in a2 do for i3 = g:n((k2)):n(), ... do
local c10 x = t0[(c10)]("k", b) g.f(pairs, b4 - ((((a2)))), (("x\n")) and 0)
if #(true) then goto L4 end c5[32767]:n(next).k[1], k2.f:n()[x], c6 = #(print), (b4) + ("s") ::L4::
local cl4 = function() return 256 end end end
local cl5 = function() return 0 end elseif 1 then repeat a2(-0.0 / 32767, (c5), -("s")):n(h or c6)[0][1], a = (print) ::L6::
if b then goto L6 end for k3, v3 in pairs(t) do  end until g:n(c6, b, pairs):n(32768)[(h)] + b4:m(0)[true].k or ((next)) while (next < a) >= true do break end a2.m:m(false, not c6[c6]((1)), a)[1] = a, t0.m(-32768) .. 32768 % nil .. "x\n", b.f > ((100000)) and -0.0 / pairs else c5(a2.k <= (...) ~= (b / 1e+300), "a long string with many characters in it ok" - next) end
local function lf7()
local t9, y10, x11 = c5() >= "s" * (-0.0) and (c6) / b, -pairs + true <= "k" / h, a.m + y3 % a2 >= (next)
local a12, a13
if p <= -((b)) % (y10) then goto L7 end ::L7:: return x11[(nil) ^ 0.5]:n() end t0[lf7.f.m]()() end
