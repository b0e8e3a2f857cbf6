/*
** lunar libFuzzer target: string to number conversion.
**
** The input (minus its first byte) is converted by tonumber(s),
** tonumber(s, base) with base 2..36 from the first byte, by the lexer
** ("return " .. s) and by arithmetic coercion (s + 0).  A number that
** tonumber accepts must survive a tostring/tonumber round trip to within
** %.14g precision and the coercion must agree with tonumber.
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
  "local s, base = ...\n"
  "local n = tonumber(s)\n"
  "pcall(tonumber, s, base)\n"
  "local ok, c = pcall(function() return s + 0 end)\n"
  "if n then\n"
  "  assert(ok and (c == n or (c ~= c and n ~= n)), 'coercion disagrees')\n"
  "  local r = tonumber(tostring(n))\n"
  "  assert(r == tonumber(string.format('%.14g', n)) or (r ~= r and n ~= n), 'round trip')\n"
  "else\n"
  "  assert(not ok, 'coercion accepts what tonumber rejects')\n"
  "end\n"
  "local f = loadstring('return ' .. s)\n"
  "if f then pcall(f) end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  int base;
  if (size < 1 || size > 4096) return 0;
  if (L == NULL) {
    L = luaL_newstate();
    if (L == NULL) abort();
    luaL_openlibs(L);
  }
  base = 2 + data[0] % 35;
  if (luaL_loadbuffer(L, driver, sizeof(driver) - 1, "=driver") != 0) abort();
  lua_pushlstring(L, (const char *)data + 1, size - 1);
  lua_pushinteger(L, base);
  if (lua_pcall(L, 2, 0, 0) != 0) {
    const char *m = lua_tostring(L, -1);
    /* An assertion of the driver failing is a real finding. */
    if (m && (strstr(m, "disagrees") || strstr(m, "round trip") || strstr(m, "rejects")))
      abort();
  }
  lua_settop(L, 0);
  lua_gc(L, LUA_GCSTEP, 0);
  return 0;
}
