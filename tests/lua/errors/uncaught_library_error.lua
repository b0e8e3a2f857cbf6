-- an uncaught error raised by a library function
local function go() local s = string.rep("x", {}) return s end
go()
