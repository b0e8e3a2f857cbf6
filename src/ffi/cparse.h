/*
** lunar FFI: the C declaration parser.
**
** Two entry points share one recursive-descent parser: ffi.cdef parses a
** sequence of declarations (typedefs, struct/union/enum definitions,
** extern functions and variables, static const integers) into the type
** table; ffi.typeof/new/cast parse one abstract type ("int *", "struct s
** [?]", "int (*)(int)"). '$' in a type stands for the next extra argument
** (a ctype or cdata: its type; a number: a constant; a string: a name).
** Errors are Lua errors in LuaJIT's wording ("';' expected near 'y'").
*/
#ifndef LU_FFI_CPARSE_H
#define LU_FFI_CPARSE_H

#include "ctype.h"

/* Parse declarations (ffi.cdef). */
LU_FUNC void lu_cparse_cdef(lua_State *L, CTState *cts, GCstr *src);
/* Parse one abstract type; params: the stack slots of '$' values. */
LU_FUNC CTypeID lu_cparse_type(lua_State *L, CTState *cts, GCstr *src,
                               int paramidx, int nparams);

#endif
