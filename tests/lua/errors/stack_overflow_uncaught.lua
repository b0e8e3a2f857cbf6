local function r(n) return 1 + r(n + 1) end
r(1)
