/*
** lunar: interned strings.
**
** Every string is interned: equal byte sequences are the same GCstr, so
** string equality is pointer equality. The string table g->strhash has
** strmask+1 chain anchors (power of two); strings chain through their
** GCHeader.nextgc link. Strings are NOT on gc.root: the GC sweeps the
** string table chains itself (g->gc.sweepstr) and frees dead strings with
** lu_str_free, which unlinks nothing.
**
** The hash is keyed with g->strseed (random per state) and reads all the
** bytes, so a script cannot build colliding keys to make interning or table
** lookups quadratic.
*/
#ifndef LU_STR_H
#define LU_STR_H

#include "obj.h"

/* Allocation size of a string of len bytes (header + bytes + NUL). */
#define lu_str_size(len)   (sizeof(GCstr) + (size_t)(len) + 1)

/* Intern s[0..len-1] (may contain NULs); throws on out of memory or
** len > LU_MAX_STR ("string length overflow"). */
LU_FUNC GCstr *lu_str_new(lua_State *L, const char *s, size_t len);
LU_FUNC GCstr *lu_str_newz(lua_State *L, const char *s);
#define lu_str_newlit(L, s)  lu_str_new((L), "" s, sizeof(s) - 1)

/* Allocate the initial string table (LU_MIN_STRTAB anchors). */
LU_FUNC void lu_str_init(lua_State *L);
/* Rehash to newmask+1 anchors (power of two). Silently keeps the old table
** if the allocation fails. The GC may call it to shrink. */
LU_FUNC void lu_str_resize(lua_State *L, MSize newmask);
/* Free one string (GC sweep; the caller unlinks it). Updates g->strnum. */
LU_FUNC void lu_str_free(global_State *g, GCstr *s);
/* Free every string and the table itself (lu_state_close). */
LU_FUNC void lu_str_freeall(global_State *g);
/* Compare like memcmp over the common prefix, then by length: <0, 0, >0. */
LU_FUNC int lu_str_cmp(GCstr *a, GCstr *b);
/* The keyed hash, exposed for tests and for the table code. */
LU_FUNC uint32_t lu_str_hash(uint64_t seed, const char *s, size_t len);

/* A string's hash, for table lookups. */
#define lu_str_hashof(s)   ((s)->hash)

#endif
