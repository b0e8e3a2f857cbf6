# -i with piped input: =expr, multi-line statements, errors, continuation
. ./_lib.sh
cat > "$T/in1" <<'L'
=1+1
x = 5
= x * 2
function f()
return 42
end
print(f())
error("oops")
print("after")
=nil, false, "s"
L
STDIN="$T/in1"
same -i
printf 'local a = {\n1,\n2}\nprint(#a)\nx =\n= 3\n' > "$T/in2"
STDIN="$T/in2"
same -i
printf 'print("from repl", v)\n' > "$T/in3"
STDIN="$T/in3"
same -e 'v = "set by -e"' -i
printf '=error({})\nreturn 1, 2\n' > "$T/in4"
STDIN="$T/in4"
same -i
printf 'print("script ran", ...)\n' > "$T/s.lua"
printf 'print("then repl")\n' > "$T/in5"
STDIN="$T/in5"
same -i "$T/s.lua" a b
finish
