/*
** lunar: fast function registry. The fast paths themselves live in the
** interpreter (src/vm/vm.c, section "Fast functions"); this file maps
** (library, name) to ids and owns the pseudo instructions.
*/
#include <string.h>

#include "ff.h"

static const char *const ff_lib[] = {
#define FFLIB(lib, name)  #lib,
  FFDEF(FFLIB, FFLIB)
#undef FFLIB
};

static const char *const ff_name[] = {
#define FFNAME(lib, name)  #name,
  FFDEF(FFNAME, FFNAME)
#undef FFNAME
};

/* One pseudo instruction per ffid: opcode BC__MAX + ffid (A = 0) when it
** fits in 8 bits, else FUNCC. */
#define FFINS(id) \
  ((BCIns)(BC__MAX + (id) <= 255 ? BC__MAX + (id) : BC_FUNCC))
static const BCIns ff_ins[FF__MAX] = {
  0, 0,
#define FFINSDEF(lib, name)  FFINS(FF_##lib##_##name),
  FFDEF(FFINSDEF, FFINSDEF)
#undef FFINSDEF
};

int lu_ff_id(const char *lib, const char *name)
{
  char lbuf[32];
  size_t i;
  if (lib == NULL || name == NULL) return 0;
  if (strcmp(lib, "_G") == 0) lib = "base";
  /* "jit.util" is listed as jit_util. */
  for (i = 0; lib[i] != '\0' && i < sizeof(lbuf) - 1; i++)
    lbuf[i] = lib[i] == '.' ? '_' : lib[i];
  lbuf[i] = '\0';
  for (i = 0; i < lu_countof(ff_name); i++)
    if (strcmp(ff_name[i], name) == 0 && strcmp(ff_lib[i], lbuf) == 0)
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
