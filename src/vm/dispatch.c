/*
** lunar: the dispatch table.
**
** The handler addresses exist only inside the interpreter function, so
** lu_vm_init_dispatch asks it for its label table (lu_vm_exec_init) and
** keeps a pristine copy in the static part (the opcodes before BC_FUNCF).
** The dynamic part (every opcode and every fast function) is what the
** interpreter jumps through; lu_dispatch_update rewrites it from the
** dispatch mode:
**   - JIT off: the hot-counting opcodes FORL, ITERL, LOOP, FUNCF, FUNCV
**     run their non-counting I-variants;
**   - hooks: not implemented yet (line/count/call/return hooks would
**     redirect the opcodes here, to handlers that call the hook and then
**     jump through the static part). lua_sethook is accepted but the
**     interpreter does not call hooks.
*/
#include "dispatch.h"
#include "call.h"
#include "ff.h"

void lu_dispatch_update(global_State *g)
{
  GG_State *GG = G2GG(g);
  const void **disp = GG->dispatch;
  const void **sdisp = disp + GG_LEN_DDISP;
  int i;
  /* Opcodes before FUNCF: from the pristine copy. */
  for (i = 0; i < GG_LEN_SDISP; i++) disp[i] = sdisp[i];
  if (!(g->dispatchmode & DISPMODE_JIT)) {
    disp[BC_FORL] = disp[BC_IFORL];
    disp[BC_ITERL] = disp[BC_IITERL];
    disp[BC_LOOP] = disp[BC_ILOOP];
    disp[BC_FUNCF] = disp[BC_IFUNCF];
    disp[BC_FUNCV] = disp[BC_IFUNCV];
  }
}

void lu_vm_init_dispatch(GG_State *GG)
{
  const void *labels[BC__MAX + FF__MAX];
  const void **disp = GG->dispatch;
  int i;
  lu_vm_exec_init(labels);
  for (i = 0; i < GG_LEN_DDISP; i++)
    disp[i] = labels[i < BC__MAX + FF__MAX ? i : BC__MAX + FF_LUA];
  for (i = 0; i < GG_LEN_SDISP; i++)
    disp[GG_LEN_DDISP + i] = labels[i];
  GG->g.dispatchmode = 0;   /* JIT off. */
  lu_dispatch_update(&GG->g);
}
