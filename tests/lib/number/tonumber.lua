-- Table-driven tonumber tests against luajit -joff (cases in
-- _cases_tonumber.lua, expectations from gen_expected.sh).
dofile("../_harness.lua").check("tonumber")
