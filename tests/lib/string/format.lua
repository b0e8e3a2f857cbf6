-- Table-driven string.format tests against luajit -joff (cases in
-- _cases_format.lua).
dofile("_harness.lua").check("format")
