#!/bin/sh
# covsum.sh BUILD-DIR [DIR]...: per-directory line coverage from gcov.
#
# BUILD-DIR is a build made with --coverage (make coverage: build-cov)
# whose programs have run, leaving .gcda files next to the objects in
# BUILD-DIR/obj/<dir>/.  For each source directory (default: src/core
# src/parse src/vm src/lib src/api) prints the executed / executable line
# counts and the percentage, summed over the .c files of that directory
# (inline code in headers is not counted).  With COVFILES=1 it also
# prints one line per file.  Uses only gcov (-n: no .gcov files are
# written) and awk.
set -e
B=${1:?usage: covsum.sh BUILD-DIR [DIR]...}
shift
[ $# -gt 0 ] || set -- src/core src/parse src/vm src/lib src/api
total_x=0; total_n=0
for d in "$@"; do
  sub=${d#src/}
  set +e
  out=$(gcov -n -o "$B/obj/$sub" "$d"/*.c 2>/dev/null)
  set -e
  printf '%s\n' "$out" | awk -v dir="$d" -v files="${COVFILES:-0}" '
    /^File / { f = $2; gsub(/\047/, "", f); keep = (index(f, dir "/") == 1 && f ~ /\.c$/) ; next }
    /^Lines executed:/ && keep {
      split($2, a, ":"); pct = a[2] + 0; n = $4 + 0
      x = int(pct * n / 100 + 0.5); X += x; N += n
      if (files == 1) printf "    %-28s %6.2f%% of %d\n", f, pct, n
      keep = 0
    }
    END { printf "%-12s %6.2f%%  (%d of %d lines)\n", dir, N ? 100 * X / N : 0, X, N }'
done
