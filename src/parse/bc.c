/*
** lunar: opcode mode and name tables, generated from BCDEF.
*/
#include "../core/obj.h"
#include "bc.h"

_Static_assert(MM__MAX < 32, "metamethod index must fit in 5 bits");

const uint16_t lu_bc_mode[] = {
  BCDEF(BCMODE)
  0
};

const char *const lu_bc_names[] = {
#define BCNAME(name, ma, mb, mc, mm)  #name,
  BCDEF(BCNAME)
#undef BCNAME
  NULL
};
