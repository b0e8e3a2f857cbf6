/*
** lunar: the dispatch table.
**
** The handler addresses exist only inside the interpreter function, so the
** dispatch code asks it for its label table (lu_vm_exec_init). The static
** part keeps a pristine copy of the opcodes before BC_FUNCF. The dynamic
** part (every opcode and every fast function) is what the interpreter
** jumps through; lu_dispatch_update rewrites it from the dispatch mode and
** the hook mask:
**   - JIT off: the hot-counting opcodes FORL, ITERL, LOOP, FUNCF, FUNCV
**     run their non-counting I-variants;
**   - line or count hook: every opcode before FUNCF goes to the hook
**     handler, which calls the hook and jumps through the static part;
**     return hook only: just the return opcodes do;
**   - call hook: function headers and fast functions go to the call hook
**     handler (fast functions then run as plain C calls).
*/
#include "dispatch.h"
#include "call.h"
#include "ff.h"

void lu_dispatch_update(global_State *g)
{
  GG_State *GG = G2GG(g);
  const void **disp = GG->dispatch;
  const void *labels[VM_NLABELS];
  int mask = g->hookmask;
  int i;
  lu_vm_exec_init(labels);
  for (i = 0; i < GG_LEN_DDISP; i++)
    disp[i] = labels[i < BC__MAX + FF__MAX ? i : BC__MAX + FF_LUA];
  if (!(g->dispatchmode & DISPMODE_JIT)) {
    disp[BC_FORL] = disp[BC_IFORL];
    disp[BC_ITERL] = disp[BC_IITERL];
    disp[BC_LOOP] = disp[BC_ILOOP];
    disp[BC_FUNCF] = disp[BC_IFUNCF];
    disp[BC_FUNCV] = disp[BC_IFUNCV];
  }
  /* The static part mirrors the (mode-adjusted) opcodes before FUNCF. */
  for (i = 0; i < GG_LEN_SDISP; i++) disp[GG_LEN_DDISP + i] = disp[i];
  if (mask & (LUA_MASKLINE | LUA_MASKCOUNT)) {
    for (i = 0; i < GG_LEN_SDISP; i++) disp[i] = labels[VM_HOOK_INS];
  } else if (mask & LUA_MASKRET) {
    disp[BC_RETM] = disp[BC_RET] = disp[BC_RET0] = disp[BC_RET1] =
      labels[VM_HOOK_INS];
  }
  if (mask & LUA_MASKCALL) {
    for (i = BC_FUNCF; i < BC__MAX; i++) disp[i] = labels[VM_HOOK_CALL];
    for (i = FF_FIRST; i < FF__MAX; i++)
      disp[BC__MAX + i] = labels[VM_HOOK_CALL];
  }
}

void lu_vm_init_dispatch(GG_State *GG)
{
  GG->g.dispatchmode = 0;   /* JIT off. */
  lu_dispatch_update(&GG->g);
}
