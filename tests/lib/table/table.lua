-- Table-driven table library tests against luajit -joff (cases in
-- _cases_table.lua, expectations from gen_expected.sh).
dofile("../_harness.lua").check("table")
