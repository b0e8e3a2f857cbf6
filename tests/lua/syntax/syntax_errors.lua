-- a collection of syntax errors and their messages
local srcs = {
  "x =", "local function end", "if x then", "for i = 1 do end", "for a, b = 1, 2 do end",
  "f() = 1", "x.y:z = 1", "(x) = 1", "local t = {1 2}", "function f(a,) end",
  "function f(..., a) end", "return ...", "x = }", "a b", "while true do",
  "t = {[1] 2}", "x = 1 +", "::lbl", "goto 1", "local function (x) end",
}
for _, s in ipairs(srcs) do
  local f, err = loadstring(s, "=s")
  print(err)
end
