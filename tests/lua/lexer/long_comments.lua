--[[ a long
comment ]] print("after level 0")
--[==[ ]] ]=] still comment
]==] print("after level 2")
--[ not a long comment
print("short") -- trailing comment
--[[]]print("empty long comment")
---[[ this is a line comment
print("dash-dash-dash")
--]]
