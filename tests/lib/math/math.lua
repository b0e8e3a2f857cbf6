-- Table-driven math library tests against luajit -joff (cases in
-- _cases_math.lua, expectations from gen_expected.sh).
dofile("../_harness.lua").check("math")
