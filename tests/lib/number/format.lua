-- Table-driven number formatting tests (tostring, `..`, %s) against
-- luajit -joff (cases in _cases_format.lua).
dofile("../_harness.lua").check("format")
