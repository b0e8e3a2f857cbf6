-- tail calls pass all results through, including to C functions
local function r(...) return ... end
local function t1() return r(1, 2, 3) end
print(t1())
local function t2() return select(2, "a", "b", "c") end
print(t2())
local function t3() return tostring(12) end
print(t3(), type(t3()))
