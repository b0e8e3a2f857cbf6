/*
** memlimit: a custom lua_Alloc that enforces a memory budget. The state
** is created with lua_newstate(alloc, &limit); when a script exceeds the
** budget, the allocation fails, the script gets a "not enough memory"
** error (LUA_ERRMEM from lua_pcall), and the state stays usable once
** the garbage is released.
*/
#include <stdio.h>
#include <stdlib.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

typedef struct Limit { size_t used, max, peak; unsigned long denied; } Limit;

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  Limit *lim = (Limit *)ud;
  if (nsize == 0) {
    free(ptr);
    lim->used -= osize;
    return NULL;
  }
  /* osize is the old block size when ptr != NULL, else a type tag. */
  size_t old = ptr ? osize : 0;
  if (nsize > old && lim->used - old + nsize > lim->max) {
    lim->denied++;
    return NULL;
  }
  void *p = realloc(ptr, nsize);
  if (p == NULL) return NULL;
  lim->used = lim->used - old + nsize;
  if (lim->used > lim->peak) lim->peak = lim->used;
  return p;
}

int main(void)
{
  Limit lim = { 0, 4u << 20, 0, 0 };     /* 4 MB */
  lua_State *L = lua_newstate(limited_alloc, &lim);
  if (L == NULL) return 1;
  luaL_openlibs(L);

  /* Grows a table of strings until memory runs out. */
  int status = luaL_loadstring(L,
    "local t = {}\n"
    "for i = 1, 1e7 do t[i] = ('x'):rep(100) .. i end\n");
  if (status != 0) return 1;
  status = lua_pcall(L, 0, 0, 0);
  printf("memlimit: status %d (%s), peak %zu KB of %zu KB, %lu denied\n",
         status, lua_tostring(L, -1), lim.peak >> 10, lim.max >> 10, lim.denied);
  if (status != LUA_ERRMEM || lim.denied == 0 || lim.peak > lim.max) return 1;
  lua_pop(L, 1);

  /* The state still works after the failed script's garbage is gone. */
  lua_gc(L, LUA_GCCOLLECT, 0);
  if (luaL_dostring(L, "local s = 0 for i = 1, 1000 do s = s + i end return s") != 0)
    return 1;
  if (lua_tointeger(L, -1) != 500500) return 1;
  int kb = lua_gc(L, LUA_GCCOUNT, 0);
  printf("memlimit: recovered, %d KB in use\n", kb);
  lua_close(L);
  if (lim.used != 0) {
    fprintf(stderr, "memlimit: %zu bytes leaked\n", lim.used);
    return 1;
  }
  return 0;
}
