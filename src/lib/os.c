/*
** lunar: the os library (Lua 5.1 / LuaJIT 2.1 behaviour).
*/
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"

static int os_execute(lua_State *L)
{
  const char *cmd = luaL_optstring(L, 1, NULL);
  lua_pushinteger(L, system(cmd));
  return 1;
}

static int os_remove(lua_State *L)
{
  const char *filename = luaL_checkstring(L, 1);
  return luaL_fileresult(L, remove(filename) == 0, filename);
}

static int os_rename(lua_State *L)
{
  const char *fromname = luaL_checkstring(L, 1);
  const char *toname = luaL_checkstring(L, 2);
  return luaL_fileresult(L, rename(fromname, toname) == 0, fromname);
}

static int os_tmpname(lua_State *L)
{
  char buf[32];
  int fd;
  strcpy(buf, "/tmp/lua_XXXXXX");
  fd = mkstemp(buf);
  if (fd == -1)
    return luaL_error(L, "unable to generate a unique filename");
  close(fd);
  lua_pushstring(L, buf);
  return 1;
}

static int os_getenv(lua_State *L)
{
  lua_pushstring(L, getenv(luaL_checkstring(L, 1)));  /* NULL pushes nil. */
  return 1;
}

/* exit([code [, close]]): true/false map to success/failure. */
static int os_exit(lua_State *L)
{
  int status;
  if (lua_isboolean(L, 1))
    status = lua_toboolean(L, 1) ? EXIT_SUCCESS : EXIT_FAILURE;
  else
    status = luaL_optint(L, 1, EXIT_SUCCESS);
  if (lua_toboolean(L, 2)) lua_close(L);
  exit(status);
  return 0;  /* Not reached. */
}

static int os_clock(lua_State *L)
{
  lua_pushnumber(L, ((lua_Number)clock()) * (1.0 / CLOCKS_PER_SEC));
  return 1;
}

/* -- os.date / os.time ------------------------------------------------------ */

static void date_setfield(lua_State *L, const char *key, int value)
{
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

static void date_setbool(lua_State *L, const char *key, int value)
{
  if (value < 0) return;  /* Undefined. */
  lua_pushboolean(L, value);
  lua_setfield(L, -2, key);
}

static int date_getbool(lua_State *L, const char *key)
{
  int res;
  lua_getfield(L, -1, key);
  res = lua_isnil(L, -1) ? -1 : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return res;
}

static int date_getfield(lua_State *L, const char *key, int d)
{
  int res;
  lua_getfield(L, -1, key);
  if (lua_isnumber(L, -1)) {
    res = (int)lua_tointeger(L, -1);
  } else {
    if (d < 0)
      return luaL_error(L, "field " LUA_QS " missing in date table", key);
    res = d;
  }
  lua_pop(L, 1);
  return res;
}

/* date([format [, time]]): "!" selects UTC, "*t" returns a table; every
** other format goes to strftime as a whole, like LuaJIT. */
static int os_date(lua_State *L)
{
  const char *s = luaL_optstring(L, 1, "%c");
  time_t t = lua_isnoneornil(L, 2) ? time(NULL)
                                   : (time_t)luaL_checknumber(L, 2);
  struct tm tmbuf, *stm;
  if (*s == '!') {
    stm = gmtime_r(&t, &tmbuf);
    s++;
  } else {
    stm = localtime_r(&t, &tmbuf);
  }
  if (stm == NULL) {
    lua_pushnil(L);
  } else if (strcmp(s, "*t") == 0) {
    lua_createtable(L, 0, 9);
    date_setfield(L, "sec", stm->tm_sec);
    date_setfield(L, "min", stm->tm_min);
    date_setfield(L, "hour", stm->tm_hour);
    date_setfield(L, "day", stm->tm_mday);
    date_setfield(L, "month", stm->tm_mon + 1);
    date_setfield(L, "year", stm->tm_year + 1900);
    date_setfield(L, "wday", stm->tm_wday + 1);
    date_setfield(L, "yday", stm->tm_yday + 1);
    date_setbool(L, "isdst", stm->tm_isdst);
  } else if (*s == '\0') {
    lua_pushliteral(L, "");
  } else {
    size_t sz = 256;
    for (;;) {
      char *buf = (char *)lua_newuserdata(L, sz);
      size_t len = strftime(buf, sz, s, stm);
      if (len != 0 || sz > 65536) {
        lua_pushlstring(L, buf, len);
        lua_remove(L, -2);
        break;
      }
      lua_pop(L, 1);
      sz *= 4;
    }
  }
  return 1;
}

static int os_time(lua_State *L)
{
  time_t t;
  if (lua_isnoneornil(L, 1)) {
    t = time(NULL);
  } else {
    struct tm ts;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    ts.tm_sec = date_getfield(L, "sec", 0);
    ts.tm_min = date_getfield(L, "min", 0);
    ts.tm_hour = date_getfield(L, "hour", 12);
    ts.tm_mday = date_getfield(L, "day", -1);
    ts.tm_mon = date_getfield(L, "month", -1) - 1;
    ts.tm_year = date_getfield(L, "year", -1) - 1900;
    ts.tm_isdst = date_getbool(L, "isdst");
    t = mktime(&ts);
  }
  if (t == (time_t)(-1))
    lua_pushnil(L);
  else
    lua_pushnumber(L, (lua_Number)t);
  return 1;
}

static int os_difftime(lua_State *L)
{
  lua_pushnumber(L, difftime((time_t)luaL_checknumber(L, 1),
                             (time_t)luaL_optnumber(L, 2, 0)));
  return 1;
}

static int os_setlocale(lua_State *L)
{
  static const int cat[] = { LC_ALL, LC_COLLATE, LC_CTYPE, LC_MONETARY,
                             LC_NUMERIC, LC_TIME };
  static const char *const catnames[] = { "all", "collate", "ctype",
                                          "monetary", "numeric", "time", NULL };
  const char *l = luaL_optstring(L, 1, NULL);
  int op = luaL_checkoption(L, 2, "all", catnames);
  lua_pushstring(L, setlocale(cat[op], l));
  return 1;
}

static const luaL_Reg os_funcs[] = {
  { "clock", os_clock }, { "date", os_date }, { "difftime", os_difftime },
  { "execute", os_execute }, { "exit", os_exit }, { "getenv", os_getenv },
  { "remove", os_remove }, { "rename", os_rename },
  { "setlocale", os_setlocale }, { "time", os_time },
  { "tmpname", os_tmpname },
  { NULL, NULL }
};

LUALIB_API int luaopen_os(lua_State *L)
{
  lu_lib_register(L, LUA_OSLIBNAME, os_funcs);
  return 1;
}
