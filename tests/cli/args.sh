# the arg table, including negative indices, and ... in the main chunk
. ./_lib.sh
cd "$T"
# the lowest index holds the interpreter's own name: printed as <argv0>
cat > argt.lua <<'L'
print(#arg, select('#', ...), ...)
local lo = 0
while arg[lo - 1] ~= nil do lo = lo - 1 end
for i = lo, #arg do io.write(i, "=", i == lo and "<argv0>" or tostring(arg[i]), " ") end
print()
L
same argt.lua
same argt.lua x y z
same -e 'y = 1' argt.lua x
same -e 'y = 1' -e 'z = 2' argt.lua "with space" ""
same -- argt.lua --
finish
