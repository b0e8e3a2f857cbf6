/*
** C API entry points that run metamethods (src/vm/meta.c slow paths):
** lua_gettable / lua_getfield / lua_settable / lua_setfield through
** __index / __newindex functions and chains (and their errors),
** the lua_concat error, lua_equal on userdata with __eq,
** lua_lessthan on numbers, strings and through __lt, and the errors of
** each.  Expected values as given by luajit -joff for the same operations
** from Lua.
*/
#include "capi.h"

/* pcall a C function taking the top n values; returns the status and
** leaves the message (if any) on the stack top. */
static int pcallf(lua_State *L, lua_CFunction f, int n)
{
  lua_pushcfunction(L, f);
  lua_insert(L, -n - 1);
  return lua_pcall(L, n, 1, 0);
}

static int do_gettable(lua_State *L) { lua_gettable(L, 1); return 1; }
static int do_settable(lua_State *L) { lua_settable(L, 1); return 0; }
static int do_concat(lua_State *L) { lua_concat(L, lua_gettop(L)); return 1; }
static int do_lessthan(lua_State *L)
{
  lua_pushboolean(L, lua_lessthan(L, 1, 2));
  return 1;
}

static void test_index(lua_State *L)
{
  /* A chain: proxy -> (function __index) and proxy2 -> table -> table. */
  run(L, "P = setmetatable({}, {__index = function(t, k) return k .. '!' end,"
         "  __newindex = function(t, k, v) rawset(t, k, v * 2) end})\n"
         "local base = {x = 7}\n"
         "Q = setmetatable({}, {__index = setmetatable({}, {__index = base}),"
         "  __newindex = setmetatable({}, {__newindex = base})})\n"
         "S = setmetatable({}, {__index = 'abc'})\n"
         "L1 = setmetatable({}, {}) getmetatable(L1).__index = L1\n"
         "getmetatable(L1).__newindex = L1\n"
         "B = base");
  lua_getglobal(L, "P");
  lua_getfield(L, -1, "k");
  CHECK_STR(lua_tostring(L, -1), "k!");
  lua_pop(L, 1);
  lua_pushinteger(L, 21);
  lua_setfield(L, -2, "n");
  lua_pushstring(L, "n");
  lua_rawget(L, -2);
  CHECK(lua_tointeger(L, -1) == 42);
  lua_pop(L, 2);
  lua_getglobal(L, "Q");
  lua_getfield(L, -1, "x");
  CHECK(lua_tointeger(L, -1) == 7);
  lua_pop(L, 1);
  lua_pushinteger(L, 5);
  lua_setfield(L, -2, "y");     /* lands in base, two levels down */
  lua_getglobal(L, "B");
  lua_getfield(L, -1, "y");
  CHECK(lua_tointeger(L, -1) == 5);
  lua_pop(L, 3);
  /* A string __index indexes the string metatable: ('abc').len */
  lua_getglobal(L, "S");
  lua_getfield(L, -1, "len");
  CHECK(lua_isfunction(L, -1));
  lua_pop(L, 2);
  /* Indexing a number: error. */
  lua_settop(L, 0);
  lua_pushinteger(L, 1);
  lua_pushstring(L, "k");
  CHECK(pcallf(L, do_gettable, 2) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "attempt to index") != NULL);
  lua_settop(L, 0);
  lua_pushinteger(L, 1);
  lua_pushstring(L, "k");
  lua_pushinteger(L, 2);
  CHECK(pcallf(L, do_settable, 3) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "attempt to index") != NULL);
  /* Self-referential __index / __newindex: loop errors. */
  lua_settop(L, 0);
  lua_getglobal(L, "L1");
  lua_pushstring(L, "missing");
  CHECK(pcallf(L, do_gettable, 2) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "loop in gettable") != NULL);
  lua_settop(L, 0);
  lua_getglobal(L, "L1");
  lua_pushstring(L, "missing");
  lua_pushinteger(L, 1);
  CHECK(pcallf(L, do_settable, 3) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "loop in settable") != NULL);
  lua_settop(L, 0);
}

static void test_concat(lua_State *L)
{
  /* lua_concat through __concat is not tested: luajit, the reference,
  ** crashes on it (lunar runs it; see tests/lua for __concat from Lua). */
  lua_pushstring(L, "a");
  lua_newtable(L);
  CHECK(pcallf(L, do_concat, 2) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "attempt to concatenate a table value") != NULL);
  lua_settop(L, 0);
}

static void test_compare(lua_State *L)
{
  void *u1, *u2;
  lua_pushinteger(L, 1);
  lua_pushinteger(L, 2);
  CHECK(lua_lessthan(L, 1, 2) == 1 && lua_lessthan(L, 2, 1) == 0);
  lua_settop(L, 0);
  lua_pushstring(L, "abc");
  lua_pushstring(L, "abd");
  CHECK(lua_lessthan(L, 1, 2) == 1 && lua_lessthan(L, 2, 1) == 0);
  lua_settop(L, 0);
  run(L, "local mt = {__lt = function(a, b) return a.v < b.v end,"
         "  __le = function(a, b) return a.v <= b.v end}\n"
         "A = setmetatable({v = 1}, mt) Z = setmetatable({v = 2}, mt)");
  lua_getglobal(L, "A");
  lua_getglobal(L, "Z");
  CHECK(lua_lessthan(L, 1, 2) == 1 && lua_lessthan(L, 2, 1) == 0);
  lua_settop(L, 0);
  lua_pushinteger(L, 1);
  lua_pushstring(L, "x");
  CHECK(pcallf(L, do_lessthan, 2) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "attempt to compare") != NULL);
  lua_settop(L, 0);
  lua_newtable(L);
  lua_newtable(L);
  CHECK(pcallf(L, do_lessthan, 2) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "attempt to compare two table values") != NULL);
  lua_settop(L, 0);
  /* Userdata with the same __eq: the metamethod decides. */
  run(L, "EQ = {__eq = function(a, b) return true end}");
  u1 = lua_newuserdata(L, 4);
  lua_getglobal(L, "EQ");
  lua_setmetatable(L, -2);
  u2 = lua_newuserdata(L, 4);
  lua_getglobal(L, "EQ");
  lua_setmetatable(L, -2);
  CHECK(u1 != u2);
  CHECK(lua_equal(L, 1, 2) == 1 && lua_rawequal(L, 1, 2) == 0);
  /* A different metatable with another __eq: not equal. */
  lua_newuserdata(L, 4);
  run(L, "return {__eq = function() return true end}");
  lua_setmetatable(L, -2);
  CHECK(lua_equal(L, 1, 3) == 0);
  lua_settop(L, 0);
}

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  test_index(L);
  test_concat(L);
  test_compare(L);
  lua_close(L);
  return DONE("meta");
}
