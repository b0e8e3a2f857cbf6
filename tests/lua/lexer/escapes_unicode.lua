-- \u{XXXX} escapes encode UTF-8
local function bytes(s) local t = {} for i = 1, #s do t[i] = s:byte(i) end return table.concat(t, " ") end
print(bytes("\u{41}"), bytes("\u{e9}"), bytes("\u{20AC}"), bytes("\u{1F600}"))
print(bytes("\u{7FF}"), bytes("\u{800}"), bytes("\u{FFFF}"), bytes("\u{10000}"))
print("\u{0048}\u{0069}")
