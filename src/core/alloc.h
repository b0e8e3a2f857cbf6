/*
** lunar: the default allocator (used by luaL_newstate).
**
** Small blocks come from per-size-class free lists carved out of 64 KB
** chunks; the Lua allocator protocol passes the old size on every call, so
** blocks need no headers. Large blocks go to the C library. An arena
** belongs to one state and is destroyed with it (lu_state_close).
**
** The free lists are queues with two ends; allocation takes the head.
**   - The GC's sweep of gc.root appends what it frees at the tail
**     (lu_alloc_fastput): the blocks are handed out again in the order of
**     the sweep, so the next sweep (which walks objects in reverse
**     allocation order) meets them at neighbouring addresses again, and
**     both the allocator and the sweep walk memory in long runs that the
**     CPU's prefetcher follows. With a LIFO stack each sweep step's batch
**     is interleaved with the leftovers of older ones; after a few cycles
**     the list order is scattered, every sweep step and every allocation
**     misses the cache, and binarytrees ran 2.2x slower (the same
**     instruction count, the same simulated miss count: the difference is
**     only which misses the prefetcher can hide).
**   - Every other free (lu_mem_free: strings swept chain by chain, which is
**     hash order, vectors, stacks, buffers) pushes at the head
**     (lu_alloc_fastpush): such blocks come in no useful address order,
**     and reusing the one just freed, still in the cache, is what pays
**     (string.format-heavy code ran 25% slower with these at the tail).
*/
#ifndef LU_ALLOC_H
#define LU_ALLOC_H

#include "def.h"

/* Create an arena (NULL if out of memory) and destroy it with everything
** still allocated from it. */
LU_FUNC void *lu_alloc_create(void);
LU_FUNC void lu_alloc_destroy(void *arena);
/* The lua_Alloc function; ud is the arena. */
LU_FUNC void *lu_alloc_f(void *ud, void *ptr, size_t osize, size_t nsize);

/* -- Arena layout and inline fast paths ----------------------------------
** mem.c calls these directly when the state uses lu_alloc_f, skipping the
** indirect call for the common case: a small block whose free list is not
** empty. They decline (NULL / 0) in every other case, and the caller then
** goes through lu_alloc_f as usual. */

#define LU_ALLOC_GRAIN      16
#define LU_ALLOC_SMALL_MAX  512
#define LU_ALLOC_NCLASS     (LU_ALLOC_SMALL_MAX / LU_ALLOC_GRAIN)
#define lu_alloc_class(sz)  (((sz) - 1) / LU_ALLOC_GRAIN)

typedef struct LuAllocFree {
  struct LuAllocFree *next;
} LuAllocFree;

typedef struct LuArena {
  LuAllocFree *free[LU_ALLOC_NCLASS];  /* Free queue per class (16*(i+1)): */
  LuAllocFree *last[LU_ALLOC_NCLASS];  /* its head and last block (or NULL). */
  char *cur, *end;                     /* Unused tail of the newest chunk. */
  struct LuAllocChunk *chunks;
} LuArena;

/* A block of sz (1..LU_ALLOC_SMALL_MAX) bytes from a free list or the
** current chunk's tail, or NULL (then call lu_alloc_f). */
static LU_AINLINE void *lu_alloc_fastget(void *ud, size_t sz)
{
  LuArena *a = (LuArena *)ud;
  size_t c = lu_alloc_class(sz);
  LuAllocFree *f = a->free[c];
  if (LU_LIKELY(f != NULL)) {
    LuAllocFree *next = f->next;
    a->free[c] = next;
    if (next == NULL) a->last[c] = NULL;  /* Queue now empty. */
    else __builtin_prefetch(next, 1);
    return f;
  } else {
    size_t bsz = (c + 1) * LU_ALLOC_GRAIN;
    if (LU_LIKELY((size_t)(a->end - a->cur) >= bsz)) {
      void *p = a->cur;
      a->cur += bsz;
      return p;
    }
  }
  return NULL;
}

/* Give back a small block (sz 1..LU_ALLOC_SMALL_MAX) at the head of the
** queue of its class: the next allocation of that class reuses it while
** it is still in the cache. For frees in no particular address order. */
static LU_AINLINE void lu_alloc_fastpush(void *ud, void *p, size_t sz)
{
  LuArena *a = (LuArena *)ud;
  size_t c = lu_alloc_class(sz);
  LuAllocFree *f = (LuAllocFree *)p;
  f->next = a->free[c];
  if (f->next == NULL) a->last[c] = f;
  a->free[c] = f;
}

/* Give back a small block (sz 1..LU_ALLOC_SMALL_MAX) at the tail of the
** queue of its class (FIFO, see the top of this file): for the sweep of
** gc.root, whose order is the heap's allocation order. */
static LU_AINLINE void lu_alloc_fastput(void *ud, void *p, size_t sz)
{
  LuArena *a = (LuArena *)ud;
  size_t c = lu_alloc_class(sz);
  LuAllocFree *f = (LuAllocFree *)p;
  f->next = NULL;
  if (a->last[c] != NULL) a->last[c]->next = f;
  else a->free[c] = f;
  a->last[c] = f;
}

#endif
