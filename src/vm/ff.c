/*
** lunar: fast function registry. The fast paths themselves live in the
** interpreter (src/vm/vm.c, section "Fast functions"); this file maps
** (library, name) to ids and owns the pseudo instructions.
*/
#include <string.h>

#include "ff.h"

static const char *const ff_lib[] = {
#define FFLIB(lib, name)  #lib,
  FFDEF(FFLIB)
#undef FFLIB
};

static const char *const ff_name[] = {
#define FFNAME(lib, name)  #name,
  FFDEF(FFNAME)
#undef FFNAME
};

/* One pseudo instruction per ffid: opcode BC__MAX + ffid, A = 0. */
static const BCIns ff_ins[FF__MAX] = {
  0, 0,
#define FFINS(lib, name)  (BCIns)(BC__MAX + FF_##lib##_##name),
  FFDEF(FFINS)
#undef FFINS
};

int lu_ff_id(const char *lib, const char *name)
{
  size_t i;
  if (lib == NULL || name == NULL) return 0;
  if (strcmp(lib, "_G") == 0) lib = "base";
  for (i = 0; i < lu_countof(ff_name); i++)
    if (strcmp(ff_name[i], name) == 0 && strcmp(ff_lib[i], lib) == 0)
      return FF_FIRST + (int)i;
  return 0;
}

const BCIns *lu_ff_pc(int ffid)
{
  return &ff_ins[ffid];
}

void lu_ff_mark(GCfunc *fn, int ffid)
{
  if (ffid >= FF_FIRST && ffid < FF__MAX && iscfunc(fn)) {
    fn->c.ffid = (uint8_t)ffid;
    fn->c.pc = &ff_ins[ffid];
  }
}
