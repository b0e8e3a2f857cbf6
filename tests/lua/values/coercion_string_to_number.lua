-- strings are converted to numbers in arithmetic
print("10" + 1, "3" * "4", "0x10" + 0, " 5 " + 1, "1e2" / 2, -"2", "2" ^ "3", "7" % "4")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return "10" < 5 end))
print("10" == 10, "10" + 0 == 10)
