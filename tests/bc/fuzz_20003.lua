-- Random program from the parser fuzzer (kept as a -bl regression test).
local a, b = ...
repeat
if g then goto L1 end ::L1::
local cl1 = function() return function() ::L2::
if c4 % ("s") and g.k(a3) then goto L2 end while (((32767))) / g do x = not 256
local a3, y4, b5 = b - nil, g.f, #nil x = -nil g(255)(1 ^ (g)) break end
local a3, c4, y5 = #(b) - "a long string with many characters in it ok", {b == pairs}
local cl2 = function() return -y5 end end * -{m = 1 or a, [false - b] = "x\n" and (pairs), print, n = b} end until a > -(255) .. b.f(a == a) do
if g then goto L3 end b:n(#b(...)(t0, #(nil), b < -1):m(g, "x\n"))().f(a) a(h + h, ... or a, (b) ^ -(a) <= (a) and a) t0:n(not a / next - ... ^ a, function(p, q) function t0.f(...)
local y4 = (true) > 3.25, "x\n", "x\n" < b x = y4:n(nil, p)(a, "s", nil)
local b5, t6, c7 = p, b <= p end for k3, v3 in next, t do x = "k"
local a5, x6, y7 = g, v3 ^ "x\n", -k3 end end)(print, a * (pairs) or ((b)) + 100000 % nil / (0) .. (false)) x = {"a", "b", k = "c"} ::L3:: end a.f.m[x] = (100000 .. 1 > b * (a) + ((-1)) + a ~= b), function(p, ...)
local b3 = "a long string with many characters in it ok" and nil .. b.k()[(a)] or b % -1 > a(false, "x\n")[0][p], ...
if #print then
local m1, m2 = f()
if p(..., b3, ...) and "k" >= g then goto L5 end do
if ("k") <= g % print or ... then goto L4 end ::L4:: return b end b3 = (t0[((...))][-g]), nil x = {[1] = 1, [2] = 2, 3} ::L5:: elseif "k" then
local t4, x5, b6 = "s" else ::L6::
if next <= "x\n" == "x\n" <= #not 0.5 then goto L6 end end
if ... then goto L7 end ::L7::
local cl7 = function() return h == (b) or (p) - -p and function(p) for k3, v3 in next, t do x = p:n("s", b, h).k x = #((((nil)))) x = "s" * k3 end g(1) end end end, t0:n()(a, {(a), {n = a <= a, ((-0.0)), (g)}, ["a long string with many characters in it ok" - b((0), (nil), 32768)()[pairs]] = a}) .. 1
local a2, t3 while a2 do t0[-a2 >= ((256)) > (-1) and true]["k"]() a2 = a2.f:n((...), b) * 32767 + "x\n" and t0:n(0.5) % 100000, #"s" + (b) + a2.k((false), print, (((next))))() >= {[not a2] = -0.0 % "s", m = a2 == 32768, k = ...} >= "k", 3.25 end a2, t3[(print) ^ (((b))) == (t3 ^ ((...))) > not ... and "x\n" < 1e+300 .. a](a.k().m ~= 32767 and 32768).m[1], a = not print > b(not -1, g:m()(... .. "k").k).m:m(a2) % t0((a2) >= (-1), b * a2, (false) and 256)(a2 or (...), 32768 / 32768, t0):n(pairs) == {k = not a2, [b] = t3.f(true)} function gf()
local a5, y6 = -g, t0["x\n"](t0(-0.0 ~= (-1) <= a2, -0.0)[a[t3.m:n("a long string with many characters in it ok", "a long string with many characters in it ok", false):m()]], false ^ 0 ^ p - b * #"k" ^ not "a long string with many characters in it ok")
local a7 = next, a2[(32767) or 100000 .. -print].m, a2 + -(nil) or {} > false
local c8, y9 = t0(nil, ("x\n") > (a7) % nil and (t3) <= a2.f.f[(t3)]).k return -0.0 and 0.5 end
local c4, x5 = g:n().k[t3 <= a <= g % a], 32768 - (nil) <= -g % print >= b or a - "x\n" .. (a2) .. #t3 - (100000) == g
