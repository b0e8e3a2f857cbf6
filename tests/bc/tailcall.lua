local function a(x) return a(x) end
local function b(...) return ... end
local function c(t) return t:m(1) end
local function d(...) return b(...) end
local function e() return 1, 2, b() end
local function g() return (b()) end
local function h() return end
local function i() return 1, 2 end
local function j(x) return x end
local function k(x) return x.y end
return a, b, c, d, e, g, h, i, j, k
