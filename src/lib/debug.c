/*
** lunar: the debug library (debug.*), as LuaJIT 2.1 has it.
**
** Written against the public API; lu_debug_getinfo (src/vm/debug.h) adds
** the nparams/isvararg fields LuaJIT's debug.getinfo returns.
*/
#include <stdio.h>
#include <string.h>

#include "lib.h"
#include "../vm/debug.h"

/* -- Helpers ---------------------------------------------------------------- */

/* Optional leading thread argument: returns the thread, sets *arg to 1 if
** it was given (the other arguments shift by one), else 0. */
static lua_State *db_getthread(lua_State *L, int *arg)
{
  if (lua_isthread(L, 1)) {
    *arg = 1;
    return lua_tothread(L, 1);
  }
  *arg = 0;
  return L;
}

static void db_setfield_str(lua_State *L, const char *k, const char *v)
{
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

static void db_setfield_int(lua_State *L, const char *k, int v)
{
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

static void db_setfield_bool(lua_State *L, const char *k, int v)
{
  lua_pushboolean(L, v);
  lua_setfield(L, -2, k);
}

/* Move the value at the top of L1 into field k of the table at the top of
** L (the same state or another thread). */
static void db_setfield_moved(lua_State *L, lua_State *L1, const char *k)
{
  if (L == L1) {
    lua_pushvalue(L, -2);
    lua_remove(L, -3);
  } else {
    lua_xmove(L1, L, 1);
  }
  lua_setfield(L, -2, k);
}

/* -- Metatables and environments --------------------------------------------- */

static int db_getregistry(lua_State *L)
{
  lua_pushvalue(L, LUA_REGISTRYINDEX);
  return 1;
}

static int db_getmetatable(lua_State *L)
{
  luaL_checkany(L, 1);
  if (!lua_getmetatable(L, 1)) lua_pushnil(L);
  return 1;
}

static int db_setmetatable(lua_State *L)
{
  int t = lua_type(L, 2);
  luaL_argcheck(L, t == LUA_TNIL || t == LUA_TTABLE, 2,
                "nil or table expected");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  lua_pushboolean(L, 1);
  return 1;
}

static int db_getfenv(lua_State *L)
{
  lua_getfenv(L, 1);
  return 1;
}

static int db_setfenv(lua_State *L)
{
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  if (lua_setfenv(L, 1) == 0)
    luaL_error(L, "'setfenv' cannot change environment of given object");
  return 1;
}

/* -- getinfo -------------------------------------------------------------------- */

static int db_getinfo(lua_State *L)
{
  lua_Debug ar;
  int arg;
  int nparams = 0, isvararg = 0;
  lua_State *L1 = db_getthread(L, &arg);
  const char *options = luaL_optstring(L, arg + 2, "flnSu");
  if (options[0] == '>')
    return luaL_argerror(L, arg + 2, "invalid option");
  if (lua_isnumber(L, arg + 1)) {
    if (!lua_getstack(L1, (int)lua_tointeger(L, arg + 1), &ar)) {
      lua_pushnil(L);
      return 1;
    }
  } else if (lua_isfunction(L, arg + 1)) {
    lua_pushfstring(L, ">%s", options);
    options = lua_tostring(L, -1);
    lua_pushvalue(L, arg + 1);
    lua_xmove(L, L1, 1);
  } else {
    return luaL_argerror(L, arg + 1, "function or level expected");
  }
  if (!lu_debug_getinfo(L1, options, &ar, &nparams, &isvararg))
    return luaL_argerror(L, arg + 2, "invalid option");
  lua_createtable(L, 0, 16);
  if (strchr(options, 'S')) {
    db_setfield_str(L, "source", ar.source);
    db_setfield_str(L, "short_src", ar.short_src);
    db_setfield_int(L, "linedefined", ar.linedefined);
    db_setfield_int(L, "lastlinedefined", ar.lastlinedefined);
    db_setfield_str(L, "what", ar.what);
  }
  if (strchr(options, 'l'))
    db_setfield_int(L, "currentline", ar.currentline);
  if (strchr(options, 'u')) {
    db_setfield_int(L, "nups", ar.nups);
    db_setfield_int(L, "nparams", nparams);
    db_setfield_bool(L, "isvararg", isvararg);
  }
  if (strchr(options, 'n')) {
    db_setfield_str(L, "name", ar.name);
    db_setfield_str(L, "namewhat", ar.namewhat);
  }
  /* lu_debug_getinfo pushed 'f' before 'L' when both were asked for, in
  ** the order of the option string. */
  {
    const char *pf = strchr(options, 'f');
    const char *pl = strchr(options, 'L');
    if (pf && pl) {
      if (pf < pl) {
        db_setfield_moved(L, L1, "activelines");
        db_setfield_moved(L, L1, "func");
      } else {
        db_setfield_moved(L, L1, "func");
        db_setfield_moved(L, L1, "activelines");
      }
    } else if (pl) {
      db_setfield_moved(L, L1, "activelines");
    } else if (pf) {
      db_setfield_moved(L, L1, "func");
    }
  }
  return 1;
}

/* -- Locals and upvalues ------------------------------------------------------ */

static int db_getlocal(lua_State *L)
{
  int arg;
  lua_State *L1 = db_getthread(L, &arg);
  lua_Debug ar;
  const char *name;
  int slot = luaL_checkint(L, arg + 2);
  if (lua_isfunction(L, arg + 1)) {
    lua_pushvalue(L, arg + 1);
    lua_pushstring(L, lua_getlocal(L, NULL, slot));
    return 1;
  }
  if (!lua_getstack(L1, luaL_checkint(L, arg + 1), &ar))
    return luaL_argerror(L, arg + 1, "level out of range");
  name = lua_getlocal(L1, &ar, slot);
  if (name != NULL) {
    lua_xmove(L1, L, 1);
    lua_pushstring(L, name);
    lua_pushvalue(L, -2);
    return 2;
  }
  lua_pushnil(L);
  return 1;
}

static int db_setlocal(lua_State *L)
{
  int arg;
  lua_State *L1 = db_getthread(L, &arg);
  lua_Debug ar;
  if (!lua_getstack(L1, luaL_checkint(L, arg + 1), &ar))
    return luaL_argerror(L, arg + 1, "level out of range");
  luaL_checkany(L, arg + 3);
  lua_settop(L, arg + 3);
  lua_xmove(L, L1, 1);
  lua_pushstring(L, lua_setlocal(L1, &ar, luaL_checkint(L, arg + 2)));
  return 1;
}

static int db_auxupvalue(lua_State *L, int get)
{
  const char *name;
  int n = luaL_checkint(L, 2);
  luaL_checktype(L, 1, LUA_TFUNCTION);
  name = get ? lua_getupvalue(L, 1, n) : lua_setupvalue(L, 1, n);
  if (name == NULL) return 0;
  lua_pushstring(L, name);
  lua_insert(L, -(get + 1));
  return get + 1;
}

static int db_getupvalue(lua_State *L)
{
  return db_auxupvalue(L, 1);
}

static int db_setupvalue(lua_State *L)
{
  luaL_checkany(L, 3);
  return db_auxupvalue(L, 0);
}

/* Check that argument argf is a function (a Lua function if needlua)
** with an upvalue numbered by argument argn; returns the number. */
static int db_checkupval(lua_State *L, int argf, int argn, int needlua)
{
  int n;
  luaL_checktype(L, argf, LUA_TFUNCTION);
  if (needlua && lua_iscfunction(L, argf))
    luaL_argerror(L, argf, "Lua function expected");
  n = luaL_checkint(L, argn);
  luaL_argcheck(L, lua_upvalueid(L, argf, n) != NULL, argn,
                "index out of range");
  return n;
}

static int db_upvalueid(lua_State *L)
{
  int n = db_checkupval(L, 1, 2, 0);
  lua_pushlightuserdata(L, lua_upvalueid(L, 1, n));
  return 1;
}

static int db_upvaluejoin(lua_State *L)
{
  int n1 = db_checkupval(L, 1, 2, 1);
  int n2 = db_checkupval(L, 3, 4, 1);
  lua_upvaluejoin(L, 1, n1, 3, n2);
  return 0;
}

/* -- Hooks ---------------------------------------------------------------------- */

/* The Lua hook function lives in the registry under this address. */
static const char db_hookkey = 'h';

static void db_hookf(lua_State *L, lua_Debug *ar)
{
  static const char *const hooknames[] = {
    "call", "return", "line", "count", "tail return"
  };
  lua_pushlightuserdata(L, (void *)&db_hookkey);
  lua_rawget(L, LUA_REGISTRYINDEX);
  if (lua_isfunction(L, -1)) {
    lua_pushstring(L, hooknames[ar->event]);
    if (ar->currentline >= 0)
      lua_pushinteger(L, ar->currentline);
    else
      lua_pushnil(L);
    lua_call(L, 2, 0);
  } else {
    lua_pop(L, 1);
  }
}

static int db_makemask(const char *smask, int count)
{
  int mask = 0;
  if (strchr(smask, 'c')) mask |= LUA_MASKCALL;
  if (strchr(smask, 'r')) mask |= LUA_MASKRET;
  if (strchr(smask, 'l')) mask |= LUA_MASKLINE;
  if (count > 0) mask |= LUA_MASKCOUNT;
  return mask;
}

static char *db_unmakemask(int mask, char *smask)
{
  int i = 0;
  if (mask & LUA_MASKCALL) smask[i++] = 'c';
  if (mask & LUA_MASKRET) smask[i++] = 'r';
  if (mask & LUA_MASKLINE) smask[i++] = 'l';
  smask[i] = '\0';
  return smask;
}

static int db_sethook(lua_State *L)
{
  int arg, mask, count;
  lua_Hook func;
  (void)db_getthread(L, &arg);
  if (lua_isnoneornil(L, arg + 1)) {
    lua_settop(L, arg + 1);
    func = NULL;
    mask = 0;
    count = 0;
  } else {
    const char *smask = luaL_checkstring(L, arg + 2);
    luaL_checktype(L, arg + 1, LUA_TFUNCTION);
    count = luaL_optint(L, arg + 3, 0);
    func = db_hookf;
    mask = db_makemask(smask, count);
  }
  lua_pushlightuserdata(L, (void *)&db_hookkey);
  lua_pushvalue(L, arg + 1);
  lua_rawset(L, LUA_REGISTRYINDEX);
  lua_sethook(L, func, mask, count);
  return 0;
}

static int db_gethook(lua_State *L)
{
  char buf[5];
  int mask = lua_gethookmask(L);
  lua_Hook hook = lua_gethook(L);
  if (hook != NULL && hook != db_hookf) {
    lua_pushliteral(L, "external hook");
  } else {
    lua_pushlightuserdata(L, (void *)&db_hookkey);
    lua_rawget(L, LUA_REGISTRYINDEX);
  }
  lua_pushstring(L, db_unmakemask(mask, buf));
  lua_pushinteger(L, lua_gethookcount(L));
  return 3;
}

/* -- debug.debug and traceback -------------------------------------------------- */

static int db_debug(lua_State *L)
{
  for (;;) {
    char buffer[250];
    fputs("lua_debug> ", stderr);
    fflush(stderr);
    if (fgets(buffer, sizeof(buffer), stdin) == NULL ||
        strcmp(buffer, "cont\n") == 0)
      return 0;
    if (luaL_loadbuffer(L, buffer, strlen(buffer), "=(debug command)") ||
        lua_pcall(L, 0, 0, 0)) {
      const char *msg = lua_tostring(L, -1);
      fputs(msg ? msg : "(error object is not a string)", stderr);
      fputs("\n", stderr);
      fflush(stderr);
    }
    lua_settop(L, 0);
  }
}

static int db_traceback(lua_State *L)
{
  int arg;
  lua_State *L1 = db_getthread(L, &arg);
  const char *msg = lua_tostring(L, arg + 1);
  if (msg == NULL && lua_gettop(L) > arg) {
    lua_pushvalue(L, arg + 1);  /* Non-string message: returned as is. */
  } else {
    int level = luaL_optint(L, arg + 2, L == L1 ? 1 : 0);
    luaL_traceback(L, L1, msg, level);
  }
  return 1;
}

/* -- Registration ------------------------------------------------------------------ */

static const luaL_Reg db_funcs[] = {
  { "getregistry", db_getregistry },
  { "getmetatable", db_getmetatable },
  { "setmetatable", db_setmetatable },
  { "getfenv", db_getfenv },
  { "setfenv", db_setfenv },
  { "getinfo", db_getinfo },
  { "getlocal", db_getlocal },
  { "setlocal", db_setlocal },
  { "getupvalue", db_getupvalue },
  { "setupvalue", db_setupvalue },
  { "upvalueid", db_upvalueid },
  { "upvaluejoin", db_upvaluejoin },
  { "sethook", db_sethook },
  { "gethook", db_gethook },
  { "debug", db_debug },
  { "traceback", db_traceback },
  { NULL, NULL }
};

LUALIB_API int luaopen_debug(lua_State *L)
{
  lu_lib_register(L, "debug", db_funcs);
  return 1;
}
