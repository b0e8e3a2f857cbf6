/*
** lunar: memory management (see mem.h).
*/
#include "mem.h"
#include "err.h"

/* Raw reallocation through the embedder's allocator, with accounting. On
** failure returns NULL and leaves p and the accounting untouched. */
static void *mem_try(global_State *g, void *p, size_t osz, size_t nsz)
{
  void *np = g->allocf(g->allocd, p, osz, nsz);
  if (np == NULL && nsz > 0) return NULL;
  g->gc.total = g->gc.total - osz + nsz;
  return np;
}

void *lu_mem_realloc(lua_State *L, void *p, size_t osz, size_t nsz)
{
  global_State *g = G(L);
  if (p == NULL) osz = 0;
  void *np = mem_try(g, p, osz, nsz);
  if (LU_UNLIKELY(np == NULL && nsz > 0)) lu_err_mem(L);
  return nsz > 0 ? np : NULL;
}

void *lu_mem_new_slow(lua_State *L, size_t sz)
{
  return lu_mem_realloc(L, NULL, 0, sz);
}

void lu_mem_free_slow(global_State *g, void *p, size_t sz)
{
  if (p == NULL) return;
  g->allocf(g->allocd, p, sz, 0);
  g->gc.total -= sz;
}

void *lu_mem_grow(lua_State *L, void *p, MSize *szp, MSize lim, size_t esz)
{
  MSize osz = *szp;
  MSize nsz;
  if (LU_UNLIKELY(osz >= lim)) lu_err_mem(L);
  nsz = osz < LU_MIN_VECSZ ? LU_MIN_VECSZ : osz > lim / 2 ? lim : osz * 2;
  if (nsz > lim) nsz = lim;
  p = lu_mem_realloc(L, p, (size_t)osz * esz, (size_t)nsz * esz);
  *szp = nsz;
  return p;
}

GCobj *lu_mem_newgco_slow(lua_State *L, size_t size)
{
  global_State *g = G(L);
  GCobj *o = (GCobj *)lu_mem_realloc(L, NULL, 0, size);
  o->gch.nextgc = g->gc.root;
  o->gch.marked = lu_mem_curwhite(g);
  g->gc.root = o;
  return o;
}

void *lu_mem_tryrealloc(global_State *g, void *p, size_t osz, size_t nsz)
{
  if (p == NULL) osz = 0;
  return mem_try(g, p, osz, nsz);
}
