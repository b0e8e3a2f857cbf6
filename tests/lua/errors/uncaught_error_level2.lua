-- error with level 2 blames the caller's line
local function check(v) if not v then error("check failed", 2) end end
check(true)
check(false)
