# Helpers sourced by tests/cli/*.sh (not a test itself).
#
# The runner starts each script in tests/cli with $LUNAR (absolute path)
# and $LUAJIT (reference; empty when not installed).  A script exits 0 on
# success, 77 to be skipped (first stdout line = reason), else failure.
#
#   same ARGS...          run "$LUAJIT ARGS" and "$LUNAR ARGS" with stdin
#                         from $STDIN (default: /dev/null) and compare
#                         stdout, stderr and exit status (normalised)
#   expect_status N ARGS  $LUNAR ARGS must exit with status N
#   finish                exit 1 if any check failed, else 0

: "${LUNAR:?LUNAR must be set}"
unset LUA_INIT LUA_INIT_5_1
LUNAR_CLI_TEST=1
export LUNAR_CLI_TEST
LUA_PATH='./?.lua'
LUA_CPATH='./?.so'
export LUA_PATH LUA_CPATH
STDIN=/dev/null
FAILED=0
T=$(mktemp -d "${TMPDIR:-/tmp}/lunar-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

need_luajit() {
  if [ -z "$LUAJIT" ]; then echo "luajit not installed"; exit 77; fi
}

# norm: what legitimately differs between luajit and lunar on the command
# line: the program name (at the start of a line and in "usage:"), hex
# addresses, and the
# version banner lines printed by -v / the REPL.
norm() {
  sed -E -e 's#^[^ :]*(luajit|lunar):#PROG:#' \
         -e 's/0x[0-9a-fA-F]+/0xADDR/g' \
         -e "s#^usage: [^ ]*#usage: PROG#" \
         -e '/^(LuaJIT [0-9]|lunar [0-9]|JIT: )/d'
}

# capture CMD...: stdout, stderr and status of CMD in the .expected format.
capture() {
  "$@" < "$STDIN" > "$T/o" 2> "$T/e"
  st=$?
  { cat "$T/o"; echo "--- stderr"; cat "$T/e"; echo "--- exit $st"; } | norm
}

same() {
  need_luajit
  capture "$LUAJIT" "$@" > "$T/exp"
  capture "$LUNAR" "$@" > "$T/act"
  if ! cmp -s "$T/exp" "$T/act"; then
    echo "differs from luajit: $*"
    diff -u "$T/exp" "$T/act" | sed -e '1,2d' -e '/^@@/d' | head -n 8
    FAILED=1
  fi
}

expect_status() {
  want=$1; shift
  "$LUNAR" "$@" < "$STDIN" > "$T/o" 2> "$T/e"
  st=$?
  if [ "$st" != "$want" ]; then
    echo "exit status $st, want $want: $*"
    head -n 3 "$T/e"
    FAILED=1
  fi
}

# expect_out TEXT ARGS...: stdout of $LUNAR ARGS must be exactly TEXT.
expect_out() {
  want=$1; shift
  got=$("$LUNAR" "$@" < "$STDIN" 2>&1)
  if [ "$got" != "$want" ]; then
    echo "output of $*: got '$got', want '$want'"
    FAILED=1
  fi
}

finish() { exit $FAILED; }
