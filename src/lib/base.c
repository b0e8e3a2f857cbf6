/*
** lunar: the base library (luaopen_base), as LuaJIT 2.1 has it: the Lua 5.1
** functions plus LuaJIT's behaviour where it differs (assert adds the
** caller's position to string messages, load accepts a mode, print accepts
** numbers from tostring, loadstring is load).
**
** pcall and xpcall are the interpreter's (lu_ff_pcall/lu_ff_xpcall in
** src/vm/call.c, fast functions that can yield across the call). The
** coroutine library is opened from here too, as in LuaJIT.
*/
#include <stdio.h>
#include <string.h>

#include "../core/obj.h"
#include "../core/gc.h"
#include "../core/strfmt.h"
#include "../core/strscan.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"
#include "../ffi/cdata.h"

/* pcall/xpcall of src/vm/call.c (the interpreter's fast functions). */
LU_FUNC int lu_ff_pcall(lua_State *L);
LU_FUNC int lu_ff_xpcall(lua_State *L);

/* -- Errors and assertions ------------------------------------------------ */

/* assert(v [, msg, ...]): all arguments if v is true. Otherwise raises msg
** (a string or number gets the caller's position, as in LuaJIT) or
** "assertion failed!". */
static int base_assert(lua_State *L)
{
  luaL_checkany(L, 1);
  if (lua_toboolean(L, 1)) return lua_gettop(L);
  if (lua_gettop(L) < 2) return luaL_error(L, "assertion failed!");
  if (lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) == LUA_TNUMBER) {
    luaL_where(L, 1);
    lua_pushvalue(L, 2);
    lua_concat(L, 2);
  } else {
    lua_settop(L, 2);
  }
  return lua_error(L);
}

/* error(msg [, level]): string messages get the position of `level`. */
static int base_error(lua_State *L)
{
  int level = (int)luaL_optinteger(L, 2, 1);
  lua_settop(L, 1);
  if (lua_isstring(L, 1) && level > 0) {
    luaL_where(L, level);
    lua_pushvalue(L, 1);
    lua_concat(L, 2);
  }
  return lua_error(L);
}

/* -- Environments --------------------------------------------------------- */

/* Push the function named by argument 1 of getfenv/setfenv: a function, or
** a stack level (default 1). Level 0 pushes nothing and returns 0. */
static int base_getfunc(lua_State *L)
{
  if (lua_isfunction(L, 1)) {
    lua_pushvalue(L, 1);
  } else {
    lua_Debug ar;
    int level = (int)luaL_optinteger(L, 1, 1);
    if (level < 0) luaL_argerror(L, 1, "invalid level");
    if (level == 0) return 0;
    if (lua_getstack(L, level, &ar) == 0)
      luaL_argerror(L, 1, "invalid level");
    lua_getinfo(L, "f", &ar);
    if (lua_isnil(L, -1))
      luaL_error(L, "no function environment for tail call at level %d",
                 level);
  }
  return 1;
}

static int base_getfenv(lua_State *L)
{
  if (!base_getfunc(L)) {
    lua_pushvalue(L, LUA_GLOBALSINDEX);
    return 1;
  }
  lua_getfenv(L, -1);
  return 1;
}

static int base_setfenv(lua_State *L)
{
  luaL_checktype(L, 2, LUA_TTABLE);
  if (!base_getfunc(L)) {  /* Level 0: the thread's globals. */
    lua_pushthread(L);
    lua_pushvalue(L, 2);
    lua_setfenv(L, -2);
    return 0;
  }
  lua_pushvalue(L, 2);
  if (lua_iscfunction(L, -2) || lua_setfenv(L, -2) == 0)
    luaL_error(L, "'setfenv' cannot change environment of given object");
  return 1;
}

/* -- Metatables and raw access -------------------------------------------- */

static int base_getmetatable(lua_State *L)
{
  luaL_checkany(L, 1);
  if (!lua_getmetatable(L, 1)) {
    lua_pushnil(L);
    return 1;
  }
  luaL_getmetafield(L, 1, "__metatable");
  return 1;
}

static int base_setmetatable(lua_State *L)
{
  int t = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argcheck(L, t == LUA_TNIL || t == LUA_TTABLE, 2,
                "nil or table expected");
  if (luaL_getmetafield(L, 1, "__metatable"))
    luaL_error(L, "cannot change a protected metatable");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

static int base_rawequal(lua_State *L)
{
  luaL_checkany(L, 1);
  luaL_checkany(L, 2);
  lua_pushboolean(L, lua_rawequal(L, 1, 2));
  return 1;
}

static int base_rawget(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  lua_rawget(L, 1);
  return 1;
}

static int base_rawset(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

static int base_type(lua_State *L)
{
  luaL_checkany(L, 1);
  lua_pushstring(L, luaL_typename(L, 1));
  return 1;
}

/* -- Iteration ------------------------------------------------------------ */

static int base_next(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  if (lua_next(L, 1)) return 2;
  lua_pushnil(L);
  return 1;
}

/* pairs(t): next, t, nil. `next` is pairs' upvalue, so pairs(t) returns
** the very same function as the global next. */
static int base_pairs(lua_State *L)
{
  luaL_checkany(L, 1);
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

static int base_ipairs_aux(lua_State *L)
{
  lua_Integer i = luaL_checkinteger(L, 2) + 1;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushinteger(L, i);
  lua_rawgeti(L, 1, (int)i);
  return lua_isnil(L, -1) ? 0 : 2;
}

static int base_ipairs(lua_State *L)
{
  luaL_checkany(L, 1);
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 0);
  return 3;
}

static int base_select(lua_State *L)
{
  int n = lua_gettop(L);
  lua_Integer i;
  if (lua_type(L, 1) == LUA_TSTRING && *lua_tostring(L, 1) == '#') {
    lua_pushinteger(L, n - 1);
    return 1;
  }
  i = luaL_checkinteger(L, 1);
  if (i < 0)
    i = n + i;
  else if (i > n)
    i = n;
  luaL_argcheck(L, i >= 1, 1, "index out of range");
  return n - (int)i;
}

/* A number argument as LuaJIT's 32-bit integer conversion gives it (the
** x86 truncation: out of range and NaN become INT32_MIN). */
static int32_t base_checkint32(lua_State *L, int narg)
{
  lua_Number x = luaL_checknumber(L, narg);
  return (x >= -2147483648.0 && x < 2147483648.0) ? (int32_t)x : INT32_MIN;
}

static int base_unpack(lua_State *L)
{
  lua_Integer i, e, n;
  luaL_checktype(L, 1, LUA_TTABLE);
  i = lua_isnoneornil(L, 2) ? 1 : base_checkint32(L, 2);
  e = lua_isnoneornil(L, 3) ? (lua_Integer)(int32_t)lua_objlen(L, 1) :
                              base_checkint32(L, 3);
  if (i > e) return 0;
  n = e - i + 1;
  if (n <= 0 || n >= INT_MAX || !lua_checkstack(L, (int)n))
    return luaL_error(L, "too many results to unpack");
  for (; i <= e; i++) lua_rawgeti(L, 1, (int)i);
  return (int)n;
}

/* -- Conversions ---------------------------------------------------------- */

static int base_tonumber(lua_State *L)
{
  lua_Integer base = luaL_optinteger(L, 2, 10);
  if (base == 10) {
    luaL_checkany(L, 1);
    if (lua_isnumber(L, 1)) {
      lua_pushnumber(L, lua_tonumber(L, 1));
      return 1;
    }
    if (tviscdata(L->base)) {  /* FFI numbers (tonumber(1LL) == 1). */
      double n;
      if (!lu_ffi_tonumber(L, L->base, &n)) { lua_pushnil(L); return 1; }
      lua_pushnumber(L, n);
      return 1;
    }
  } else {
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    double n;
    luaL_argcheck(L, base >= 2 && base <= 36, 2, "base out of range");
    if (lu_strscan_base(s, len, (int)base, &n)) {
      lua_pushnumber(L, n);
      return 1;
    }
  }
  lua_pushnil(L);
  return 1;
}

/* Push tostring(v) for the value at idx without metamethods. */
static void base_pushrawstring(lua_State *L, int idx)
{
  const TValue *o;
  GCstr *s;
  if (idx < 0) idx = lua_gettop(L) + idx + 1;
  o = L->base + idx - 1;
  s = lu_strfmt_obj(L, o);
  setstrV(L, L->top, s);
  L->top++;
  lu_gc_check(L);
}

/* tostring(v): __tostring's results (all of them, as LuaJIT's tail call
** gives), else the raw string form. */
static int base_tostring(lua_State *L)
{
  luaL_checkany(L, 1);
  lua_settop(L, 1);
  if (luaL_getmetafield(L, 1, "__tostring")) {
    lua_pushvalue(L, 1);
    lua_call(L, 1, LUA_MULTRET);
    return lua_gettop(L) - 1;
  }
  base_pushrawstring(L, 1);
  return 1;
}

/* print(...): each argument through the global tostring, tab-separated. */
static int base_print(lua_State *L)
{
  int n = lua_gettop(L);
  int i;
  int builtin;
  lua_getglobal(L, "tostring");
  builtin = lua_tocfunction(L, -1) == base_tostring;
  for (i = 1; i <= n; i++) {
    const char *s;
    size_t len;
    int t = lua_type(L, i);
    if (builtin && (t == LUA_TSTRING || t == LUA_TNUMBER)) {
      lua_pushvalue(L, i);  /* Fast path: no metamethods involved. */
    } else {
      lua_pushvalue(L, -1);
      lua_pushvalue(L, i);
      lua_call(L, 1, 1);
    }
    s = lua_tolstring(L, -1, &len);
    if (s == NULL)
      return luaL_error(L, "'tostring' must return a string to 'print'");
    if (i > 1) putchar('\t');
    fwrite(s, 1, len, stdout);
    lua_pop(L, 1);
  }
  putchar('\n');
  return 0;
}

/* -- Loading -------------------------------------------------------------- */

/* Result of a load: the function (with env from argument envarg if it is a
** table), or nil and the message. */
static int base_loadresult(lua_State *L, int status, int envarg)
{
  if (status == 0) {
    if (envarg > 0 && lua_type(L, envarg) == LUA_TTABLE) {
      lua_pushvalue(L, envarg);
      lua_setfenv(L, -2);
    }
    return 1;
  }
  lua_pushnil(L);
  lua_insert(L, -2);
  return 2;
}

#define BASE_READSLOT  5   /* Anchor for the reader's last string. */

/* Reader for load(f): call f until it returns nil or "". */
static const char *base_reader(lua_State *L, void *ud, size_t *size)
{
  (void)ud;
  luaL_checkstack(L, 2, "too many nested functions");
  lua_pushvalue(L, 1);
  lua_call(L, 0, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    *size = 0;
    return NULL;
  }
  if (!lua_isstring(L, -1))
    luaL_error(L, "reader function must return a string");
  lua_replace(L, BASE_READSLOT);
  return lua_tolstring(L, BASE_READSLOT, size);
}

/* load(chunk [, chunkname [, mode [, env]]]); chunk is a string or a
** reader function. Also registered as loadstring, as in LuaJIT. */
static int base_load(lua_State *L)
{
  size_t len;
  const char *name = luaL_optstring(L, 2, NULL);
  const char *mode = luaL_optstring(L, 3, NULL);
  int status;
  if (lua_type(L, 1) == LUA_TSTRING) {
    const char *s = lua_tolstring(L, 1, &len);
    status = luaL_loadbufferx(L, s, len, name ? name : s, mode);
  } else {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, BASE_READSLOT);
    status = lua_loadx(L, base_reader, NULL, name ? name : "=(load)", mode);
  }
  return base_loadresult(L, status, 4);
}

static int base_loadfile(lua_State *L)
{
  const char *fname = luaL_optstring(L, 1, NULL);
  const char *mode = luaL_optstring(L, 2, NULL);
  int status = luaL_loadfilex(L, fname, mode);
  return base_loadresult(L, status, 3);
}

static int base_dofile(lua_State *L)
{
  const char *fname = luaL_optstring(L, 1, NULL);
  int n;
  lua_settop(L, 1);
  if (luaL_loadfile(L, fname) != 0) lua_error(L);
  lua_call(L, 0, LUA_MULTRET);
  n = lua_gettop(L) - 1;
  return n;
}

/* -- Garbage collection --------------------------------------------------- */

static int base_collectgarbage(lua_State *L)
{
  static const char *const opts[] = {
    "stop", "restart", "collect", "count", "step", "setpause",
    "setstepmul", "isrunning", NULL
  };
  static const int optcodes[] = {
    LUA_GCSTOP, LUA_GCRESTART, LUA_GCCOLLECT, LUA_GCCOUNT, LUA_GCSTEP,
    LUA_GCSETPAUSE, LUA_GCSETSTEPMUL, LUA_GCISRUNNING
  };
  int o = optcodes[luaL_checkoption(L, 1, "collect", opts)];
  int data = (int)luaL_optinteger(L, 2, 0);
  int res = lua_gc(L, o, data);
  switch (o) {
  case LUA_GCCOUNT: {
    int b = lua_gc(L, LUA_GCCOUNTB, 0);
    lua_pushnumber(L, (lua_Number)res + (lua_Number)b / 1024.0);
    return 1;
  }
  case LUA_GCSTEP:
  case LUA_GCISRUNNING:
    lua_pushboolean(L, res);
    return 1;
  default:
    lua_pushinteger(L, res);
    return 1;
  }
}

static int base_gcinfo(lua_State *L)
{
  lua_pushinteger(L, lua_gc(L, LUA_GCCOUNT, 0));
  return 1;
}

/* -- newproxy ------------------------------------------------------------- */

/* newproxy([false | true | proxy]): a zero-size userdata; true gives it a
** fresh metatable, a proxy shares that proxy's metatable. Upvalue 1 is a
** weak table whose keys are the metatables newproxy made. */
static int base_newproxy(lua_State *L)
{
  lua_settop(L, 1);
  lua_newuserdata(L, 0);
  if (lua_toboolean(L, 1) == 0) {
    if (lua_type(L, 1) != LUA_TNIL && lua_type(L, 1) != LUA_TNONE &&
        lua_type(L, 1) != LUA_TBOOLEAN)
      luaL_argerror(L, 1, "boolean or proxy expected");
    return 1;
  }
  if (lua_isboolean(L, 1)) {
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_pushboolean(L, 1);
    lua_rawset(L, lua_upvalueindex(1));
  } else {
    int valid = 0;
    if (lua_getmetatable(L, 1)) {
      lua_rawget(L, lua_upvalueindex(1));
      valid = lua_toboolean(L, -1);
      lua_pop(L, 1);
    }
    luaL_argcheck(L, valid, 1, "boolean or proxy expected");
    lua_getmetatable(L, 1);
  }
  lua_setmetatable(L, 2);
  return 1;
}

/* -- Registration --------------------------------------------------------- */

static const luaL_Reg base_funcs[] = {
  { "assert", base_assert },
  { "collectgarbage", base_collectgarbage },
  { "dofile", base_dofile },
  { "error", base_error },
  { "gcinfo", base_gcinfo },
  { "getfenv", base_getfenv },
  { "getmetatable", base_getmetatable },
  { "load", base_load },
  { "loadfile", base_loadfile },
  { "loadstring", base_load },
  { "next", base_next },
  { "print", base_print },
  { "rawequal", base_rawequal },
  { "rawget", base_rawget },
  { "rawset", base_rawset },
  { "select", base_select },
  { "setfenv", base_setfenv },
  { "setmetatable", base_setmetatable },
  { "tonumber", base_tonumber },
  { "tostring", base_tostring },
  { "type", base_type },
  { "unpack", base_unpack },
  { NULL, NULL }
};

/* Store the C function f (with the upvalue at the top of the stack if
** nup is 1) in the table below as name, marked as a fast function. */
static void base_setfunc(lua_State *L, const char *name, lua_CFunction f,
                         int nup)
{
  lua_pushcclosure(L, f, nup);
  lu_lib_markff(L, "_G", name);
  lua_setfield(L, -2, name);
}

LUALIB_API int luaopen_base(lua_State *L)
{
  /* _G._G = _G */
  lua_pushvalue(L, LUA_GLOBALSINDEX);
  lua_setglobal(L, "_G");
  lu_lib_register(L, "_G", base_funcs);  /* _G on the stack. */
  lua_pushliteral(L, LUA_VERSION);
  lua_setfield(L, -2, "_VERSION");
  /* pairs and ipairs carry their iterators as upvalues. */
  lua_getfield(L, -1, "next");
  base_setfunc(L, "pairs", base_pairs, 1);
  lua_pushcfunction(L, base_ipairs_aux);
  lu_lib_markff(L, "_G", "ipairs_aux");
  base_setfunc(L, "ipairs", base_ipairs, 1);
  base_setfunc(L, "pcall", lu_ff_pcall, 0);
  base_setfunc(L, "xpcall", lu_ff_xpcall, 0);
  /* newproxy's table of valid metatables: weak keys. */
  lua_createtable(L, 0, 1);
  lua_pushvalue(L, -1);
  lua_setmetatable(L, -2);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  base_setfunc(L, "newproxy", base_newproxy, 1);
  {
    int top = lua_gettop(L);
    lu_open_coroutine(L);
    lua_settop(L, top);
  }
  return 1;
}
