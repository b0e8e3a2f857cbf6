-- f"str", f[[str]], f{table}
local function f(x) return type(x), type(x) == "table" and #x or x end
print(f"abc")
print(f[[long]])
print(f{1, 2, 3})
local s = ("x"):rep(3)
print(s, #"abc", ("%d"):format(5))
