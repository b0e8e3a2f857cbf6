/*
** lunar libFuzzer target: compile and run source text.
**
** The chunk runs in the sandbox of bcfuzz.h (no io/os/debug/load*,
** string.rep removed, print silenced) on an allocator capped at 256 MB.
** lua_sethook is accepted by lunar but the interpreter does not call hooks
** yet, so there is no instruction-count budget; instead each run gets the
** time budget of bcfuzz.h (bcf_timer: when it expires the dispatch table
** is pointed at a handler that raises an error, so the run unwinds
** cleanly; the table is restored afterwards).
*/
#include "bcfuzz.h"

static lua_State *L;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  int top;
  (void)bcf_try;  /* The binary-mode helper of bcfuzz.h is not used here. */
  if (L == NULL) L = bcf_newstate();
  top = lua_gettop(L);
  if (luaL_loadbufferx(L, (const char *)data, size, "=fuzz", "t") == 0) {
    bcf_sandbox(L);
    lua_setfenv(L, -2);
    bcf_fired = 0;
    bcf_timer(bcf_budget_ms);
    lua_pcall(L, 0, 0, 0);
    bcf_timer(0);
    if (bcf_fired) lu_dispatch_update(bcf_g);
  }
  lua_settop(L, top);
  lua_gc(L, LUA_GCCOLLECT, 0);
  return 0;
}
