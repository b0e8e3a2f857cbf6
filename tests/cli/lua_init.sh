# LUA_INIT as a string and as @file; errors in LUA_INIT
. ./_lib.sh
cd "$T"
echo 'print("from init file"); init_var = 42' > init.lua
LUA_INIT='print("init string")' ; export LUA_INIT
same -e 'print("main")'
LUA_INIT='@init.lua'
same -e 'print("main", init_var)'
LUA_INIT='error("bad init")'
same -e 'print("never")'
LUA_INIT='@missing_init.lua'
same -e 'print("never")'
LUA_INIT='x ='
same -e 'print("never")'
finish
