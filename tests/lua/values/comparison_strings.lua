-- string comparison is bytewise (C locale)
print("a" < "b", "a" < "ab", "" < "a", "Z" < "a", "abc" <= "abc", "b" > "abc")
print("a\0b" < "a\0c", "a\0" > "a", "\255" > "a")
