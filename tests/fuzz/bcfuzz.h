/*
** lunar: shared code of the bytecode loader fuzzers (bcmut.c, the mutation
** test, and fuzz_load_bc.c, the libFuzzer target).
**
** bcf_try() loads one candidate chunk in binary mode. A chunk the loader
** accepts is then run, protected, in a sandbox environment (no io, os,
** debug, load*, setfenv/getfenv; print discards its output) when it is
** certain to terminate: the interpreter has no instruction-count hooks, so
** a run is bounded by a timer instead: when it expires, every opcode of
** the dispatch table is pointed at the handler of JLOOP, which raises a
** clean "JIT traces are not implemented" error at the next instruction of
** any Lua frame, so the run unwinds; the table is restored afterwards.
** The state's allocator has a hard limit, so a chunk asking for a huge
** table gets "not enough memory", not the machine's memory.
*/
#ifndef BCFUZZ_H
#define BCFUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/time.h>

#include "../../src/api/lua.h"
#include "../../src/api/lauxlib.h"
#include "../../src/api/lualib.h"
#include "../../src/core/obj.h"
#include "../../src/parse/bc.h"
#include "../../src/core/state.h"
#include "../../src/vm/dispatch.h"

#define BCF_MEMLIMIT  ((size_t)256 << 20)

typedef struct BCFStats {
  unsigned long tried, rejected, accepted, ran, runerr, timeouts;
} BCFStats;

static size_t bcf_mem;

static void *bcf_alloc(void *ud, void *p, size_t osize, size_t nsize)
{
  (void)ud;
  if (nsize == 0) {
    if (p != NULL) bcf_mem -= osize;
    free(p);
    return NULL;
  }
  if (p == NULL) osize = 0;
  if (nsize > osize && bcf_mem + (nsize - osize) > BCF_MEMLIMIT) return NULL;
  p = realloc(p, nsize);
  if (p != NULL) bcf_mem = bcf_mem + nsize - osize;
  return p;
}

static global_State *bcf_g;           /* The state being run. */
static const void *bcf_stop;          /* Label of the JLOOP handler. */
static volatile sig_atomic_t bcf_fired;
static long bcf_budget_ms = 300;      /* Time limit of one run. */

static void bcf_alarm(int sig)
{
  GG_State *GG = G2GG(bcf_g);
  int i;
  (void)sig;
  bcf_fired = 1;
  for (i = 0; i < BC_FUNCF; i++) GG->dispatch[i] = bcf_stop;
}

static void bcf_timer(long ms)
{
  struct itimerval it;
  memset(&it, 0, sizeof(it));
  it.it_value.tv_sec = ms / 1000;
  it.it_value.tv_usec = (ms % 1000) * 1000;
  setitimer(ITIMER_REAL, &it, NULL);
}

static int bcf_panic(lua_State *L)
{
  fprintf(stderr, "bcfuzz: unprotected error: %s\n", lua_tostring(L, -1));
  abort();
  return 0;
}

static lua_State *bcf_newstate(void)
{
  lua_State *L = lua_newstate(bcf_alloc, NULL);
  if (L == NULL) abort();
  lua_atpanic(L, bcf_panic);
  luaL_openlibs(L);
  bcf_g = G(L);
  bcf_stop = G2GG(bcf_g)->dispatch[BC_JLOOP];
  signal(SIGALRM, bcf_alarm);
  return L;
}

static const char bcf_sandbox_src[] =
  "local G, env = ...\n"
  "for _, k in ipairs{'assert','error','ipairs','next','pairs','pcall',"
  "'rawequal','rawget','rawset','select','setmetatable','getmetatable',"
  "'tonumber','tostring','type','unpack','xpcall','collectgarbage'} do\n"
  "  env[k] = G[k] end\n"
  "for _, lib in ipairs{'string','table','math','coroutine','bit'} do\n"
  "  local t = {} for k, v in pairs(G[lib] or {}) do t[k] = v end\n"
  "  env[lib] = t end\n"
  "env.string.rep = nil\n"
  "env.print = function() end\n"
  "env._G = env\n";

/* Push a fresh sandbox environment table; 0 if that failed (out of
** memory: a mutant may have filled the state through the string
** metatable, which reaches the real string library). */
static int bcf_sandbox(lua_State *L)
{
  if (luaL_loadbuffer(L, bcf_sandbox_src, sizeof(bcf_sandbox_src) - 1,
                      "=sandbox") != 0)
    return 0;
  lua_pushvalue(L, LUA_GLOBALSINDEX);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_insert(L, -4);
  return lua_pcall(L, 2, 0, 0) == 0;
}

/* Load buf as a binary chunk; if accepted and run is set, run it in a
** sandbox under the timer. The stack is left as it was. */
static void bcf_try(lua_State *L, const char *buf, size_t len, int run,
                    BCFStats *st)
{
  int top = lua_gettop(L);
  st->tried++;
  if (luaL_loadbufferx(L, buf, len, "=mutant", "b") != 0) {
    st->rejected++;
  } else {
    st->accepted++;
    if (run) {
      if (!bcf_sandbox(L)) {
        lua_settop(L, top);
        return;
      }
      st->ran++;
      lua_setfenv(L, -2);
      bcf_fired = 0;
      bcf_timer(bcf_budget_ms);
      if (lua_pcall(L, 0, 0, 0) != 0) st->runerr++;
      bcf_timer(0);
      if (bcf_fired) {
        st->timeouts++;
        lu_dispatch_update(bcf_g);
      }
      lua_gc(L, LUA_GCRESTART, 0);  /* collectgarbage("stop") is allowed. */
    }
  }
  lua_settop(L, top);
}

#endif
