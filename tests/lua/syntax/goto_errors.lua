-- goto/label errors
print(loadstring("goto nowhere"))
print(loadstring("do ::a:: end ::a:: ::a::"))
print(loadstring("goto f; local x; ::f:: print(x)"))
print(loadstring("do goto l end local y ::l:: return"))
print(loadstring("repeat goto cont; local x ::cont:: until x"))
