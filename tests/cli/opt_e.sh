# -e: single, multiple, combined with a script, errors in -e
. ./_lib.sh
same -e 'print(1 + 1)'
same -e 'print(1)' -e 'print(2)'
same -e 'x = 10' -e 'print(x * 2)'
same -e 'error("in -e")'
same -e 'x ='
same -e 'local t = nil; return t.x'
same -e 'error({})'
same -e 'print(...)'
cat > "$T/s.lua" <<'L'
print("script sees", x_from_e)
L
same -e 'x_from_e = "set"' "$T/s.lua"
same -e
finish
