-- keywords cannot be field names after '.', but work as string keys
local t = {["end"] = 1, ["while"] = 2}
print(t["end"], t["while"])
print(loadstring("return t.end", "=kw"))
print(loadstring("return {end = 1}", "=kw2"))
