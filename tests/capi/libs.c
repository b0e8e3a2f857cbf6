/*
** C API: opening the standard libraries one by one (lualib.h, the Lua
** 5.1 way: call luaopen_* through lua_call), lua_pushvfstring, and the
** LuaJIT extras that are accepted but inert (lua_setlevel, the profiler,
** which reports "not implemented").
*/
#include <stdarg.h>

#include "capi.h"

static const char *vpush(lua_State *L, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  const char *s = lua_pushvfstring(L, fmt, ap);
  va_end(ap);
  return s;
}

static void open_one(lua_State *L, lua_CFunction f, const char *name)
{
  lua_pushcfunction(L, f);
  lua_pushstring(L, name);
  lua_call(L, 1, 0);
}

static int start_profiler(lua_State *L)
{
  luaJIT_profile_start(L, "f", NULL, NULL);
  return 0;
}

int main(void)
{
  lua_State *L = luaL_newstate();
  /* a bare state has no libraries at all */
  lua_getglobal(L, "print");
  CHECK(lua_isnil(L, -1));
  lua_pop(L, 1);
  open_one(L, luaopen_base, "");
  open_one(L, luaopen_package, LUA_LOADLIBNAME);
  open_one(L, luaopen_table, LUA_TABLIBNAME);
  open_one(L, luaopen_string, LUA_STRLIBNAME);
  open_one(L, luaopen_math, LUA_MATHLIBNAME);
  open_one(L, luaopen_io, LUA_IOLIBNAME);
  open_one(L, luaopen_os, LUA_OSLIBNAME);
  open_one(L, luaopen_debug, LUA_DBLIBNAME);
  open_one(L, luaopen_bit, LUA_BITLIBNAME);
  open_one(L, luaopen_jit, LUA_JITLIBNAME);
  CHECK(lua_gettop(L) == 0);
  CHECK(run(L, "return type(print) .. type(require) .. type(table.concat) .. type(string.format) .. "
               "type(math.floor) .. type(io.write) .. type(os.time) .. type(debug.traceback) .. "
               "type(bit.band) .. type(jit.version)") == 1);
  CHECK_STR(lua_tostring(L, -1), "functionfunctionfunctionfunctionfunctionfunctionfunctionfunctionfunctionstring");
  lua_settop(L, 0);
  CHECK(run(L, "return ('x'):rep(3), _VERSION") == 2);   /* string metatable set */
  CHECK_STR(lua_tostring(L, 1), "xxx");
  CHECK_STR(lua_tostring(L, 2), "Lua 5.1");
  lua_settop(L, 0);
  /* string.buffer is a loadable module */
  lua_pushcfunction(L, luaopen_string_buffer);
  lua_call(L, 0, 1);
  CHECK(lua_istable(L, -1));
  lua_getfield(L, -1, "new");
  CHECK(lua_isfunction(L, -1));
  lua_settop(L, 0);
  /* the coroutine library comes with base */
  CHECK(run(L, "return type(coroutine.wrap)") == 1);
  CHECK_STR(lua_tostring(L, -1), "function");
  lua_settop(L, 0);

  CHECK_STR(vpush(L, "%s=%d (%f)%c", "n", 12, 0.5, '!'), "n=12 (0.5)!");
  lua_settop(L, 0);

#ifdef LUNAR_VERSION  /* Lua 5.1 declares lua_setlevel; LuaJIT does not export it */
  lua_State *co = lua_newthread(L);
  lua_setlevel(L, co);                   /* accepted, no effect */
  lua_settop(L, 0);
  CHECK(lua_cpcall(L, start_profiler, NULL) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "not implemented") != NULL);
  lua_settop(L, 0);
  luaJIT_profile_stop(L);
  size_t len = 99;
  CHECK_STR(luaJIT_profile_dumpstack(L, "f", 1, &len), "");
  CHECK(len == 0);
#else
  (void)start_profiler;
#endif
  lua_close(L);
  /* luaL_openlibs also preloads string.buffer for require */
  L = luaL_newstate();
  luaL_openlibs(L);
  CHECK(run(L, "return require('string.buffer').new():put('a', 1):tostring()") == 1);
  CHECK_STR(lua_tostring(L, -1), "a1");
  lua_close(L);
  return DONE("libs");
}
