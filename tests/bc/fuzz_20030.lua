-- Random program from the parser fuzzer (kept as a -bl regression test).
local a, b = ...
for k0, v0 in ipairs(t) do break end
local a2, x3, c4 = (32768 * b.m(g:n("a long string with many characters in it ok").m) % a)
local function lf5(p)
if b - pairs % not x3 ~= c4 % (32767) == #x3 / a then  elseif 2 then
if false > pairs and "s" or g((0)).f[100000] ~= nil then goto L1 end ::L1::
local cl1 = function() return nil end else c4, a[256][1], a[x] = nil for i2 = x3:n():m()(((h)) or (3.25), a, a2) / 1, nil do
local function lf8() x = (true) return  end function t0.f(p) p, a2[x], b = ((i2)) * x3, #a x = nil return not print, 256 end
local t9, t10 = c4 end p = lf5 ^ (print .. c4), h, h * p while nil * g(#(lf5)):n(x3, (((print))), (pairs) and 0.5)[256 >= print] do
if not t0(true, "a long string with many characters in it ok") then goto L2 end c4.k[2][x] = a2, 2 ::L2:: break end end lf5(x3(p(a2[p()(-0.0, false, x3)](next or a2).k, (255) + lf5 % lf5 + a, a2:n("x\n" == true, print)(nil and nil, "x\n"):m())(), lf5 > (p) >= {[(p) <= (h)] = b ~= b, [true == ("x\n")] = b == -1, n = nil, [not ("s")] = b[h]}, not "a long string with many characters in it ok")) end
local function lf6()  end lf6.f[1], c4 = c4.m:m(a2, 3.25, ...), ##c4.m:n(not (lf6), (((32768)))) .. lf5:n()[-1] lf5[x] = c4, (##256) for k0, v0 in ipairs(t) do
if not b then goto L3 end lf5 = x3, (v0.f >= t0) ::L3:: end t0.m("x\n", nil, function() while t0[true]:m() do while ("s") <= (print) and ((pairs)) do x = (true) or print lf6.m[a]("x\n", a2 and print) break end end for i2 = -t0(c4, 1e+300).f, lf6 % (100000) do do
local x9, a10 = "k" x = nil x = (lf5) end
local a9, y10 = lf5.k[i2 .. (x3)].k end end)(g, -c4.k:m(a, (a) or ..., "s" * 0)[a] + t0[lf6().m[a2]] == a % t0(((((false)))) + 32768, 3.25, true and "a long string with many characters in it ok").k.m ^ t0[(a2) == lf6] .. (a2), #-0.0)
