local ok, e = pcall(function() local t = nil; return t.x end)
return xpcall(function() error("x", 2) end, function(m) return m .. "!" end)
