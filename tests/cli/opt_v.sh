# -v prints one version line on stdout and exits 0; -v with -e runs both
. ./_lib.sh
out=$("$LUNAR" -v < /dev/null)
st=$?
[ $st = 0 ] || { echo "-v exit status $st"; FAILED=1; }
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || { echo "-v printed: $out"; FAILED=1; }
case $out in *[0-9].[0-9]*) ;; *) echo "-v has no version number: $out"; FAILED=1 ;; esac
same -v -e 'print("after -v")'
finish
