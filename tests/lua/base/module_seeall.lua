-- module(..., package.seeall) sees globals
module("seeall_mod", package.seeall)
value = 1
print(type(print), _M.value, seeall_mod == _M)
