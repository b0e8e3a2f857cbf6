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

int lu_ff_id(const char *lib, const char *name, uint32_t *hint)
{
  char lbuf[32];
  size_t i, n = lu_countof(ff_name);
  if (lib == NULL || name == NULL) return 0;
  if (strcmp(lib, "_G") == 0) lib = "base";
  /* "jit.util" is listed as jit_util. */
  for (i = 0; lib[i] != '\0' && i < sizeof(lbuf) - 1; i++)
    lbuf[i] = lib[i] == '.' ? '_' : lib[i];
  lbuf[i] = '\0';
  /* Called for every library function at state creation, mostly for the
  ** same library as the previous call: first scan the run of entries of
  ** the library that matched last time (*hint), then, if that fails, the
  ** whole table. Runs are found by pointer equality of ff_lib entries
  ** (the compiler shares equal string literals; where it does not, a run
  ** is one entry and only the fallback is slower). First bytes are
  ** compared inline before any strcmp call. */
  if (*hint < n && strcmp(ff_lib[*hint], lbuf) == 0) {
    const char *run = ff_lib[*hint];
    size_t lo = *hint, hi = *hint;
    while (lo > 0 && ff_lib[lo - 1] == run) lo--;
    while (hi < n && ff_lib[hi] == run) hi++;
    for (i = lo; i < hi; i++)
      if (ff_name[i][0] == name[0] && strcmp(ff_name[i], name) == 0)
        return FF_FIRST + (int)i;
  }
  for (i = 0; i < n; i++)
    if (ff_name[i][0] == name[0] && ff_lib[i][0] == lbuf[0] &&
        strcmp(ff_name[i], name) == 0 && strcmp(ff_lib[i], lbuf) == 0) {
      *hint = (uint32_t)i;
      return FF_FIRST + (int)i;
    }
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
