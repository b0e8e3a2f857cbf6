-- numeric for: steps, negative, float, zero iterations, loop var copy
for i = 1, 3 do io.write(i, " ") end print()
for i = 3, 1, -1 do io.write(i, " ") end print()
for i = 0, 1, 0.25 do io.write(i, " ") end print()
for i = 1, 0 do io.write("never") end print("empty")
for i = 1, 3 do local j = i; i = i * 10; io.write(i, ":", j, " ") end print()
for i = "1", "2" do io.write(type(i), " ") end print()
