# -- stops option handling
. ./_lib.sh
cd "$T"
echo 'print("args:", ...)' > s.lua
same -- s.lua -e 1
same s.lua -- -e
same -e 'print(1)' --
same -e 'print(#arg, arg[0])' -- s.lua -v
finish
