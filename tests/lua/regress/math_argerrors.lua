-- Argument errors of math functions as LuaJIT words them: deg and rad are
-- Lua builtins there (arithmetic errors in "[builtin:deg]"), the binary
-- functions check their first argument first.
print(pcall(math.deg, "x"))
print(pcall(math.deg))
print(pcall(math.rad, {}))
print(pcall(math.rad, nil))
print(math.deg("10"), math.rad(180), math.deg(0.5))
print(pcall(math.fmod))
print(pcall(math.pow, "a"))
print(pcall(math.atan2, 1))
print(pcall(math.fmod, 1, "b"))
