-- Table-driven pattern tests: find, match, gmatch, gsub against the
-- results of luajit -joff (cases in _cases_pattern.lua).
dofile("_harness.lua").check("pattern")
