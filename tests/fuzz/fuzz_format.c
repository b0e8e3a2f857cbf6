/*
** lunar libFuzzer target: string.format.
**
** Input: a format string, a NUL byte, then argument bytes.  Each argument
** is made from the next bytes: a tag byte selects an integer-valued double
** (4 bytes), a raw double (8 bytes), a string (length byte + bytes), nil,
** a boolean or a table with __tostring.  string.format runs under pcall;
** both results and errors are fine.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/api/lua.h"
#include "../../src/api/lauxlib.h"
#include "../../src/api/lualib.h"

static lua_State *L;

static int ts(lua_State *L) { lua_pushliteral(L, "obj"); return 1; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const uint8_t *nul = memchr(data, 0, size), *p, *e = data + size;
  int nargs = 0;
  if (L == NULL) {
    L = luaL_newstate();
    if (L == NULL) abort();
    luaL_openlibs(L);
  }
  if (nul == NULL) nul = e;
  lua_getglobal(L, "string");
  lua_getfield(L, -1, "format");
  lua_pushlstring(L, (const char *)data, (size_t)(nul - data));
  for (p = nul + (nul < e); p < e && nargs < 16; nargs++) {
    uint8_t tag = *p++;
    switch (tag % 6) {
    case 0: {
      int32_t v = 0;
      size_t n = (size_t)(e - p) < 4 ? (size_t)(e - p) : 4;
      memcpy(&v, p, n); p += n;
      lua_pushnumber(L, (lua_Number)v);
      break;
    }
    case 1: {
      double d = 0;
      size_t n = (size_t)(e - p) < 8 ? (size_t)(e - p) : 8;
      memcpy(&d, p, n); p += n;
      lua_pushnumber(L, d);
      break;
    }
    case 2: {
      size_t n = p < e ? *p++ : 0;
      if (n > (size_t)(e - p)) n = (size_t)(e - p);
      lua_pushlstring(L, (const char *)p, n); p += n;
      break;
    }
    case 3: lua_pushnil(L); break;
    case 4: lua_pushboolean(L, tag & 8); break;
    default:
      lua_newtable(L);
      lua_newtable(L);
      lua_pushcfunction(L, ts);
      lua_setfield(L, -2, "__tostring");
      lua_setmetatable(L, -2);
      break;
    }
  }
  lua_pcall(L, nargs + 1, 1, 0);
  lua_settop(L, 0);
  lua_gc(L, LUA_GCSTEP, 0);
  return 0;
}
