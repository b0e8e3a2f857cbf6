-- module() creates a global table and sets the environment
local print = print
module("mymodule_test")
function hello() return "hello from " .. _NAME end
print(_NAME, _M ~= nil, _PACKAGE)
