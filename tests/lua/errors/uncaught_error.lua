-- uncaught error: message and traceback on stderr, exit status 1
print("before")
local function fail() error("boom") end
local function middle() fail() end
middle()
print("never")
