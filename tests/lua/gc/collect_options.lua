-- collectgarbage options return the documented kinds of values
print(collectgarbage())
print(collectgarbage("collect"))
print(type(collectgarbage("count")), collectgarbage("count") > 0)
print(collectgarbage("stop"), collectgarbage("restart"))
print(type(collectgarbage("step")), type(collectgarbage("step", 100)))
print(type(collectgarbage("setpause", 200)), type(collectgarbage("setstepmul", 200)))
print(collectgarbage("setpause", 200), collectgarbage("setstepmul", 200))
print(pcall(collectgarbage, "bogus"))
