/*
** C API: states, the stack, pushing and reading values, type predicates,
** comparisons, tables, metatables, environments, userdata, the collector
** and allocator hooks (lua.h functions outside calls/errors/debug).
*/
#include "capi.h"

static int dummy_cf(lua_State *L) { (void)L; return 0; }

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  size_t *calls = (size_t *)ud;
  (*calls)++;
  (void)osize;
  if (nsize == 0) { free(ptr); return NULL; }
  return realloc(ptr, nsize);
}

static void test_stack_ops(lua_State *L)
{
  CHECK(lua_gettop(L) == 0);
  for (int i = 1; i <= 5; i++) lua_pushinteger(L, i);
  CHECK(lua_gettop(L) == 5);
  lua_pushvalue(L, 2);                   /* 1 2 3 4 5 2 */
  CHECK(lua_tointeger(L, -1) == 2 && lua_gettop(L) == 6);
  lua_remove(L, 1);                      /* 2 3 4 5 2 */
  CHECK(lua_tointeger(L, 1) == 2 && lua_gettop(L) == 5);
  lua_insert(L, 1);                      /* 2 2 3 4 5 */
  lua_pushinteger(L, 9);
  lua_replace(L, 3);                     /* 2 2 9 4 5 */
  CHECK(lua_tointeger(L, 3) == 9 && lua_gettop(L) == 5);
  lua_pushinteger(L, 7);
  lua_copy(L, -1, 1);                    /* 7 2 9 4 5 7 */
  CHECK(lua_tointeger(L, 1) == 7);
  lua_settop(L, 8);                      /* pads with nil */
  CHECK(lua_isnil(L, 7) && lua_isnil(L, 8) && lua_gettop(L) == 8);
  lua_pop(L, 3);
  CHECK(lua_gettop(L) == 5);
  lua_settop(L, -2);
  CHECK(lua_gettop(L) == 4);
  CHECK(lua_type(L, 5) == LUA_TNONE && lua_isnone(L, 10) && lua_isnoneornil(L, 5));
  lua_settop(L, 0);

  /* Stack growth: lua_checkstack allows far more than LUA_MINSTACK. */
  CHECK(lua_checkstack(L, 5000));
  for (int i = 0; i < 5000; i++) lua_pushinteger(L, i);
  CHECK(lua_gettop(L) == 5000 && lua_tointeger(L, 4321 + 1) == 4321);
  lua_settop(L, 0);
  CHECK(!lua_checkstack(L, LUAI_MAXCSTACK * 100));  /* too much: refused */
  CHECK(lua_checkstack(L, 10));
  luaL_checkstack(L, 100, "no room");
}

static void test_push_to(lua_State *L)
{
  size_t len;
  lua_pushnil(L);
  lua_pushnumber(L, 3.5);
  lua_pushinteger(L, -42);
  lua_pushlstring(L, "a\0b", 3);
  lua_pushstring(L, "12.5");
  lua_pushboolean(L, 7);
  lua_pushlightuserdata(L, &len);
  lua_pushcfunction(L, dummy_cf);
  lua_pushliteral(L, "lit");
  CHECK(lua_pushthread(L) == 1);          /* main thread */
  CHECK(lua_isnil(L, 1) && lua_type(L, 1) == LUA_TNIL);
  CHECK(lua_type(L, 2) == LUA_TNUMBER && lua_tonumber(L, 2) == 3.5);
  CHECK(lua_tointeger(L, 2) == 3);       /* truncates */
  CHECK(lua_tointeger(L, 3) == -42);
  const char *s = lua_tolstring(L, 4, &len);
  CHECK(len == 3 && memcmp(s, "a\0b", 3) == 0 && lua_objlen(L, 4) == 3);
  CHECK(lua_isnumber(L, 5) && lua_tonumber(L, 5) == 12.5);   /* string coerces */
  CHECK(lua_isstring(L, 2) && lua_isstring(L, 5) && !lua_isstring(L, 6));
  CHECK(lua_isboolean(L, 6) && lua_toboolean(L, 6) == 1);
  CHECK(lua_toboolean(L, 1) == 0 && lua_toboolean(L, 2) == 1);
  CHECK(lua_islightuserdata(L, 7) && lua_touserdata(L, 7) == &len);
  CHECK(lua_isuserdata(L, 7) && lua_topointer(L, 7) == &len);
  CHECK(lua_iscfunction(L, 8) && lua_isfunction(L, 8));
  CHECK(lua_tocfunction(L, 8) == dummy_cf);
  CHECK_STR(lua_tostring(L, 9), "lit");
  CHECK(lua_isthread(L, 10) && lua_tothread(L, 10) == L);
  /* lua_tolstring converts numbers in place */
  lua_pushnumber(L, 10);
  CHECK_STR(lua_tostring(L, -1), "10");
  CHECK(lua_type(L, -1) == LUA_TSTRING);
  lua_pushnumber(L, 0.1);
  CHECK_STR(lua_tostring(L, -1), "0.1");
  lua_pushnumber(L, 1e300 * 1e10);
  CHECK_STR(lua_tostring(L, -1), "inf");
  /* non-convertibles */
  CHECK(lua_tonumber(L, 1) == 0 && lua_tostring(L, 1) == NULL);
  CHECK(lua_tocfunction(L, 2) == NULL && lua_touserdata(L, 2) == NULL);
  CHECK(lua_tothread(L, 2) == NULL && lua_topointer(L, 2) == NULL);
  int isnum = -1;
  CHECK(lua_tonumberx(L, 5, &isnum) == 12.5 && isnum == 1);
  CHECK(lua_tonumberx(L, 6, &isnum) == 0 && isnum == 0);
  CHECK(lua_tointegerx(L, 3, &isnum) == -42 && isnum == 1);
  CHECK(lua_tointegerx(L, 4, &isnum) == 0 && isnum == 0);
  CHECK(lua_tonumberx(L, 2, NULL) == 3.5);
  lua_pushstring(L, "0x10");
  CHECK(lua_tonumber(L, -1) == 16);
  lua_pushstring(L, " 5 ");
  CHECK(lua_isnumber(L, -1) && lua_tonumber(L, -1) == 5);
  lua_pushstring(L, "5x");
  CHECK(!lua_isnumber(L, -1));
  lua_pushstring(L, NULL);
  CHECK(lua_isnil(L, -1));
  lua_settop(L, 0);

  /* lua_pushfstring: %s %d %f %p %c %% */
  const char *f = lua_pushfstring(L, "%s|%d|%f|%c|%%|%s", "x", -7, 2.5, 'A', "end");
  CHECK_STR(f, "x|-7|2.5|A|%|end");
  f = lua_pushfstring(L, "%p", (void *)0x1234);
  CHECK(f != NULL && strstr(f, "1234") != NULL);
  CHECK(lua_gettop(L) == 2);
  lua_settop(L, 0);

  /* type names */
  CHECK_STR(lua_typename(L, LUA_TNONE), "no value");
  CHECK_STR(lua_typename(L, LUA_TNIL), "nil");
  CHECK_STR(lua_typename(L, LUA_TBOOLEAN), "boolean");
  CHECK_STR(lua_typename(L, LUA_TLIGHTUSERDATA), "userdata");
  CHECK_STR(lua_typename(L, LUA_TNUMBER), "number");
  CHECK_STR(lua_typename(L, LUA_TSTRING), "string");
  CHECK_STR(lua_typename(L, LUA_TTABLE), "table");
  CHECK_STR(lua_typename(L, LUA_TFUNCTION), "function");
  CHECK_STR(lua_typename(L, LUA_TUSERDATA), "userdata");
  CHECK_STR(lua_typename(L, LUA_TTHREAD), "thread");
}

static void test_compare_concat(lua_State *L)
{
  lua_pushinteger(L, 1);
  lua_pushnumber(L, 1.0);
  lua_pushstring(L, "1");
  lua_pushinteger(L, 2);
  CHECK(lua_equal(L, 1, 2) && lua_rawequal(L, 1, 2));
  CHECK(!lua_equal(L, 1, 3) && !lua_rawequal(L, 1, 3));
  CHECK(lua_lessthan(L, 1, 4) && !lua_lessthan(L, 4, 1));
  CHECK(!lua_equal(L, 1, 50) && !lua_rawequal(L, 1, 50) && !lua_lessthan(L, 1, 50));
  /* __eq and __lt through metatables */
  run(L, "local mt = { __eq = function() return true end,"
         "  __lt = function(a, b) return a.v < b.v end }\n"
         "A = setmetatable({ v = 1 }, mt); B = setmetatable({ v = 2 }, mt)");
  lua_getglobal(L, "A");
  lua_getglobal(L, "B");
  CHECK(lua_equal(L, -1, -2) && !lua_rawequal(L, -1, -2));
  CHECK(lua_lessthan(L, -2, -1) && !lua_lessthan(L, -1, -2));
  lua_settop(L, 0);

  lua_pushstring(L, "a");
  lua_pushinteger(L, 1);
  lua_pushstring(L, "b");
  lua_pushnumber(L, 2.5);
  lua_concat(L, 4);
  CHECK_STR(lua_tostring(L, -1), "a1b2.5");
  lua_concat(L, 0);                      /* pushes "" */
  CHECK(lua_gettop(L) == 2 && lua_objlen(L, -1) == 0);
  lua_concat(L, 1);                      /* no-op */
  CHECK(lua_gettop(L) == 2);
  lua_settop(L, 0);
#ifdef LUNAR_VERSION  /* Debian's LuaJIT 2.1 panics here (its bug) */
  run(L, "C = setmetatable({}, { __concat = function(a, b) return 'meta' end })");
  lua_pushstring(L, "x");
  lua_getglobal(L, "C");
  lua_concat(L, 2);
  CHECK_STR(lua_tostring(L, -1), "meta");
  lua_settop(L, 0);
#endif
}

static void test_tables(lua_State *L)
{
  lua_createtable(L, 4, 4);
  int t = lua_gettop(L);
  lua_pushstring(L, "v1");
  lua_setfield(L, t, "k1");
  lua_pushstring(L, "k2");
  lua_pushinteger(L, 22);
  lua_settable(L, t);
  lua_pushinteger(L, 10);
  lua_rawseti(L, t, 1);
  lua_pushinteger(L, 20);
  lua_rawseti(L, t, 2);
  lua_pushstring(L, "raw");
  lua_pushboolean(L, 1);
  lua_rawset(L, t);
  lua_getfield(L, t, "k1");
  CHECK_STR(lua_tostring(L, -1), "v1");
  lua_pushstring(L, "k2");
  lua_gettable(L, t);
  CHECK(lua_tointeger(L, -1) == 22);
  lua_rawgeti(L, t, 2);
  CHECK(lua_tointeger(L, -1) == 20);
  lua_pushstring(L, "raw");
  lua_rawget(L, t);
  CHECK(lua_toboolean(L, -1));
  lua_settop(L, t);
  CHECK(lua_objlen(L, t) == 2);
  /* lua_next visits every pair once */
  int n = 0, sum = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    n++;
    if (lua_type(L, -1) == LUA_TNUMBER) sum += (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
  }
  CHECK(n == 5 && sum == 52 && lua_gettop(L) == t);
  /* negative indices relative to the top */
  lua_pushinteger(L, 3);
  lua_setfield(L, -2, "neg");
  lua_getfield(L, -1, "neg");
  CHECK(lua_tointeger(L, -1) == 3);
  lua_pop(L, 1);

  /* metatables: __index/__newindex honoured by gettable/settable only */
  run(L, "log = {}\n"
         "MT = { __index = function(t, k) return 'idx:' .. k end,"
         "       __newindex = function(t, k, v) log[#log + 1] = k end }");
  lua_getglobal(L, "MT");
  CHECK(lua_setmetatable(L, t) == 1);
  lua_getfield(L, t, "missing");
  CHECK_STR(lua_tostring(L, -1), "idx:missing");
  lua_pushstring(L, "missing");
  lua_rawget(L, t);
  CHECK(lua_isnil(L, -1));
  lua_pop(L, 2);
  lua_pushinteger(L, 1);
  lua_setfield(L, t, "newkey");
  lua_getfield(L, LUA_GLOBALSINDEX, "log");
  lua_rawgeti(L, -1, 1);
  CHECK_STR(lua_tostring(L, -1), "newkey");
  lua_pop(L, 2);
  CHECK(lua_getmetatable(L, t) == 1);
  lua_getglobal(L, "MT");
  CHECK(lua_rawequal(L, -1, -2));
  lua_pop(L, 2);
  lua_pushnil(L);
  lua_setmetatable(L, t);                /* remove it */
  CHECK(lua_getmetatable(L, t) == 0);
  lua_pushinteger(L, 5);
  CHECK(lua_getmetatable(L, -1) == 0);   /* numbers: none by default */
  lua_pop(L, 1);
  lua_pushstring(L, "s");
  CHECK(lua_getmetatable(L, -1) == 1);   /* strings: the string metatable */
  lua_getfield(L, -1, "__index");
  lua_getglobal(L, "string");
  CHECK(lua_rawequal(L, -1, -2));
  lua_settop(L, 0);

  /* registry and pseudo-indices */
  lua_pushstring(L, "regval");
  lua_setfield(L, LUA_REGISTRYINDEX, "capi.test");
  lua_getfield(L, LUA_REGISTRYINDEX, "capi.test");
  CHECK_STR(lua_tostring(L, -1), "regval");
  lua_getregistry(L);
  CHECK(lua_istable(L, -1));
  lua_pushvalue(L, LUA_GLOBALSINDEX);
  lua_getfield(L, -1, "_G");
  CHECK(lua_rawequal(L, -1, -2));
  lua_settop(L, 0);
}

static void test_userdata_env(lua_State *L)
{
  double *d = (double *)lua_newuserdata(L, sizeof(double) * 4);
  CHECK(d != NULL && ((size_t)d % 8) == 0);
  d[3] = 1.5;
  CHECK(lua_type(L, -1) == LUA_TUSERDATA && lua_isuserdata(L, -1));
  CHECK(lua_touserdata(L, -1) == d && lua_topointer(L, -1) == d);
  CHECK(lua_objlen(L, -1) == sizeof(double) * 4);
  void *z = lua_newuserdata(L, 0);
  CHECK(z != NULL && lua_objlen(L, -1) == 0);
  lua_pop(L, 1);
  /* userdata environment */
  lua_getfenv(L, -1);
  CHECK(lua_istable(L, -1));
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushstring(L, "envval");
  lua_setfield(L, -2, "x");
  CHECK(lua_setfenv(L, -2) == 1);
  lua_getfenv(L, -1);
  lua_getfield(L, -1, "x");
  CHECK_STR(lua_tostring(L, -1), "envval");
  lua_settop(L, 0);
  /* function environment */
  luaL_loadstring(L, "return x");
  lua_newtable(L);
  lua_pushinteger(L, 99);
  lua_setfield(L, -2, "x");
  CHECK(lua_setfenv(L, -2) == 1);
  lua_pushvalue(L, -1);
  lua_call(L, 0, 1);
  CHECK(lua_tointeger(L, -1) == 99);
  lua_pop(L, 1);
  lua_getfenv(L, -1);
  lua_getfield(L, -1, "x");
  CHECK(lua_tointeger(L, -1) == 99);
  lua_settop(L, 0);
  /* setfenv on a value that has none fails */
  lua_pushinteger(L, 1);
  lua_newtable(L);
  CHECK(lua_setfenv(L, -2) == 0);
  lua_getfenv(L, -1);
  CHECK(lua_isnil(L, -1));
  lua_settop(L, 0);
  /* LUA_ENVIRONINDEX inside a C function is the function's environment */
  CHECK(run(L, "return 1") == 1);
  lua_settop(L, 0);
}

static int read_env(lua_State *L)
{
  lua_getfield(L, LUA_ENVIRONINDEX, "tag");
  return 1;
}

static void test_environindex(lua_State *L)
{
  lua_pushcfunction(L, read_env);
  lua_newtable(L);
  lua_pushstring(L, "from-env");
  lua_setfield(L, -2, "tag");
  lua_setfenv(L, -2);
  lua_call(L, 0, 1);
  CHECK_STR(lua_tostring(L, -1), "from-env");
  lua_settop(L, 0);
}

static void test_gc_alloc(void)
{
  size_t calls = 0;
  lua_State *L = lua_newstate(counting_alloc, &calls);
  CHECK(L != NULL && calls > 0);
  void *ud = NULL;
  CHECK(lua_getallocf(L, &ud) == counting_alloc && ud == &calls);
  luaL_openlibs(L);
  run(L, "local t = {} for i = 1, 10000 do t[i] = {} end");
  int kb = lua_gc(L, LUA_GCCOUNT, 0);
  int b = lua_gc(L, LUA_GCCOUNTB, 0);
  CHECK(kb > 0 && b >= 0 && b < 1024);
  lua_gc(L, LUA_GCCOLLECT, 0);
  CHECK(lua_gc(L, LUA_GCCOUNT, 0) <= kb);
  CHECK(lua_getgccount(L) == lua_gc(L, LUA_GCCOUNT, 0));
  lua_gc(L, LUA_GCSTOP, 0);
  CHECK(lua_gc(L, LUA_GCISRUNNING, 0) == 0);
  lua_gc(L, LUA_GCRESTART, 0);
  CHECK(lua_gc(L, LUA_GCISRUNNING, 0) == 1);
  CHECK(lua_gc(L, LUA_GCSETPAUSE, 150) == LUAI_GCPAUSE);
  CHECK(lua_gc(L, LUA_GCSETPAUSE, LUAI_GCPAUSE) == 150);
  CHECK(lua_gc(L, LUA_GCSETSTEPMUL, 300) == LUAI_GCMUL);
  lua_gc(L, LUA_GCSETSTEPMUL, LUAI_GCMUL);
  run(L, "for i = 1, 1000 do local t = {} end");
  int finished = 0;
  for (int i = 0; i < 10000 && !finished; i++) finished = lua_gc(L, LUA_GCSTEP, 0);
  CHECK(finished == 1);
  /* swap the allocator for a plain one; the old blocks are still freed
  ** through it (both call realloc/free). */
  size_t calls2 = 0;
  lua_setallocf(L, counting_alloc, &calls2);
  run(L, "local t = {} for i = 1, 100 do t[i] = tostring(i) end");
  CHECK(calls2 > 0);
  lua_close(L);
}

static void test_version_threads(lua_State *L)
{
  const lua_Number *v = lua_version(L);
  CHECK(v != NULL && *v == LUA_VERSION_NUM);
  CHECK(lua_version(NULL) != NULL && *lua_version(NULL) == 501);
  /* threads share globals; xmove moves values */
  lua_State *T = lua_newthread(L);
  CHECK(T != NULL && lua_isthread(L, -1) && lua_tothread(L, -1) == T);
  CHECK(lua_gettop(T) == 0 && lua_status(T) == 0);
  CHECK(lua_pushthread(T) == 0);         /* not the main thread */
  lua_pop(T, 1);
  lua_pushinteger(L, 1);
  lua_pushinteger(L, 2);
  lua_xmove(L, T, 2);
  CHECK(lua_gettop(T) == 2 && lua_tointeger(T, 2) == 2);
  CHECK(lua_gettop(L) == 1);
  lua_getglobal(T, "string");
  CHECK(lua_istable(T, -1));
  lua_xmove(T, L, 0);                    /* no-op */
  lua_xmove(T, T, 1);                    /* same thread: no-op */
  CHECK(lua_gettop(T) == 3);
  lua_settop(L, 0);
  lua_gc(L, LUA_GCCOLLECT, 0);           /* thread unreferenced: collected */
}

int main(void)
{
  lua_State *L = luaL_newstate();
  CHECK(L != NULL);
  luaL_openlibs(L);
  test_stack_ops(L);
  test_push_to(L);
  test_compare_concat(L);
  test_tables(L);
  test_userdata_env(L);
  test_environindex(L);
  test_version_threads(L);
  CHECK(lua_gettop(L) == 0);
  lua_close(L);
  test_gc_alloc();
  lua_State *L2 = lua_open();            /* the 5.0 compatibility name */
  CHECK(L2 != NULL);
  lua_close(L2);
  return DONE("stack");
}
