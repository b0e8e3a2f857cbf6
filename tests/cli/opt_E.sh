# -E ignores LUA_INIT (and LUA_PATH)
. ./_lib.sh
LUA_INIT='print("init ran")'
export LUA_INIT
same -E -e 'print("body")'
same -e 'print("body")'
finish
