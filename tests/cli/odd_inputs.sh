# unusual script files: empty, shebang only, NUL bytes, bad bytecode,
# a directory, random bytes (the last one only has to fail cleanly)
. ./_lib.sh
cd "$T"
: > empty.lua
printf '#!/usr/bin/env lunar' > shebang_only.lua
printf 'print("a\0b", #"x\0y")' > nul.lua
printf '\033Lua not really bytecode' > badbc.lua
printf 'x = 1\0 y = 2' > nul_outside_string.lua
mkdir adir
same empty.lua
same shebang_only.lua
same nul.lua
same badbc.lua
same nul_outside_string.lua
same adir
# 20 files of random bytes: any status 0 or 1 is fine, a signal is not
i=0
while [ $i -lt 20 ]; do
  head -c 400 /dev/urandom > rnd.lua
  "$LUNAR" rnd.lua > /dev/null 2>&1
  st=$?
  if [ $st -gt 1 ]; then echo "status $st on random input"; cp rnd.lua "${TMPDIR:-/tmp}/lunar-crash-input.lua"; FAILED=1; fi
  i=$((i + 1))
done
finish
