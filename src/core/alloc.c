/*
** lunar: the default allocator (see alloc.h).
**
** Size classes are multiples of 16 bytes up to ALLOC_SMALL_MAX. A free
** block of a class holds the link to the next free block of that class
** (a queue with two ends: see alloc.h for why the order matters).
** Chunks are never returned to the C library before the arena is
** destroyed: freed blocks are reused by later allocations of their class,
** which is what a garbage-collected heap mostly does.
**
** Sanitizer builds use the C library for everything, so that ASan and
** valgrind see every block.
*/
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define ALLOC_SYSTEM 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOC_SYSTEM 1
#endif
#endif
#ifdef LUNAR_SYSTEM_MALLOC
#undef ALLOC_SYSTEM
#define ALLOC_SYSTEM 1
#endif
#ifndef ALLOC_SYSTEM
#define ALLOC_SYSTEM 0
#endif

#define ALLOC_GRAIN       LU_ALLOC_GRAIN
#define ALLOC_SMALL_MAX   LU_ALLOC_SMALL_MAX
#define ALLOC_NCLASS      LU_ALLOC_NCLASS
#define ALLOC_CHUNK       (64 * 1024)

typedef LuAllocFree AllocFree;
typedef LuArena Arena;

typedef struct LuAllocChunk {
  struct LuAllocChunk *next;
  size_t pad;            /* Keeps the payload 16-byte aligned. */
} AllocChunk;

#define alloc_class(sz)  lu_alloc_class(sz)

/* A small block: the inline fast path (alloc.h), else a fresh chunk. */
static void *alloc_small(Arena *a, size_t sz)
{
  size_t bsz = (alloc_class(sz) + 1) * ALLOC_GRAIN;
  AllocChunk *ch;
  char *p = (char *)lu_alloc_fastget(a, sz);
  if (LU_LIKELY(p != NULL)) return p;
  /* Give the chunk's unused tail to the free lists, then refill. */
  while ((size_t)(a->end - a->cur) >= ALLOC_GRAIN) {
    size_t tail = (size_t)(a->end - a->cur);
    size_t tc = alloc_class(tail > ALLOC_SMALL_MAX ? ALLOC_SMALL_MAX : tail);
    size_t tsz = (tc + 1) * ALLOC_GRAIN;
    if (tsz > tail) { tc--; tsz -= ALLOC_GRAIN; }
    lu_alloc_fastput(a, a->cur, tsz);
    a->cur += tsz;
  }
  ch = (AllocChunk *)malloc(ALLOC_CHUNK);
  if (ch == NULL) return NULL;
  ch->next = a->chunks;
  a->chunks = ch;
  a->cur = (char *)(ch + 1);
  a->end = (char *)ch + ALLOC_CHUNK;
  p = a->cur;
  a->cur += bsz;
  return p;
}

#define alloc_free_small(a, p, sz)  lu_alloc_fastpush((a), (p), (sz))

void *lu_alloc_f(void *ud, void *ptr, size_t osize, size_t nsize)
{
  Arena *a = (Arena *)ud;
  if (ALLOC_SYSTEM || a == NULL) {
    if (nsize == 0) {
      free(ptr);
      return NULL;
    }
    return realloc(ptr, nsize);
  }
  if (ptr == NULL) osize = 0;
  if (nsize == 0) {
    if (ptr != NULL) {
      if (osize <= ALLOC_SMALL_MAX) alloc_free_small(a, ptr, osize);
      else free(ptr);
    }
    return NULL;
  }
  if (nsize <= ALLOC_SMALL_MAX) {
    void *np;
    if (ptr != NULL && osize <= ALLOC_SMALL_MAX &&
        alloc_class(osize) == alloc_class(nsize))
      return ptr;  /* Same class: nothing to do. */
    np = alloc_small(a, nsize);
    if (np == NULL) return NULL;
    if (ptr != NULL) {
      memcpy(np, ptr, osize < nsize ? osize : nsize);
      if (osize <= ALLOC_SMALL_MAX) alloc_free_small(a, ptr, osize);
      else free(ptr);
    }
    return np;
  }
  if (ptr != NULL && osize <= ALLOC_SMALL_MAX) {  /* Small to large. */
    void *np = malloc(nsize);
    if (np == NULL) return NULL;
    memcpy(np, ptr, osize);
    alloc_free_small(a, ptr, osize);
    return np;
  }
  return realloc(ptr, nsize);  /* Large to large (or new large). */
}

void *lu_alloc_create(void)
{
  Arena *a;
  if (ALLOC_SYSTEM) return NULL;  /* lu_alloc_f then uses malloc. */
  a = (Arena *)calloc(1, sizeof(Arena));
  return a;
}

void lu_alloc_destroy(void *arena)
{
  Arena *a = (Arena *)arena;
  AllocChunk *ch, *next;
  if (a == NULL) return;
  for (ch = a->chunks; ch != NULL; ch = next) {
    next = ch->next;
    free(ch);
  }
  free(a);
}
