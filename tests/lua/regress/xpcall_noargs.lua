-- xpcall checks its first argument before the handler.  Found by
-- tools/difftest (every seed with an "errors" block).
print(pcall(xpcall))
print(pcall(xpcall, print))
print(xpcall(function() return "ok" end, print))
