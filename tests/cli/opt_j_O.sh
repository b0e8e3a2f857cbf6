# -j and -O options are accepted (lunar has no JIT: they change nothing visible)
. ./_lib.sh
same -joff -e 'print("joff")'
same -jon -e 'print("jon")'
same -jflush -e 'print("jflush")'
same -O3 -e 'print("O3")'
same -O0 -e 'print("O0")'
same -O-fold -e 'print("O-fold")'
same -joff -O3 -e 'print(type(jit), jit.version_num ~= nil)'
finish
