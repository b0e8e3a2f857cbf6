#!/bin/sh
# Self-check for the runner: LUNAR=tests/luajit-wrapper.sh sh tests/run.sh
# must pass 100%.  -b must stay the first option for luajit, and the CLI
# tests (LUNAR_CLI_TEST set by tests/cli/_lib.sh) see the real command
# line, since an extra -joff would show up in arg[].
if [ -n "$LUNAR_CLI_TEST" ]; then exec luajit "$@"; fi
case $1 in
  -b*) exec luajit "$@" ;;
  *) exec luajit -joff "$@" ;;
esac
