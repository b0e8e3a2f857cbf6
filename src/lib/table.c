/*
** lunar: the table library (Lua 5.1 plus LuaJIT 2.1's table.move,
** table.new and table.clear).
**
** Written against the public API. Element access uses lua_rawgeti /
** lua_rawseti, as Lua 5.1's library does.
*/
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"

#define tab_getn(L, n)  ((int)lua_objlen(L, (n)))

static int tab_foreachi(lua_State *L)
{
  int i, n;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  n = tab_getn(L, 1);
  for (i = 1; i <= n; i++) {
    lua_pushvalue(L, 2);
    lua_pushinteger(L, i);
    lua_rawgeti(L, 1, i);
    lua_call(L, 2, 1);
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
  }
  return 0;
}

static int tab_foreach(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -3);
    lua_pushvalue(L, -3);
    lua_call(L, 2, 1);
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 2);
  }
  return 0;
}

/* maxn: the largest positive numeric key (0 if none). */
static int tab_maxn(lua_State *L)
{
  lua_Number max = 0;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TNUMBER) {
      lua_Number v = lua_tonumber(L, -1);
      if (v > max) max = v;
    }
  }
  lua_pushnumber(L, max);
  return 1;
}

static int tab_getn_f(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushinteger(L, tab_getn(L, 1));
  return 1;
}

/* insert(t, v) appends; insert(t, pos, v) shifts up. Like Lua 5.1 and
** LuaJIT, pos is not range-checked. */
static int tab_insert(lua_State *L)
{
  int e, pos;
  luaL_checktype(L, 1, LUA_TTABLE);
  e = tab_getn(L, 1) + 1;  /* First empty element. */
  switch (lua_gettop(L)) {
  case 2:
    pos = e;
    break;
  case 3: {
    int i;
    pos = luaL_checkint(L, 2);
    if (pos > e) e = pos;
    for (i = e; i > pos; i--) {
      lua_rawgeti(L, 1, i - 1);
      lua_rawseti(L, 1, i);
    }
    break;
  }
  default:
    return luaL_error(L, "wrong number of arguments to " LUA_QL("insert"));
  }
  lua_rawseti(L, 1, pos);
  return 0;
}

static int tab_remove(lua_State *L)
{
  int e, pos;
  luaL_checktype(L, 1, LUA_TTABLE);
  e = tab_getn(L, 1);
  pos = luaL_optint(L, 2, e);
  if (e == 0 || !(1 <= pos && pos <= e)) return 0;
  lua_rawgeti(L, 1, pos);
  for (; pos < e; pos++) {
    lua_rawgeti(L, 1, pos + 1);
    lua_rawseti(L, 1, pos);
  }
  lua_pushnil(L);
  lua_rawseti(L, 1, e);
  return 1;
}

/* move(a1, f, e, t [, a2]): a2[t..] = a1[f..e], overlap-safe. */
static int tab_move(lua_State *L)
{
  int f = luaL_checkint(L, 2), e = luaL_checkint(L, 3), t = luaL_checkint(L, 4);
  int dst = lua_isnoneornil(L, 5) ? 1 : 5;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, dst, LUA_TTABLE);
  if (e >= f) {
    int i, n = e - f;
    if (t > e || t <= f || dst != 1) {
      for (i = 0; i <= n; i++) {
        lua_rawgeti(L, 1, f + i);
        lua_rawseti(L, dst, t + i);
      }
    } else {
      for (i = n; i >= 0; i--) {
        lua_rawgeti(L, 1, f + i);
        lua_rawseti(L, dst, t + i);
      }
    }
  }
  lua_pushvalue(L, dst);
  return 1;
}

static void tab_addfield(lua_State *L, luaL_Buffer *b, int i)
{
  lua_rawgeti(L, 1, i);
  if (!lua_isstring(L, -1))
    luaL_error(L, "invalid value (%s) at index %d in table for " LUA_QL("concat"),
               luaL_typename(L, -1), i);
  luaL_addvalue(b);
}

static int tab_concat(lua_State *L)
{
  luaL_Buffer b;
  size_t lsep;
  int i, last;
  const char *sep = luaL_optlstring(L, 2, "", &lsep);
  luaL_checktype(L, 1, LUA_TTABLE);
  i = luaL_optint(L, 3, 1);
  last = luaL_opt(L, luaL_checkint, 4, tab_getn(L, 1));
  luaL_buffinit(L, &b);
  for (; i < last; i++) {
    tab_addfield(L, &b, i);
    luaL_addlstring(&b, sep, lsep);
  }
  if (i == last) tab_addfield(L, &b, i);
  luaL_pushresult(&b);
  return 1;
}

/* -- Sorting ----------------------------------------------------------------
** Quicksort over t[lo..up] with median-of-three pivots; the smaller half is
** sorted recursively and the larger one iteratively, so the recursion depth
** is logarithmic. An inconsistent comparator can drive the scan indices out
** of the range: that is detected and reported instead of read past.
*/

static void sort_set2(lua_State *L, int i, int j)
{
  lua_rawseti(L, 1, i);
  lua_rawseti(L, 1, j);
}

/* Is the value at stack index a less than the one at b? */
static int sort_lt(lua_State *L, int a, int b)
{
  if (!lua_isnil(L, 2)) {
    int res;
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a - 1);
    lua_pushvalue(L, b - 2);
    lua_call(L, 2, 1);
    res = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return res;
  }
  return lua_lessthan(L, a, b);
}

static void sort_rec(lua_State *L, int lo, int up)
{
  while (lo < up) {
    int i, j;
    /* Order t[lo], t[mid], t[up]. */
    lua_rawgeti(L, 1, lo);
    lua_rawgeti(L, 1, up);
    if (sort_lt(L, -1, -2)) sort_set2(L, lo, up);
    else lua_pop(L, 2);
    if (up - lo == 1) break;
    i = (lo + up) / 2;
    lua_rawgeti(L, 1, i);
    lua_rawgeti(L, 1, lo);
    if (sort_lt(L, -2, -1)) {
      sort_set2(L, i, lo);
    } else {
      lua_pop(L, 1);
      lua_rawgeti(L, 1, up);
      if (sort_lt(L, -1, -2)) sort_set2(L, i, up);
      else lua_pop(L, 2);
    }
    if (up - lo == 2) break;
    /* Pivot P = t[mid], parked at t[up-1]. */
    lua_rawgeti(L, 1, i);
    lua_pushvalue(L, -1);
    lua_rawgeti(L, 1, up - 1);
    sort_set2(L, i, up - 1);
    i = lo;
    j = up - 1;
    for (;;) {
      /* Invariant: t[lo..i] <= P <= t[j..up]. */
      while (lua_rawgeti(L, 1, ++i), sort_lt(L, -1, -2)) {
        if (i > up) luaL_error(L, "invalid order function for sorting");
        lua_pop(L, 1);
      }
      while (lua_rawgeti(L, 1, --j), sort_lt(L, -3, -1)) {
        if (j < lo) luaL_error(L, "invalid order function for sorting");
        lua_pop(L, 1);
      }
      if (j < i) {
        lua_pop(L, 3);  /* t[i], t[j] and the pivot. */
        break;
      }
      sort_set2(L, i, j);
    }
    /* Put the pivot in its final place. */
    lua_rawgeti(L, 1, up - 1);
    lua_rawgeti(L, 1, i);
    sort_set2(L, up - 1, i);
    if (i - lo < up - i) {
      j = lo;
      i = i - 1;
      lo = i + 2;
    } else {
      j = i + 1;
      i = up;
      up = j - 2;
    }
    sort_rec(L, j, i);
  }
}

static int tab_sort(lua_State *L)
{
  int n;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = tab_getn(L, 1);
  luaL_checkstack(L, 40, "");
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_settop(L, 2);
  sort_rec(L, 1, n);
  return 0;
}

/* -- LuaJIT extensions: table.new, table.clear ---------------------------- */

static int tab_new(lua_State *L)
{
  int narr = luaL_checkint(L, 1), nhash = luaL_checkint(L, 2);
  lua_createtable(L, narr < 0 ? 0 : narr, nhash < 0 ? 0 : nhash);
  return 1;
}

/* Clear all keys; the table keeps its allocated parts. Assigning nil to
** existing fields during a traversal is allowed. */
static int tab_clear(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_pushnil(L);
    lua_rawset(L, 1);
  }
  return 0;
}

static int tab_loader_new(lua_State *L)
{
  lua_pushcfunction(L, tab_new);
  return 1;
}

static int tab_loader_clear(lua_State *L)
{
  lua_pushcfunction(L, tab_clear);
  return 1;
}

static const luaL_Reg tab_funcs[] = {
  { "concat", tab_concat }, { "foreach", tab_foreach },
  { "foreachi", tab_foreachi }, { "getn", tab_getn_f },
  { "maxn", tab_maxn }, { "insert", tab_insert }, { "remove", tab_remove },
  { "move", tab_move }, { "sort", tab_sort },
  { NULL, NULL }
};

LUALIB_API int luaopen_table(lua_State *L)
{
  lu_lib_register(L, LUA_TABLIBNAME, tab_funcs);
  /* require "table.new" / "table.clear" through package.preload. */
  luaL_findtable(L, LUA_REGISTRYINDEX, "_PRELOAD", 4);
  lua_pushcfunction(L, tab_loader_new);
  lua_setfield(L, -2, "table.new");
  lua_pushcfunction(L, tab_loader_clear);
  lua_setfield(L, -2, "table.clear");
  lua_pop(L, 1);
  return 1;
}
