-- Random program from the parser fuzzer (kept as a -bl regression test).
local a, b = ...
for i0 = b:m((b) * pairs) > a or h or #(((a))) <= (0.5) or ((a)) ~= -(3.25) or true, -b.m(g(g)[(...)]:m(-0.0, print, print) == "a long string with many characters in it ok" / 2, b ~= g, (100000) * (0) >= "x\n")() .. b < b and 1e+300 and ... or not b() do while b do for i2 = i0(print - "s", i0.k(i0) <= -pairs, 32768):m(#true)(#b % b), 2 do g:n(b <= true)()(false - a:m(nil, g, (1))("x\n", (g))[(1e+300)], (i2) and (next) == b <= (a)) end end
if false .. -not next and i0 == print then goto L1 end ::L1::
local cl1 = function() return i0 .. false ~= t0[false] < "x\n" - -((((b))) ^ a) end end a.k.k(t0[#b](), {b(g < a < b > a, b(t0[a * (...)])(not t0:n(), -next), a.f).m.m, [a <= g:n(a, -1e+300).f.m % "k" or (h) <= b ^ h] = (255) >= pairs ^ a .. nil >= {nil, (true), ((b))} < a or not a}, "k" <= 32768)
if b.f then
if 32767 == g + print + ((b)) > a > (0) and b or b .. a % (next) >= g:n(32767, next)(b, (g), a):m(b) or b .. (next) then goto L2 end ::L2:: elseif a then t0(-b > 0.5 * ((b)) or (g .. (((1e+300)))) == 2) else a(next / a > (a) ^ next ~= b.k[false or ("s")] > b) end repeat
local c2, b3 = b.m, a[g() * 0 ~= g:m(t0.f.k, a)][a]:m(b.f.f, {}, function() p.k.f = {[b] = "x\n"}, print
local t3 = b:n("a long string with many characters in it ok" and "s", (b))[(b) % a]:m(), t0 <= print or b end) break until #3.25 / not ("s") < (("s")) / #(a and 255) and a - ("x\n") * a
local t2, b3 = b[b / "x\n"], b / function(p, ...)
if b >= p:m("s")[(pairs)] - a.f()() then t0.f()(a - 32768, #(true) % a) elseif (0.5 .. (p)) >= h then do
if g then goto L3 end ::L3:: end g.f:n()[a and 255]()
if (pairs) / -a then x = not (a) x = not next elseif g(b, "s")[(p)] % a[(a)].m(print, ("x\n")) then x = ("a long string with many characters in it ok") else p(("a long string with many characters in it ok") ~= 1, p[...]:m().m)
local c3, x4, a5 = b / (p), a x = not "s" end
local t3, y4, a5 = 2 % 100000, a * not 1 else t0((0.5), a).f, p:m(not p, ((("k"))), p ^ ...)().f = b, "k" end while ... do
if a then goto L4 end ::L4:: end end, a or t0 for i0 = -g or -(b3) < 1 ^ g(#b3 .. pairs >= a).f[t2] / 256, -pairs or (("s")) * (32767) + -1 ~= "x\n" - ((a)) > ("x\n") do
local c5, c6 = g[not #32767 == (t2) and (100000) ^ "a long string with many characters in it ok"].f.m, b3.f[...].k + not 255 ^ h <= next, b[function(p, q) p, t0(("a long string with many characters in it ok") / (3.25)).f, a = not #false, 2 ^ "x\n", b(100000 * ((255)), b3.m.k:n(true)).k["x\n"] g.k[100000 >= b3][1] = "x\n" or i0 ^ b3 end].k.m
if "k" * (((true))) ^ t2 ^ (pairs) and (true) <= t0:m() then for k2, v2 in #t0[i0]()(b3 or ..., 1e+300 % (g)) do b3:n()(#next > g:m(((((b3)))), c5, b)(nil)) end
if not t0 % t2 then goto L5 end ::L5:: elseif -t0(next, -1).k > 0.5 and true + 255 or 3.25 then while -c5 do function gf(p) x = t0((nil)).k[(32768)] c5.m.m()
local c8, x9 = ((((t2)))), "s" end x = nil end function t0:m(...)
local function lf8(p) return t2, -(("x\n")) end for k3, v3 in ipairs(t) do g((nil)).m(i0, (b))[x], b3 = #(nil), "x\n" ~= ((100000)), lf8
local t11, t12, a13 = p / (...) x = ((v3)) ::L6::
if a.f.f:m((32768)) then goto L6 end end return c5.f.m[("s") / -1] end return ... else while {[b3 or 32768] = "s" ^ "a long string with many characters in it ok", n = t2 or ..., [false or 1] = (256)} * not a:m(c6).k do break end repeat
if 0 .. 1e+300 >= ((g)) then goto L7 end ::L7:: until function(...) t2(c6 >= p == pairs, 0, 0 and b == "s")
local b8 = c5 or b3 and 32767 ~= ... end while 32767 / not #0.5 do break end ::L8::
if g:n((2) / 0)[b >= next].f and h then goto L8 end do  end return 0.5 and c6.m[0.5 < "k"], c6(b)[b3:m(b).f .. 256 % 3.25].m end
local c7, c8, x9 = {c5, m = #(print) * 255 < 255, b(..., 255, "a long string with many characters in it ok").f <= ...} == g.k .. -"s" and "x\n", "x\n" + b ~= #t2 > b3, print end
local function lf4() return  end
if lf4:n():n() then repeat
local y5, t6, c7 = t2, pairs <= "s" until b[pairs](-1e+300 + (b) % 0.5 / not 1 or a > "s", not not pairs, "s" > (-1 and (...)))
local t5, t6 = t2 b3, g[x] = lf4 elseif a(next % true or 255 ~= (1) * g[true](pairs - ..., "x\n" .. 1e+300) or ..., not (-1) ^ (-0.0) + (h) or ... or false + b3 / "k" == 2)().f then  else
local a5 = t0(pairs and t2["x\n" * b3].f.f, (#false) == -#(("s")), {t2(t2, false .. lf4)(((2)) ~= t2)()})[g[g].f()](pairs < h - t2 * 255 % t0, b3[b3.m.f][g.f:m(pairs and (...), a <= (g))]), (32768) ~= g((...) and (a), b * (1)).k:n(("k") % lf4, 32768 - t2, next / t2) .. 3.25 / lf4 == next for k1, v1 in next, t do repeat
if g("k").m(#true, (255) + ((0)), -100000) then
local x8, c9, b10 = not h return  elseif b3(-...) then x = lf4 x = "x\n" x = (pairs) x = ((...)) else a, b:m()[true](32768, 3.25)[x] = 255 or 255 x = ((lf4)) .. true
local y8, x9, t10 = h, 1e+300, b.m.m x = ... .. ((...)) end until a end while 1 do repeat lf4:m(100000 > (a), not (t2)).f.m(not lf4:m("x\n", (2))()) t2, b3, a = lf4:m(#lf4, a5 * ("a long string with many characters in it ok"), b3) break until print and next < -1 ~= "x\n" end t2 = (not ((nil))) ^ #pairs, #(not (false) or h) end
