-- Table-driven tests of jit.util (funcinfo, funcbc, funck, funcuvname
-- and the trace functions) against luajit -joff (cases in
-- _cases_jitutil.lua).
dofile("../_harness.lua").check("jitutil")
