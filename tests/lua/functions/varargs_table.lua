-- {...} and arg-less vararg use
local function pack(...) return {n = select('#', ...), ...} end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
local function last(...) local t = {...} return t[#t] end
print(last(1, 2, 3))
