/*
** lunar: fast function ids (see ffdef.h) and the pseudo instructions that
** a fast function's closure pc points to.
*/
#ifndef LU_FF_H
#define LU_FF_H

#include "../core/obj.h"
#include "../parse/bc.h"
#include "ffdef.h"

#define FF_FIRST  (FF_C + 1)

typedef enum {
  FF_LUA_ = FF_LUA, FF_C_ = FF_C,
#define FFENUM(lib, name)  FF_##lib##_##name,
  FFDEF(FFENUM)
#undef FFENUM
  FF__MAX
} FastFunc;

_Static_assert(FF_base_assert == FF_FIRST, "ffid numbering");
_Static_assert(BC__MAX + FF__MAX <= 256, "fast function opcodes fit in 8 bits");

/* The fast function id of (lib, name) (lib "_G" for the base library), or
** 0 if the VM has no fast function for it. */
LU_FUNC int lu_ff_id(const char *lib, const char *name);

/* The pseudo instruction for ffid (opcode BC__MAX + ffid) that the
** closure's pc must point to. */
LU_FUNC const BCIns *lu_ff_pc(int ffid);

/* Mark C closure fn as fast function ffid (sets ffid and pc). */
LU_FUNC void lu_ff_mark(GCfunc *fn, int ffid);

#endif
