/*
** lunar: memory management. Every byte lunar allocates goes through
** G(L)->allocf (the embedder's lua_Alloc), via the functions below, which
** keep G(L)->gc.total exact (collectgarbage("count") and the allocation
** failure tests depend on it). An allocation failure throws "not enough
** memory" (lu_err_mem); freeing never fails.
**
** GC objects are allocated with lu_mem_newgco, which links them into
** G(L)->gc.root with the current white. Strings are the exception: they
** live in the string table chains (see str.h) and are not on gc.root.
*/
#ifndef LU_MEM_H
#define LU_MEM_H

#include "obj.h"
#include "gc.h"
#include "alloc.h"

#define LU_MIN_VECSZ  8   /* Smallest vector that lu_mem_grow allocates. */

/* Resize block p from osz to nsz bytes (p NULL/osz 0: allocate; nsz 0:
** free, returns NULL). Throws "not enough memory" on failure, leaving p
** untouched. */
LU_FUNC void *lu_mem_realloc(lua_State *L, void *p, size_t osz, size_t nsz);
/* Like lu_mem_realloc, but returns NULL on failure instead of throwing
** (for callers that must undo work first). */
LU_FUNC void *lu_mem_tryrealloc(global_State *g, void *p, size_t osz,
                                size_t nsz);
/* Out-of-line halves of lu_mem_new / lu_mem_free / lu_mem_newgco (the
** general case, through g->allocf). */
LU_FUNC void *lu_mem_new_slow(lua_State *L, size_t sz);
LU_FUNC void lu_mem_free_slow(global_State *g, void *p, size_t sz);
LU_FUNC GCobj *lu_mem_newgco_slow(lua_State *L, size_t size);

/* The state uses lunar's own allocator (lu_alloc_f with an arena): small
** blocks take the inline fast paths of alloc.h instead of the indirect
** call. Sanitizer builds have no arena (allocd NULL). */
#define lu_mem_fastarena(g) \
  ((g)->allocf == lu_alloc_f && (g)->allocd != NULL)

/* Allocate sz bytes (uninitialised). */
static LU_AINLINE void *lu_mem_new(lua_State *L, size_t sz)
{
  global_State *g = G(L);
  if (LU_LIKELY(sz - 1 < LU_ALLOC_SMALL_MAX) && lu_mem_fastarena(g)) {
    void *p = lu_alloc_fastget(g->allocd, sz);
    if (LU_LIKELY(p != NULL)) {
      g->gc.total += sz;
      return p;
    }
  }
  return lu_mem_new_slow(L, sz);
}

/* Free a block of sz bytes (p may be NULL). */
static LU_AINLINE void lu_mem_free(global_State *g, void *p, size_t sz)
{
  if (LU_LIKELY(p != NULL && sz - 1 < LU_ALLOC_SMALL_MAX) &&
      lu_mem_fastarena(g)) {
    lu_alloc_fastpush(g->allocd, p, sz);
    g->gc.total -= sz;
  } else {
    lu_mem_free_slow(g, p, sz);
  }
}
/* Grow a vector of esz-byte elements: doubles *szp (at least LU_MIN_VECSZ,
** at most lim) and updates *szp; throws "not enough memory" if *szp is
** already lim (callers that want a specific message check lim first). */
LU_FUNC void *lu_mem_grow(lua_State *L, void *p, MSize *szp, MSize lim,
                          size_t esz);
/* Allocate a GC object of size bytes, link it into gc.root, mark it with
** the current white. The caller sets gct and the payload. */
static LU_AINLINE GCobj *lu_mem_newgco(lua_State *L, size_t size)
{
  global_State *g = G(L);
  if (LU_LIKELY(size - 1 < LU_ALLOC_SMALL_MAX) && lu_mem_fastarena(g)) {
    GCobj *o = (GCobj *)lu_alloc_fastget(g->allocd, size);
    if (LU_LIKELY(o != NULL)) {
      g->gc.total += size;
      o->gch.nextgc = g->gc.root;
      o->gch.marked = (uint8_t)curwhite(g);
      g->gc.root = o;
      return o;
    }
  }
  return lu_mem_newgco_slow(L, size);
}

#define lu_mem_newobj(L, t)      ((t *)lu_mem_newgco((L), sizeof(t)))
#define lu_mem_newvec(L, n, t)   ((t *)lu_mem_new((L), (size_t)(n) * sizeof(t)))
#define lu_mem_freevec(g, p, n, t) \
  lu_mem_free((g), (p), (size_t)(n) * sizeof(t))
#define lu_mem_reallocvec(L, p, on, n, t) \
  ((p) = (t *)lu_mem_realloc((L), (p), (size_t)(on) * sizeof(t), \
                             (size_t)(n) * sizeof(t)))
#define lu_mem_growvec(L, p, szp, lim, t) \
  ((p) = (t *)lu_mem_grow((L), (p), (szp), (lim), sizeof(t)))

/* The current white, as stored in GCHeader.marked of new objects (the
** colour bits belong to the GC, see gc.h). */
#define lu_mem_curwhite(g)   ((uint8_t)curwhite(g))

#endif
