-- how the traceback names functions of different kinds
local M = {}
local up = function() error("bottom") end
function M.field() up() end
function M:method() M.field() end
local anon = {function() M:method() end}
function global_entry() anon[1]() end
global_entry()
