-- a syntax error in the main file: message on stderr, exit 1
print("never printed")
local x = = 1
