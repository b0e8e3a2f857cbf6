/*
** lunar: full userdata. The payload of len bytes follows the GCudata
** header, 16-byte aligned (uddata(u)). A userdata whose metatable has a
** __gc field is finalized by the GC (see gc.h).
*/
#ifndef LU_UDATA_H
#define LU_UDATA_H

#include "obj.h"

_Static_assert(sizeof(GCudata) % 16 == 0, "userdata payload must be 16-aligned");

/* Userdata with sz payload bytes (uninitialised), no metatable, env given
** (normally the current function's environment). Throws "not enough
** memory", or "userdata length overflow" when sz > LU_MAX_STR. */
LU_FUNC GCudata *lu_udata_new(lua_State *L, MSize sz, GCtab *env);
LU_FUNC void lu_udata_free(global_State *g, GCudata *ud);

#define lu_udata_size(ud)   (sizeof(GCudata) + (ud)->len)

#endif
