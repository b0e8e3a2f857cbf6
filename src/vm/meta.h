/*
** lunar: metamethod lookup and the C-level metamethod operations.
**
** lu_meta_lookup/lu_meta_getmt and the lu_vm_gettable ... lu_vm_lessequal
** operations are declared in vm.h (the C API and libraries use them). This
** header adds what the interpreter's slow paths need on top of that.
*/
#ifndef LU_META_H
#define LU_META_H

#include "vm.h"

/* Negative-cached lookup of a fast metamethod (mm < MM_FAST) in metatable
** mt (may be NULL): NULL when absent. Sets mt->nomm on a miss. */
#define lu_meta_fast(L, mt, mm) \
  ((mt) == NULL || ((mt)->nomm & (1u << (mm))) ? (const TValue *)NULL : \
   lu_meta_cache((mt), (mm), G(L)->gcname[(mm)]))

/* Uncached part of lu_meta_fast. */
LU_FUNC const TValue *lu_meta_cache(GCtab *mt, MMS mm, GCstr *name);

/* Raw equality (no metamethods): same value, numbers by value. */
LU_FUNC int lu_meta_rawequal(const TValue *a, const TValue *b);

/* Arithmetic on two numbers for event mm (MM_add .. MM_unm). */

/* Compare two values with the Lua 5.1 rules; op is MM_lt or MM_le. */
LU_FUNC int lu_meta_compare(lua_State *L, const TValue *a, const TValue *b,
                            MMS mm);

#endif
