/*
** lunar: helpers shared by the standard libraries in src/lib.
**
** Libraries are written against the public C API (lua.h, lauxlib.h) plus
** this header. lu_lib_register is luaL_register with one addition: each C
** function that the interpreter implements as a fast function (an entry
** of the dispatch table past the last opcode, see src/vm/ff.h) is marked
** with its fast-function id, so a call to it is a jump inside the VM.
*/
#ifndef LU_LIB_H
#define LU_LIB_H

#include "../core/def.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"

/* Like luaL_register(L, libname, l): creates or reuses the table
** _LOADED[libname] (and the global libname; libname NULL: the table at the
** top of the stack), stores every function of l in it and leaves the table
** on the stack. Functions with a fast-function id for (libname, name) are
** marked as fast functions. The base library uses libname "_G". */
LU_FUNC void lu_lib_register(lua_State *L, const char *libname,
                             const luaL_Reg *l);

/* Mark the C function at the top of the stack as the fast function of
** (libname, name) if the VM has one; otherwise do nothing. */
LU_FUNC void lu_lib_markff(lua_State *L, const char *libname,
                          const char *name);

/* Open the coroutine library (src/lib/coroutine.c); called by
** luaopen_base, as in LuaJIT. Leaves the coroutine table on the stack. */
LU_FUNC int lu_open_coroutine(lua_State *L);

/* FFI helpers for the string library and string.buffer (defined in
** src/lib/ffi.c; idx > 0 is a stack slot of the running C function):
** lu_ffi_int64bits: 1 and the 64 bits (and whether unsigned) of an
**   int64_t/uint64_t cdata, else 0 (string.format's %d, serialization);
** lu_ffi_pushint64: push a new int64_t/uint64_t cdata;
** lu_ffi_pushbytes: push a new uint8_t * cdata;
** lu_ffi_address: 1 and the address held (pointers) or occupied (arrays,
**   structs) by a cdata, else 0. */
LU_FUNC int lu_ffi_int64bits(lua_State *L, int idx, uint64_t *bits,
                             int *isunsigned);
LU_FUNC void lu_ffi_pushint64(lua_State *L, uint64_t bits, int isunsigned);
LU_FUNC void lu_ffi_pushbytes(lua_State *L, void *p);
LU_FUNC int lu_ffi_address(lua_State *L, int idx, void **p);

#endif
