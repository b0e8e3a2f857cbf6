-- helper for dofile_basic (not a test itself)
local a = ...
helper_loaded = (helper_loaded or 0) + 1
return "helper result", a
