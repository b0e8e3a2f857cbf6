local a = "simple"
local b = 'single'
local c = "esc\a\b\f\n\r\t\v\\\"\'"
local d = "\65\066\0067\x41\x4a\u{48}\u{20AC}\u{10FFFF}"
local e = [[long
string]]
local f = [==[with ]] inside]==]
local g = "a\z
           b"
local h = "0123456789012345678901234567890123456789"
local i = "01234567890123456789012345678901234567890"
local j = "\0\1\2\127\255"
local k = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
local l = "tab\there and a lot more text to go beyond the limit"
local m = ""
--[[ long
comment ]]
--[==[ another
]==]
return a, b, c, d, e, f, g, h, i, j, k, l, m
