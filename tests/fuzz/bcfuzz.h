/*
** lunar: shared code of the bytecode loader fuzzers (bcmut.c, the mutation
** test, and fuzz_load_bc.c, the libFuzzer target).
**
** bcf_try() loads one candidate chunk in binary mode. A chunk the loader
** accepts is then run, protected, in a sandbox environment (no io, os,
** debug, load*, setfenv/getfenv; print discards its output) when it is
** certain to terminate: the interpreter has no instruction-count hooks, so
** only chunks with no backward jump, no tail call and no generic-for loop
** in any prototype are run (recursion ends in a stack overflow error).
** The state's allocator has a hard limit, so a chunk asking for a huge
** table gets "not enough memory", not the machine's memory.
*/
#ifndef BCFUZZ_H
#define BCFUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/api/lua.h"
#include "../../src/api/lauxlib.h"
#include "../../src/api/lualib.h"
#include "../../src/core/obj.h"
#include "../../src/parse/bc.h"

#define BCF_MEMLIMIT  ((size_t)256 << 20)

typedef struct BCFStats {
  unsigned long tried, rejected, accepted, ran, runerr;
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

static int bcf_panic(lua_State *L)
{
  (void)L;
  abort();
  return 0;
}

static lua_State *bcf_newstate(void)
{
  lua_State *L = lua_newstate(bcf_alloc, NULL);
  if (L == NULL) abort();
  lua_atpanic(L, bcf_panic);
  luaL_openlibs(L);
  return L;
}

/* Does any prototype reachable from pt loop (backward jump, tail call,
** generic for)? Such chunks are loaded but not run. */
static int bcf_mayloop(GCproto *pt)
{
  MSize pc, i;
  for (pc = 1; pc < pt->sizebc; pc++) {
    BCIns ins = proto_bc(pt)[pc];
    BCOp op = bc_op(ins);
    if (op == BC_CALLT || op == BC_CALLMT || op == BC_ITERC ||
        op == BC_ITERN || op == BC_ITERL)
      return 1;
    if (op < BC__MAX && bcmode_hasd(op) && bcmode_d(op) == BCMjump &&
        bc_j(ins) < 0)
      return 1;
  }
  for (i = 0; i < pt->sizekgc; i++) {
    GCobj *o = proto_kgc(pt, i);
    if (o->gch.gct == LU_GCT_PROTO && bcf_mayloop(&o->pt)) return 1;
  }
  return 0;
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

/* Push a fresh sandbox environment table. */
static void bcf_sandbox(lua_State *L)
{
  if (luaL_loadbuffer(L, bcf_sandbox_src, sizeof(bcf_sandbox_src) - 1,
                      "=sandbox") != 0)
    abort();
  lua_pushvalue(L, LUA_GLOBALSINDEX);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_insert(L, -4);
  if (lua_pcall(L, 2, 0, 0) != 0) abort();
}

/* Load buf as a binary chunk; run it in a sandbox if accepted and sure to
** terminate. The stack is left as it was. */
static void bcf_try(lua_State *L, const char *buf, size_t len, int run,
                    BCFStats *st)
{
  int top = lua_gettop(L);
  st->tried++;
  if (luaL_loadbufferx(L, buf, len, "=mutant", "b") != 0) {
    st->rejected++;
  } else {
    st->accepted++;
    if (run && !bcf_mayloop(funcproto(funcV(L->top - 1)))) {
      st->ran++;
      bcf_sandbox(L);
      lua_setfenv(L, -2);
      if (lua_pcall(L, 0, 0, 0) != 0) st->runerr++;
    }
  }
  lua_settop(L, top);
}

#endif
