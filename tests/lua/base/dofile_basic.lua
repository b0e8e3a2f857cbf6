-- dofile runs a file and returns its results
print(dofile("_helper.lua"))
print(dofile("_helper.lua"), helper_loaded)
print(pcall(dofile, "does_not_exist.lua"))
