/*
** run_script: the smallest host. Creates a state, opens the standard
** libraries, passes command-line arguments as a global table and runs a
** script file (or a built-in chunk when none is given). Errors are
** printed with the script position and make the program exit 1.
*/
#include <stdio.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static const char *default_chunk =
  "local n = 0\n"
  "for i = 1, 10 do n = n + i end\n"
  "print(('run_script: sum 1..10 = %d, %s, args=%d'):format(n, jit.version, #args))\n"
  "assert(n == 55)\n";

int main(int argc, char **argv)
{
  lua_State *L = luaL_newstate();
  if (L == NULL) { fprintf(stderr, "cannot create state\n"); return 1; }
  luaL_openlibs(L);
  lua_newtable(L);                       /* args = { argv[2], ... } */
  for (int i = 2; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - 1);
  }
  lua_setglobal(L, "args");
  int status = argc > 1 ? luaL_dofile(L, argv[1])
                        : luaL_dostring(L, default_chunk);
  if (status != 0) {
    fprintf(stderr, "run_script: %s\n", lua_tostring(L, -1));
    lua_close(L);
    return 1;
  }
  lua_close(L);
  return 0;
}
