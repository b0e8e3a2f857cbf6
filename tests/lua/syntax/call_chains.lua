-- chained calls, indexing and method calls on call results
local obj = {}
function obj:self() return self end
function obj:name(s) return "name " .. s end
local function mk() return obj end
print(mk():self():self():name"x")
print(mk():self{1} == obj)
local t = {f = function() return {g = function() return "deep" end} end}
print(t.f().g(), t["f"]()["g"]())
print(("abc"):sub(2):upper():rep(2))
