-- precedence and associativity
print(2 + 3 * 4 ^ 2 / 8 - 1)
print(-2 ^ 2, 2 ^ -1, 2 ^ 3 ^ 2)
print(not nil == true, not (nil == true))
print(1 .. 2 .. 3, "a" .. "b" == "ab")
print(1 < 2 == true, 1 + 1 == 2 and 3 or 4)
print(false or nil and 1, nil and 1 or 2)
print(#"abc" + 1, -#"ab")
