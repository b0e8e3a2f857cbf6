/*
** lunar: the global state block (GG_State), thread stacks.
**
** One allocation holds, side by side, the main thread, the global state,
** the hot counters and the dispatch table (DESIGN.md section 4). The
** interpreter keeps one register pointing at the dispatch table; the rest
** of the block is at a constant offset from it.
**
** Dispatch table layout (see src/vm/dispatch.c):
**   dispatch[0 .. BC__MAX-1]            dynamic part: every opcode
**   dispatch[BC__MAX .. GG_LEN_DDISP-1] dynamic part: fast functions by ffid
**   dispatch[GG_LEN_DDISP + op]         static part: pristine copy of the
**                                       opcodes before BC_FUNCF
*/
#ifndef LU_STATE_H
#define LU_STATE_H

#include "obj.h"
#include "../parse/bc.h"

#define LU_MAX_FF      192           /* Room for fast function ids. */
#define HOTCOUNT_SIZE  64
#define GG_LEN_DDISP   (BC__MAX + LU_MAX_FF)
#define GG_LEN_SDISP   BC_FUNCF
#define GG_LEN_DISP    (GG_LEN_DDISP + GG_LEN_SDISP)

typedef struct GG_State {
  lua_State L;                      /* Main thread. */
  global_State g;                   /* Global state. */
  uint16_t hotcount[HOTCOUNT_SIZE]; /* Hot counters (JIT, phase 3). */
  const void *dispatch[GG_LEN_DISP]; /* Instruction dispatch table. */
} GG_State;

#define GG_OF(field)     ((int)offsetof(GG_State, field))
#define L2GG(L)          (G(L)->gg)
#define G2GG(gl)         ((gl)->gg)

/* Create a state (main thread); NULL if out of memory. */
LU_FUNC lua_State *lu_state_open(lua_Alloc f, void *ud);
/* Run finalizers, free everything, free the block. */
LU_FUNC void lu_state_close(lua_State *L);

/* Ensure n free slots above L->top; grows (and relocates) the stack or
** throws "stack overflow". All TValue pointers into the stack must be
** recomputed after a call that may grow it. */
LU_FUNC void lu_state_growstack(lua_State *L, MSize n);
LU_FUNC void lu_state_growstack1(lua_State *L);
LU_FUNC void lu_state_shrinkstack(lua_State *L, MSize used);

#define lu_state_checkstack(L, n) \
  do { if (LU_UNLIKELY((size_t)((char *)(L)->maxstack - (char *)(L)->top) <= \
                       (size_t)(n) * sizeof(TValue))) \
         lu_state_growstack((L), (n)); } while (0)

/* Coroutines (threads). */
LU_FUNC lua_State *lu_state_new(lua_State *L);
LU_FUNC void lu_state_free(global_State *g, lua_State *L1);

#endif
