# Differential test: random programs from tools/difftest/gen.lua must give
# the same transcript under lunar and luajit -joff (see
# tools/difftest/run.sh).  A bounded run: DIFFTEST_SEEDS seeds (default
# 200, well under a minute).  Skipped when luajit is not installed.
. ./_lib.sh
need_luajit
ROOT=$(cd ../.. && pwd)
KEEP="$T/keep" LUNAR="$LUNAR" sh "$ROOT/tools/difftest/run.sh" "${DIFFTEST_SEEDS:-200}" 1 > "$T/log" 2>&1
st=$?
[ $st = 77 ] && { echo "luajit not installed"; exit 77; }
[ $st = 0 ] && exit 0
grep -v '^ ' "$T/log" | tail -n 1
grep -A 4 DIVERGE "$T/log" | head -n 20
echo "reproduce: LUNAR=... sh tools/difftest/run.sh SEEDS (keeps programs in /tmp/lunar-difftest)"
exit 1
