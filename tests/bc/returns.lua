local function f0() end
local function f1() return end
local function f2() return 1 end
local function f3() return 1, 2 end
local function f4(a) return a end
local function f5(a, b) return a, b end
local function f6(a) return a.x end
local function f7(...) return ... end
local function f8(...) return 1, ... end
local function f9(a) if a then return 1 else return 2 end end
local function f10(a) if a then return 1 end return 2 end
local function f11(a) while a do return a end end
local function f12() return nil end
local function f13() return true, false, nil end
local function f14() return "s" end
local function f15() return {} end
local function f16() return -1, 1.5 end
local function f17(a) do return a end end
return f0, f1
