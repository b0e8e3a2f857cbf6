/*
** cfuncs: C functions called from Lua. Shows a module table registered
** with luaL_register, a global function with lua_register, a closure
** with upvalues, argument checking with luaL_check* (whose errors carry
** the standard "bad argument #n to 'f'" text) and multiple results.
*/
#include <stdio.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* vec.dot(a, b): dot product of two arrays of numbers. */
static int vec_dot(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  size_t n = lua_objlen(L, 1);
  luaL_argcheck(L, lua_objlen(L, 2) == n, 2, "length mismatch");
  lua_Number sum = 0;
  for (size_t i = 1; i <= n; i++) {
    lua_rawgeti(L, 1, (int)i);
    lua_rawgeti(L, 2, (int)i);
    sum += luaL_checknumber(L, -1) * luaL_checknumber(L, -2);
    lua_pop(L, 2);
  }
  lua_pushnumber(L, sum);
  return 1;
}

/* vec.minmax(...): two results. */
static int vec_minmax(lua_State *L)
{
  int n = lua_gettop(L);
  luaL_argcheck(L, n > 0, 1, "number expected");
  lua_Number lo = luaL_checknumber(L, 1), hi = lo;
  for (int i = 2; i <= n; i++) {
    lua_Number x = luaL_checknumber(L, i);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  lua_pushnumber(L, lo);
  lua_pushnumber(L, hi);
  return 2;
}

static const luaL_Reg vec_funcs[] = {
  {"dot", vec_dot},
  {"minmax", vec_minmax},
  {NULL, NULL}
};

/* counter(): a closure over upvalue 1, incremented on each call. */
static int counter_step(lua_State *L)
{
  lua_Integer n = lua_tointeger(L, lua_upvalueindex(1)) + luaL_optinteger(L, 1, 1);
  lua_pushinteger(L, n);
  lua_pushvalue(L, -1);
  lua_replace(L, lua_upvalueindex(1));
  return 1;
}

static int make_counter(lua_State *L)
{
  lua_pushinteger(L, luaL_optinteger(L, 1, 0));
  lua_pushcclosure(L, counter_step, 1);
  return 1;
}

static int greet(lua_State *L)
{
  const char *who = luaL_optstring(L, 1, "world");
  lua_pushfstring(L, "hello, %s (%d)", who, (int)strlen(who));
  return 1;
}

static const char *script =
  "assert(vec.dot({1,2,3}, {4,5,6}) == 32)\n"
  "local lo, hi = vec.minmax(3, -1, 7, 2)\n"
  "assert(lo == -1 and hi == 7)\n"
  "local ok, err = pcall(function() local r = vec.dot({1}, {1, 2}) return r end)\n"
  "assert(not ok and err:find(\"bad argument #2 to 'dot' %(length mismatch%)\"), err)\n"
  "ok, err = pcall(function() local r = vec.minmax(1, 'x') return r end)\n"
  "assert(not ok and err:find(\"bad argument #2 to 'minmax' %(number expected, got string%)\"), err)\n"
  "local c = counter(10)\n"
  "c(); c(); assert(c(5) == 17)\n"
  "ok, err = pcall(vec.minmax)  -- called by pcall: no name to report\n"
  "assert(err == \"bad argument #1 to '?' (number expected)\", err)\n"
  "assert(greet('lua') == 'hello, lua (3)' and greet() == 'hello, world (5)')\n"
  "print('cfuncs: ok')\n";

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  luaL_register(L, "vec", vec_funcs);
  lua_pop(L, 1);
  lua_register(L, "counter", make_counter);
  lua_register(L, "greet", greet);
  if (luaL_dostring(L, script) != 0) {
    fprintf(stderr, "cfuncs: %s\n", lua_tostring(L, -1));
    return 1;
  }
  lua_close(L);
  return 0;
}
