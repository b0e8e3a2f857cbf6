-- Round-trip runner: lunar roundtrip.lua FILE.lua [args...]
-- Compiles FILE, dumps the main function with string.dump, reloads the dump
-- and runs it with the remaining arguments, so the output must equal that
-- of `lunar FILE.lua args...`. Set LUNAR_RT_STRIP=1 to strip debug info
-- (error messages then lose their line numbers). For tests/run.sh's
-- ROUNDTRIP=1 mode: run `$LUNAR ../../bytecode/roundtrip.lua NAME.lua`
-- in the test's directory instead of `$LUNAR -bg` + running the .bc.
local file = assert(arg and arg[1], "usage: roundtrip.lua FILE.lua [args...]")
local f, err = loadfile(file)
if not f then
  io.stderr:write(tostring(err), "\n")
  os.exit(1)
end
local strip = os.getenv("LUNAR_RT_STRIP") == "1"
local bc = string.dump(f, strip)
local g = assert(loadstring(bc, "@" .. file))
-- The script sees the same arg table as when run directly.
local newarg = { [0] = file }
for i = 2, #arg do newarg[i - 1] = arg[i] end
newarg[-1] = arg[-1]
arg = newarg
return g(unpack(newarg, 1, #newarg))
