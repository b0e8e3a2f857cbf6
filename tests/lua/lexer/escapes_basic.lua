-- single-character escapes
local s = "\a\b\f\n\r\t\v\\\"\'"
for i = 1, #s do io.write(s:byte(i), " ") end
print()
print('it\'s', "say \"hi\"")
print("line1\
line2")
