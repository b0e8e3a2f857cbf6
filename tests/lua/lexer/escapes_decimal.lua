-- \ddd escapes
print("\65\066\0677")
print(#"\0\00\000", ("\0"):byte())
print("\1234" == "{4")
print("\255" == string.char(255))
