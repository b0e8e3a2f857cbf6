# - runs stdin; with no script and a non-tty stdin, stdin is run too
. ./_lib.sh
printf 'print("stdin", ...)\n' > "$T/in.lua"
STDIN="$T/in.lua"
same - a b
same -
same
same -e 'print("e first")' - x
printf 'error("from stdin")\n' > "$T/err.lua"
STDIN="$T/err.lua"
same -
printf 'x =' > "$T/syn.lua"
STDIN="$T/syn.lua"
same -
finish
