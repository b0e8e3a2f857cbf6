/*
** lunar libFuzzer target: compile source text.
**
** The input is handed to luaL_loadbufferx in text mode; any result (a
** function or a syntax error) is fine, a crash or sanitizer report is not.
** When the chunk compiles it is also listed by string.dump (bytecode
** writer) and loaded back, exercising the parser's output end to end.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../src/api/lua.h"
#include "../../src/api/lauxlib.h"
#include "../../src/api/lualib.h"

static lua_State *L;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (L == NULL) {
    L = luaL_newstate();
    if (L == NULL) abort();
    luaL_openlibs(L);
  }
  if (luaL_loadbufferx(L, (const char *)data, size, "=fuzz", "t") == 0) {
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "dump");
    lua_pushvalue(L, -3);
    if (lua_pcall(L, 1, 1, 0) == 0) {
      size_t n;
      const char *s = lua_tolstring(L, -1, &n);
      if (s == NULL || luaL_loadbufferx(L, s, n, "=dump", "b") != 0) abort();
    }
  }
  lua_settop(L, 0);
  lua_gc(L, LUA_GCSTEP, 0);
  return 0;
}
