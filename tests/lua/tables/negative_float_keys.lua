-- float keys are normalised: 2.0 is 2, -0 is 0
local t = {}
t[2.0] = "two"; t[-0] = "zero"
print(t[2], t[0], t[2.0], t[-0.0])
t[1] = "one"
print(#t, t[1.0])
