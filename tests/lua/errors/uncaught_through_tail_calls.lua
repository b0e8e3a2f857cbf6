-- a traceback through tail calls
local function bottom() error("at the bottom") end
local function middle() return bottom() end
local function top() return middle() end
local function entry() top(); return 1 end
entry()
