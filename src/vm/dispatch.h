/*
** lunar: the dispatch table (see state.h for its layout).
*/
#ifndef LU_DISPATCH_H
#define LU_DISPATCH_H

#include "../core/state.h"

/* Dispatch modes (global_State.dispatchmode bits). */
#define DISPMODE_JIT    0x01   /* JIT compiler on (hot counting opcodes). */
#define DISPMODE_REC    0x02   /* Recording a trace (phase 3). */
#define DISPMODE_INS    0x04   /* Instruction/line hooks active. */
#define DISPMODE_CALL   0x08   /* Call hooks active. */
#define DISPMODE_RET    0x10   /* Return hooks active. */

/* Recompute the dynamic part of the dispatch table from g->dispatchmode
** and g->hookmask. */
LU_FUNC void lu_dispatch_update(global_State *g);

#endif
