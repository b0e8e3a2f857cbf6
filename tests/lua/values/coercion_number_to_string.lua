-- numbers are converted to strings in concatenation
print(1 .. "", 1.5 .. "x", -0.0 .. "", 1e100 .. "", 2^53 .. "", 0.1 .. "")
print(("x"):rep(2) .. 10 .. 20)
print(#(123 .. ""), pcall(function() return (12):rep(2) end))
