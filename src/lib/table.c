/*
** lunar: the table library (Lua 5.1 plus LuaJIT 2.1's table.move,
** table.new and table.clear).
**
** Written against the public API. Element access uses lua_rawgeti /
** lua_rawseti, as Lua 5.1's library does.
*/
#include "../core/obj.h"
#include "../core/tab.h"
#include "../core/buf.h"
#include "../core/str.h"
#include "../core/gc.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"

#define tab_getn(L, n)  ((int)lua_objlen(L, (n)))

/* LuaJIT's table functions written as builtins (foreach, foreachi, getn,
** remove, move) name a missing argument "nil" rather than "no value". */
static void tab_checknil(lua_State *L, int narg, int type)
{
  if (lua_type(L, narg) != type)
    luaL_argerror(L, narg, lua_pushfstring(L, "%s expected, got %s",
                  lua_typename(L, type),
                  lua_isnone(L, narg) ? "nil" : luaL_typename(L, narg)));
}

static int tab_checkint_nil(lua_State *L, int narg)
{
  tab_checknil(L, narg, LUA_TNUMBER);
  return (int)lua_tointeger(L, narg);
}

static int tab_foreachi(lua_State *L)
{
  int i, n;
  tab_checknil(L, 1, LUA_TTABLE);
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
  tab_checknil(L, 1, LUA_TTABLE);
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
  tab_checknil(L, 1, LUA_TTABLE);
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
  tab_checknil(L, 1, LUA_TTABLE);
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
  int f, e, t, dst;
  tab_checknil(L, 1, LUA_TTABLE);
  f = tab_checkint_nil(L, 2);
  e = tab_checkint_nil(L, 3);
  t = tab_checkint_nil(L, 4);
  dst = lua_isnoneornil(L, 5) ? 1 : 5;
  tab_checknil(L, dst, LUA_TTABLE);
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

/* table.concat(t [, sep [, i [, j]]]): t[i] .. sep .. ... .. t[j], read
** raw. Built in the state's temporary buffer straight from the table's
** slots (no Lua code runs meanwhile: strings are copied and numbers
** formatted as tostring does); anything else is an error naming the
** index. */
static int tab_concat(lua_State *L)
{
  size_t lsep;
  int i, last;
  const char *sep = luaL_optlstring(L, 2, "", &lsep);
  GCtab *t;
  SBuf *sb;
  luaL_checktype(L, 1, LUA_TTABLE);
  i = luaL_optint(L, 3, 1);
  last = luaL_opt(L, luaL_checkint, 4, tab_getn(L, 1));
  t = (GCtab *)lua_topointer(L, 1);
  sb = lu_buf_tmp(L, 0);
  if (lsep == 0 && i >= 0 && i <= last) {
    /* No separator: a tight loop over the strings of the array part; the
    ** general loop below takes over at the first other value or at the
    ** end of the array part. */
    uint32_t end = (uint32_t)last < t->asize ? (uint32_t)last : t->asize - 1;
    if (t->asize > 0) {
      while ((uint32_t)i <= end && tvisstr(&t->array[(uint32_t)i])) {
        GCstr *str = strV(&t->array[(uint32_t)i]);
        lu_buf_putmem(sb, strdata(str), str->len);
        i++;
      }
    }
  }
  if (i <= last) {
    for (;;) {
      const TValue *o = lu_tab_inarray(t, i) ? &t->array[(uint32_t)i]
                                             : lu_tab_getint(t, i);
      if (o != NULL && tvisstr(o)) {
        GCstr *str = strV(o);
        lu_buf_putmem(sb, strdata(str), str->len);
      } else if (o != NULL && tvisnumber(o)) {
        lu_buf_putnum(sb, numV(o));
      } else {
        lua_pushnil(L);
        if (o != NULL) copyTV(L, L->top - 1, o);
        luaL_error(L, "invalid value (%s) at index %d in table for "
                   LUA_QL("concat"), luaL_typename(L, -1), i);
      }
      if (i == last) break;
      if (lsep) lu_buf_putmem(sb, sep, lsep);
      i++;
    }
  }
  lua_pushlstring(L, sb->b, sbuflen(sb));
  return 1;
}

/* -- Sorting ----------------------------------------------------------------
** Quicksort over t[lo..up] with median-of-three pivots; the smaller half is
** sorted recursively and the larger one iteratively, so the recursion depth
** is logarithmic. An inconsistent comparator can drive the scan indices out
** of the range: that is detected and reported instead of read past.
*/

/* Element access straight on the table: the array part when the index is
** in it, the hash part otherwise. Writes keep the GC barrier. The table
** may change under a comparator, so nothing about it is cached. */
static LU_AINLINE void sort_get(lua_State *L, GCtab *t, int i, TValue *o)
{
  const TValue *v = lu_tab_inarray(t, i) ? &t->array[(uint32_t)i]
                                         : lu_tab_getint(t, i);
  (void)L;
  if (v != NULL) *o = *v;
  else setnilV(o);
}

static LU_AINLINE void sort_set(lua_State *L, GCtab *t, int i,
                                const TValue *v)
{
  if (lu_tab_inarray(t, i)) {
    t->array[(uint32_t)i] = *v;
    lu_tab_barrier(L, t, v);
  } else {
    copyTV(L, L->top, v);
    L->top++;
    lua_rawseti(L, 1, i);
  }
}

/* Is a less than b? With the comparator (stack slot 2) it is called with
** a and b; without, numbers and strings compare directly, anything else
** goes through lua_lessthan (metamethods, errors). a and b are stack
** slots, so they stay anchored while Lua code runs. */
static int sort_lt(lua_State *L, const TValue *a, const TValue *b)
{
  const TValue *cmp = L->base + 1;
  int res;
  if (!tvisnil(cmp)) {
    TValue *top = L->top;
    top[0] = *cmp;
    top[1] = *a;
    top[2] = *b;
    L->top = top + 3;
    lua_call(L, 2, 1);
    res = !tvisfalsy(L->top - 1);
    L->top--;
    return res;
  }
  if (tvisnumber(a) && tvisnumber(b)) return numV(a) < numV(b);
  if (tvisstr(a) && tvisstr(b)) return lu_str_cmp(strV(a), strV(b)) < 0;
  L->top[0] = *a;
  L->top[1] = *b;
  L->top += 2;
  res = lua_lessthan(L, -2, -1);
  L->top -= 2;
  return res;
}

/* Swap t[i] and t[j] (values read into the scratch slots first). */
static void sort_swap(lua_State *L, GCtab *t, int i, int j, int k)
{
  sort_get(L, t, i, L->base + k);
  sort_get(L, t, j, L->base + k + 1);
  sort_set(L, t, i, L->base + k + 1);
  sort_set(L, t, j, L->base + k);
}

/* Sort t[lo..up]. Three scratch stack slots above the arguments hold the
** pivot and the two scanned elements (base[k], base[k+1], base[k+2]),
** anchoring them for the GC while the comparator runs. Slots are re-read
** through L->base after every call, since the stack may move. */
static void sort_rec(lua_State *L, GCtab *t, int lo, int up, int k)
{
#define SP  (L->base + k)
#define SX  (L->base + k + 1)
#define SY  (L->base + k + 2)
  while (lo < up) {
    int i, j;
    /* Order t[lo], t[mid], t[up]. */
    sort_get(L, t, lo, SX);
    sort_get(L, t, up, SY);
    if (sort_lt(L, SY, SX)) sort_swap(L, t, lo, up, k + 1);
    if (up - lo == 1) break;
    i = (lo + up) / 2;
    sort_get(L, t, i, SX);
    sort_get(L, t, lo, SY);
    if (sort_lt(L, SX, SY)) {
      sort_swap(L, t, i, lo, k + 1);
    } else {
      sort_get(L, t, up, SY);
      if (sort_lt(L, SY, SX)) sort_swap(L, t, i, up, k + 1);
    }
    if (up - lo == 2) break;
    /* Pivot P = t[mid], parked at t[up-1]. */
    sort_get(L, t, i, SP);
    sort_get(L, t, up - 1, SX);
    sort_set(L, t, i, SX);
    sort_set(L, t, up - 1, SP);
    i = lo;
    j = up - 1;
    for (;;) {
      /* Invariant: t[lo..i] <= P <= t[j..up]. */
      while (sort_get(L, t, ++i, SX), sort_lt(L, SX, SP)) {
        if (i >= up) luaL_error(L, "invalid order function for sorting");
      }
      while (sort_get(L, t, --j, SY), sort_lt(L, SP, SY)) {
        if (j <= lo) luaL_error(L, "invalid order function for sorting");
      }
      if (j < i) break;
      sort_set(L, t, i, SY);
      sort_set(L, t, j, SX);
    }
    /* Put the pivot in its final place. */
    sort_swap(L, t, up - 1, i, k + 1);
    if (i - lo < up - i) {
      j = lo;
      i = i - 1;
      lo = i + 2;
    } else {
      j = i + 1;
      i = up;
      up = j - 2;
    }
    sort_rec(L, t, j, i, k);
  }
#undef SP
#undef SX
#undef SY
}

static int tab_sort(lua_State *L)
{
  int n;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = tab_getn(L, 1);
  luaL_checkstack(L, 40, "");
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_settop(L, 5);  /* t, comparator, three scratch slots. */
  sort_rec(L, (GCtab *)lua_topointer(L, 1), 1, n, 2);
  return 0;
}

/* -- LuaJIT extensions: table.new, table.clear ---------------------------- */

static int tab_new(lua_State *L)
{
  int narr = luaL_checkint(L, 1), nhash = luaL_checkint(L, 2);
  if (narr < 0 || nhash < 0 || narr > (1 << 27) || nhash > (1 << 26))
    return luaL_error(L, "table overflow");
  lua_createtable(L, narr, nhash);
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

/* require "table.new" / "table.clear" also sets the field, as LuaJIT. */
static int tab_loader(lua_State *L, const char *name, lua_CFunction f)
{
  lua_getglobal(L, LUA_TABLIBNAME);
  lua_pushcfunction(L, f);
  if (lua_istable(L, -2)) {
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
  }
  return 1;
}

static int tab_loader_new(lua_State *L)
{
  return tab_loader(L, "new", tab_new);
}

static int tab_loader_clear(lua_State *L)
{
  return tab_loader(L, "clear", tab_clear);
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
