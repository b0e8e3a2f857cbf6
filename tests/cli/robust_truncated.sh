# Every tests/lua program cut at 1/4, 1/2 and 3/4 of its length (and with
# one byte flipped) must end with a clean status (0 or 1), never a signal.
# Deterministic: the cut points depend only on the file sizes.
. ./_lib.sh
LUADIR=$(cd ../lua && pwd)
cd "$T"
to=
command -v timeout >/dev/null 2>&1 && to="timeout 5"
n=0
for f in $(find "$LUADIR" -name '*.lua' | sort); do
  size=$(wc -c < "$f")
  for frac in 1 2 3; do
    cut=$((size * frac / 4))
    head -c "$cut" "$f" > t.lua
    $to "$LUNAR" t.lua > /dev/null 2>&1 < /dev/null
    st=$?
    n=$((n + 1))
    if [ $st -gt 128 ] && [ $st != 124 ] && [ $st != 137 ]; then
      echo "signal $((st - 128)): ${f#$LUADIR/} cut at $cut bytes"
      FAILED=1
    fi
  done
  # flip the middle byte to '(' to produce odd syntax
  mid=$((size / 2))
  { head -c "$mid" "$f"; printf '('; tail -c +$((mid + 2)) "$f"; } > t.lua
  $to "$LUNAR" t.lua > /dev/null 2>&1 < /dev/null
  st=$?
  if [ $st -gt 128 ] && [ $st != 124 ] && [ $st != 137 ]; then
    echo "signal $((st - 128)): ${f#$LUADIR/} with byte $mid replaced by '('"
    FAILED=1
  fi
done
finish
