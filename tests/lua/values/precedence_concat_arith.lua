-- .. binds looser than + and tighter than comparison
print(1 .. 2 + 3, 2 * 3 .. "", "a" .. 1 + 2 .. "b")
print(-2 ^ -2, not 1 == 2, #"ab" .. "c", -"2" .. "")
print(pcall(loadstring("return 1 < 2 < 3")))
