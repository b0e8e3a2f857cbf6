-- Table-driven tests of the jit module's shape and argument checking
-- against luajit -joff (cases in _cases_jit.lua).
dofile("../_harness.lua").check("jit")
