-- Table-driven ffi library tests against luajit -joff (cases in
-- _cases_ffi.lua, expectations from ../gen_expected.sh ffi).
dofile("../_harness.lua").check("ffi")
