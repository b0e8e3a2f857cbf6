-- comparing different types is an error, equality is just false
print(1 == "1", {} == {}, nil == false)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil <= 1 end))
print(pcall(function() return "a" >= true end))
