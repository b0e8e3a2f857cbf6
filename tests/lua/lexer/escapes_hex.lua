-- \xXX escapes (LuaJIT extension)
print("\x41\x62\x7A", "\x4a\x4A")
print(("\xff"):byte(), ("\x00"):byte())
