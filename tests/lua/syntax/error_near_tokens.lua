-- Syntax error messages: the token named after "near", the line, and the
-- "(to close 'x' at line n)" form, for source text and named chunks.
local srcs = {
  'x = "abc', 'x = "abc\\', 'x = "\\q"', 'x = "\\300"', 'x = "\\xZZ"',
  'x = "\\u{110000}"', 'x = "\\u{D800}"', 'x = [==[ abc', '--[[ abc',
  'x = [=x', 'x = 1 \1', 'x = 3x', 'x = 0x', 'x = 1e', 'x = 1..2',
  'function f()\n x=1\n', 'if x then', 'while x do', 'for i=1,2 do',
  'repeat x = 1', 'x = {1, 2', 'x = a[1', 'return return', 'f(\n)',
  'x = f\n(1)', 'function f(..., a) end', 'local 1 = 2', 'x.y:z = 1',
  'f() = 1', 'a.b:c(1) = 2', 'x = }', 'x = 1 y = 2 =', '\nx = "a\n"',
  'local function f() return ... end', 'for x do end', 'local t = {a = }',
  'x = (1', 'x = function(a b) end', 'goto', 'goto 1', '::a', 'x = #',
}
for _, s in ipairs(srcs) do
  print(select(2, loadstring(s)))
  print(select(2, loadstring(s, "=named")))
end
