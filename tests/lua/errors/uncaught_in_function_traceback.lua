-- traceback names local, global, method and field functions
local obj = {}
function obj:method() local x = nil; return x + 1 end
function globalfn() return obj:method() end
local function localfn() globalfn(); return 1 end
localfn()
