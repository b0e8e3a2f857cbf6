/*
** lunar libFuzzer target: Lua patterns.
**
** Input: pattern NUL subject [NUL replacement].  Runs string.find (plain
** and not, with an init taken from the first subject byte), string.match,
** string.gmatch (at most 64 matches) and string.gsub (with the
** replacement string, or a table when absent) under pcall.  Pattern and
** subject are capped in length, and patterns with more than 6 quantifier
** characters are skipped, to keep backtracking bounded.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/api/lua.h"
#include "../../src/api/lauxlib.h"
#include "../../src/api/lualib.h"

static lua_State *L;

static const char driver[] =
  "local pat, s, repl, init = ...\n"
  "pcall(string.find, s, pat, init)\n"
  "pcall(string.find, s, pat, init, true)\n"
  "pcall(string.match, s, pat, init)\n"
  "pcall(function() local n = 0 for a, b in string.gmatch(s, pat) do n = n + 1 if n > 64 then break end end end)\n"
  "pcall(string.gsub, s, pat, repl or {a = 'A', [''] = 1}, 50)\n"
  "pcall(string.gsub, s, pat, function(a) return a end, 50)\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *d = (const char *)data, *e = d + size;
  const char *n1, *n2;
  size_t lp, ls;
  if (L == NULL) {
    L = luaL_newstate();
    if (L == NULL) abort();
    luaL_openlibs(L);
  }
  n1 = memchr(d, 0, size);
  if (n1 == NULL) n1 = e;
  n2 = n1 < e ? memchr(n1 + 1, 0, (size_t)(e - n1 - 1)) : NULL;
  lp = (size_t)(n1 - d);
  if (lp > 128) return 0;
  {
    /* Many quantifiers make backtracking exponential (in LuaJIT too). */
    size_t i, q = 0;
    for (i = 0; i < lp; i++)
      q += d[i] == '?' || d[i] == '*' || d[i] == '-' || d[i] == '+';
    if (q > 6) return 0;
  }
  ls = (size_t)((n2 ? n2 : e) - (n1 < e ? n1 + 1 : e));
  if (ls > 512) return 0;
  if (luaL_loadbuffer(L, driver, sizeof(driver) - 1, "=driver") != 0) abort();
  lua_pushlstring(L, d, lp);
  lua_pushlstring(L, n1 < e ? n1 + 1 : e, ls);
  if (n2) lua_pushlstring(L, n2 + 1, (size_t)(e - n2 - 1));
  else lua_pushnil(L);
  lua_pushinteger(L, ls ? (int)(signed char)(n1 + 1)[0] % 8 : 1);
  lua_pcall(L, 4, 0, 0);
  lua_settop(L, 0);
  lua_gc(L, LUA_GCSTEP, 0);
  return 0;
}
