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

#define LU_MIN_VECSZ  8   /* Smallest vector that lu_mem_grow allocates. */

/* Resize block p from osz to nsz bytes (p NULL/osz 0: allocate; nsz 0:
** free, returns NULL). Throws "not enough memory" on failure, leaving p
** untouched. */
LU_FUNC void *lu_mem_realloc(lua_State *L, void *p, size_t osz, size_t nsz);
/* Like lu_mem_realloc, but returns NULL on failure instead of throwing
** (for callers that must undo work first). */
LU_FUNC void *lu_mem_tryrealloc(global_State *g, void *p, size_t osz,
                                size_t nsz);
/* Allocate sz bytes (uninitialised). */
LU_FUNC void *lu_mem_new(lua_State *L, size_t sz);
/* Free a block of sz bytes (p may be NULL). */
LU_FUNC void lu_mem_free(global_State *g, void *p, size_t sz);
/* Grow a vector of esz-byte elements: doubles *szp (at least LU_MIN_VECSZ,
** at most lim) and updates *szp; throws "not enough memory" if *szp is
** already lim (callers that want a specific message check lim first). */
LU_FUNC void *lu_mem_grow(lua_State *L, void *p, MSize *szp, MSize lim,
                          size_t esz);
/* Allocate a GC object of size bytes, link it into gc.root, mark it with
** the current white. The caller sets gct and the payload. */
LU_FUNC GCobj *lu_mem_newgco(lua_State *L, size_t size);

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
