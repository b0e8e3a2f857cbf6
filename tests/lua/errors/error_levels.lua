-- error level points at the calling function
local function lvl(n) error("msg", n) end
local function a(n) lvl(n) end  -- line 3
local function b(n) a(n) end    -- line 4
for n = 1, 4 do print(n, pcall(b, n)) end
