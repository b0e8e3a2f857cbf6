-- Table-driven bit library tests against luajit -joff (cases in
-- _cases_bit.lua, expectations from gen_expected.sh).
dofile("../_harness.lua").check("bit")
