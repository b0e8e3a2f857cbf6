/*
** lunar: tables.
**
** Layout (see GCtab in obj.h):
**
**   array[0 .. asize-1]   values for the integer keys 0 .. asize-1 (key 0
**                         included, as in LuaJIT). A nil slot is an absent
**                         key. Small arrays (up to 16 slots at creation)
**                         share the GCtab's allocation (t->colo, see
**                         tab.c); code outside tab.c only uses array/asize.
**   node[0 .. hmask]      the hash part, hmask+1 nodes (a power of two), or
**                         the shared read-only empty node lu_tab_nilnode
**                         (hmask 0) so that lookups need no NULL check.
**
** Hash part: every key has a main position (hash & hmask). Colliding keys
** are chained through Node.next starting at the main position; a key that
** sits in another key's main position without being in its own is moved
** away when that other key arrives (Lua's "main position" scheme, which
** keeps chains short even when full). Free nodes are found by a search
** downwards from freetop; when none is left, the table is rehashed: all
** keys are counted and the array part gets the largest power-of-two size
** that is more than half used (Lua 5.1), the rest goes to the hash part.
**
** Keys: numbers with an integral int32 value are "integer keys" (array part
** if in range, else stored in the hash as that double; -0 is 0); NaN and nil
** cannot be keys. A node whose value is nil keeps its key, so that clearing
** a field during a traversal does not disturb next(); such dead nodes are
** reused only when their main position is wanted again, or after a rehash.
**
** Lookups return a pointer to the value slot, or NULL (or a slot holding
** nil) when the key is absent. Stores return a writable slot, creating the
** key if needed (which may rehash, moving every slot; a new key gets its
** write barrier inside). After writing a GC value into a slot, call
** lu_tab_barrier. Every store function clears
** t->nomm, the negative metamethod cache (a key with a nil value may get a
** value back): an inlined store into an existing slot must clear it too.
*/
#ifndef LU_TAB_H
#define LU_TAB_H

#include "obj.h"
#include "gc.h"

/* The shared empty hash part (never written). */
LU_DATA Node lu_tab_nilnode[1];
LU_DATA const TValue lu_tab_nilvalue;  /* A nil, for lu_tab_get. */

/* hbits for a hash part with room for n keys (0 -> no hash part). */
LU_FUNC uint32_t lu_tab_hbits(uint32_t n);

/* New table with asize array slots (keys 0..asize-1, all nil) and 2^hbits
** hash nodes (hbits 0: no hash part). Throws LU_ERR_TABOV beyond
** LU_MAX_ASIZE / LU_MAX_HBITS. */
LU_FUNC GCtab *lu_tab_new(lua_State *L, uint32_t asize, uint32_t hbits);
/* lua_createtable(L, narr, nrec): room for keys 1..narr and nrec others. */
LU_FUNC GCtab *lu_tab_new_ah(lua_State *L, int32_t narr, int32_t nrec);
/* Copy of a template table (BC_TDUP): same shape, same contents. */
LU_FUNC GCtab *lu_tab_dup(lua_State *L, const GCtab *kt);
/* table.clear: every value becomes nil, sizes kept. */
LU_FUNC void lu_tab_clear(GCtab *t);
/* Free a table (GC sweep / state close). */
LU_FUNC void lu_tab_free(global_State *g, GCtab *t);
/* The size of the block of a table whose array is colocated (colo > 0)
** or absent, and that has no hash part: lu_tab_free of such a table is a
** single lu_mem_free of this size (the sweep's fast path). 0 otherwise. */
static LU_AINLINE size_t lu_tab_simplesize(const GCtab *t)
{
  if (t->node == lu_tab_nilnode && (t->colo > 0 || (t->colo == 0 && t->asize == 0)))
    return sizeof(GCtab) + (size_t)t->colo * sizeof(TValue);
  return 0;
}

/* Change the sizes; every key is kept. */
LU_FUNC void lu_tab_resize(lua_State *L, GCtab *t, uint32_t asize,
                           uint32_t hbits);
/* Change only the array size (hash part kept, grown if needed). */
LU_FUNC void lu_tab_reasize(lua_State *L, GCtab *t, uint32_t nasize);

/* -- Lookups: NULL (or a nil slot) when absent --------------------------- */
LU_FUNC const TValue *lu_tab_getint(GCtab *t, int32_t key);
LU_FUNC const TValue *lu_tab_getstr(GCtab *t, GCstr *key);
LU_FUNC const TValue *lu_tab_getnum(GCtab *t, double key);
/* Any key; never NULL: &lu_tab_nilvalue when absent. */
LU_FUNC const TValue *lu_tab_get(lua_State *L, GCtab *t, const TValue *key);

/* -- Stores: writable slot, key created if absent ------------------------ */
LU_FUNC TValue *lu_tab_setint(lua_State *L, GCtab *t, int32_t key);
LU_FUNC TValue *lu_tab_setstr(lua_State *L, GCtab *t, GCstr *key);
LU_FUNC TValue *lu_tab_setnum(lua_State *L, GCtab *t, double key);
/* Any key; LU_ERR_NILIDX for nil, LU_ERR_NANIDX for NaN. */
LU_FUNC TValue *lu_tab_set(lua_State *L, GCtab *t, const TValue *key);
/* Insert key, known to be absent and valid (not nil/NaN, integral numbers
** normalised by the caller or not: both work). Returns the new slot (nil). */
LU_FUNC TValue *lu_tab_newkey(lua_State *L, GCtab *t, const TValue *key);

/* -- Traversal and length ------------------------------------------------ */
/* next(): key[0] in/out (nil to start), value written to key[1]. Returns 1
** with the next pair, 0 at the end; throws LU_ERR_NEXTIDX for a key that
** is not in the table. Order: array part, then hash nodes; stable while
** existing fields are assigned or cleared. */
LU_FUNC int lu_tab_next(lua_State *L, GCtab *t, TValue *key);
/* The same traversal by position, for an interpreter that keeps the
** position in the hidden control slot instead of the last key (saves the
** key lookup of next()): *idx is 0 to start, then whatever the previous
** call left. Writes kv[0] = key, kv[1] = value and returns 1, or returns 0
** at the end. Never fails; a rehash during the traversal (new keys, which
** Lua leaves undefined) can skip or repeat keys but stays memory-safe.
** Inline: the interpreter's ITERN runs it for every step of pairs(). */
static LU_AINLINE int lu_tab_iternext(GCtab *t, uint32_t *idx,
                                      TValue *kv)
{
  uint32_t i = *idx;
  for (; i < t->asize; i++) {
    if (!tvisnil(&t->array[i])) {
      setnumV(&kv[0], (double)i);
      kv[1] = t->array[i];
      *idx = i + 1;
      return 1;
    }
  }
  for (i -= t->asize; i <= t->hmask; i++) {
    Node *n = &t->node[i];
    if (!tvisnil(&n->val)) {
      kv[0] = n->key;
      kv[1] = n->val;
      *idx = t->asize + i + 1;
      return 1;
    }
  }
  *idx = t->asize + t->hmask + 1;
  return 0;
}

/* A border of t (Lua 5.1 #): array-size hint, then binary search. */
LU_FUNC MSize lu_tab_len(GCtab *t);

/* -- Fast paths for the interpreter --------------------------------------
** lu_tab_arrayslot: the array slot of integer key k, or NULL if k is not
** inside the array part (k is any integer type, compared unsigned).
** lu_tab_getstr_fast: string-key lookup inlined into the caller.
*/
#define lu_tab_inarray(t, k)   ((uint32_t)(k) < (t)->asize)
#define lu_tab_arrayslot(t, k) \
  (lu_tab_inarray((t), (k)) ? &(t)->array[(uint32_t)(k)] : (TValue *)NULL)
#define lu_tab_strnode(t, s)   (&(t)->node[(s)->hash & (t)->hmask])

static LU_AINLINE const TValue *lu_tab_getstr_fast(GCtab *t, GCstr *s)
{
  Node *n = lu_tab_strnode(t, s);
  uint64_t want = (uint64_t)(uintptr_t)s | ((uint64_t)LU_TSTR << 47);
  do {
    if (n->key.u64 == want) return &n->val;
    n = n->next;
  } while (n);
  return NULL;
}

/* Write barrier after storing v into table t: a black table that now
** points to a white value turns gray again (backward barrier, gc.h). */
#define lu_tab_barrier(L, t, v)   lu_gc_barriert((L), (t), (v))

#endif
