/*
** lunar: the default allocator (used by luaL_newstate).
**
** Small blocks come from per-size-class free lists carved out of 64 KB
** chunks; the Lua allocator protocol passes the old size on every call, so
** blocks need no headers. Large blocks go to the C library. An arena
** belongs to one state and is destroyed with it (lu_state_close).
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

#endif
