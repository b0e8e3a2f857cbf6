/*
** lunar: fast function ids (see ffdef.h) and the pseudo instructions that
** a fast function's closure pc points to.
*/
#ifndef LU_FF_H
#define LU_FF_H

#include "../core/obj.h"
#include "../parse/bc.h"
#include "../core/state.h"
#include "ffdef.h"

#define FF_FIRST  (FF_C + 1)

typedef enum {
  FF_LUA_ = FF_LUA, FF_C_ = FF_C,
#define FFENUM(lib, name)  FF_##lib##_##name,
  FFDEF(FFENUM, FFENUM)
#undef FFENUM
  FF__MAX
} FastFunc;

_Static_assert(FF_base_assert == FF_FIRST, "ffid numbering");
_Static_assert(FF__MAX <= LU_MAX_FF, "fast function ids fit the dispatch table");
_Static_assert(FF_base_print == 29 && FF_string_format == 89 &&
               FF_jit_profile_dumpstack == 163 && FF_ffi_load == 203 &&
               FF_buffer_method___len == 219 && FF_buffer_new == 220 &&
               FF_buffer_decode == 222, "LuaJIT's builtin ids");

/* The fast function id of (lib, name) (lib "_G" for the base library), or
** 0 if the VM has no fast function for it. *hint is where the search
** starts and is left after a match (any value is valid; see ff.c). */
LU_FUNC int lu_ff_id(const char *lib, const char *name, uint32_t *hint);

/* The pseudo instruction for ffid that the closure's pc points to: opcode
** BC__MAX + ffid when that fits in the 8-bit opcode field, else FUNCC
** (whose handler dispatches on the closure's ffid). */
LU_FUNC const BCIns *lu_ff_pc(int ffid);

/* Mark C closure fn as fast function ffid (sets ffid and pc). */
LU_FUNC void lu_ff_mark(GCfunc *fn, int ffid);

#endif
