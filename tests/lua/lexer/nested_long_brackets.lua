-- long strings inside long comments and vice versa
--[==[ a comment containing [[ a long string ]] and --[[ a comment ]] ]==]
local s = [==[ contains --[[ not a comment ]] ]==]
print(s)
print([[a]] .. [=[b]=] .. [==[c]==])
