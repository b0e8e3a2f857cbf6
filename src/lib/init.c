/*
** lunar: luaL_openlibs, the standard library set of LuaJIT 2.1, opened in
** LuaJIT's order. The libraries are referenced strongly (so that linking
** liblunar.a pulls them in); only the FFI, which does not exist yet, is a
** weak reference and is skipped while absent.
*/
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"

LUALIB_API int luaopen_ffi(lua_State *L) __attribute__((weak));

typedef struct LibEntry {
  const char *name;
  lua_CFunction open;
} LibEntry;

LUALIB_API void luaL_openlibs(lua_State *L)
{
  /* Initialised at run time: the weak addresses are not constants. */
  const LibEntry libs[] = {
    { "", luaopen_base },
    { LUA_LOADLIBNAME, luaopen_package },
    { LUA_TABLIBNAME, luaopen_table },
    { LUA_IOLIBNAME, luaopen_io },
    { LUA_OSLIBNAME, luaopen_os },
    { LUA_STRLIBNAME, luaopen_string },
    { LUA_MATHLIBNAME, luaopen_math },
    { LUA_DBLIBNAME, luaopen_debug },
    { LUA_BITLIBNAME, luaopen_bit },
    { LUA_JITLIBNAME, luaopen_jit },
  };
  const LibEntry preload[] = {
    { LUA_FFILIBNAME, luaopen_ffi },
    { "string.buffer", luaopen_string_buffer },
  };
  size_t i;
  for (i = 0; i < sizeof(libs) / sizeof(libs[0]); i++) {
    if (libs[i].open == NULL) continue;
    lua_pushcfunction(L, libs[i].open);
    lua_pushstring(L, libs[i].name);
    lua_call(L, 1, 0);
  }
  /* Modules loaded on require: package.preload is registry._PRELOAD. */
  luaL_findtable(L, LUA_REGISTRYINDEX, "_PRELOAD", 4);
  for (i = 0; i < sizeof(preload) / sizeof(preload[0]); i++) {
    if (preload[i].open == NULL) continue;
    lua_pushcfunction(L, preload[i].open);
    lua_setfield(L, -2, preload[i].name);
  }
  lua_pop(L, 1);
}
