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

#define LU_MAX_FF      224           /* Room for fast function ids. */
#define HOTCOUNT_SIZE  64
#define GG_LEN_DDISP   (BC__MAX + LU_MAX_FF)
#define GG_LEN_SDISP   BC_FUNCF
#define GG_LEN_DISP    (GG_LEN_DDISP + GG_LEN_SDISP)

typedef struct GG_State {
  lua_State L;                      /* Main thread. */
  global_State g;                   /* Global state. */
  uint16_t hotcount[HOTCOUNT_SIZE]; /* Hot counters (JIT, phase 3). */
  const void *dispatch[GG_LEN_DISP]; /* Instruction dispatch table. */
  GCstr *errmem;                    /* "not enough memory", preallocated
                                       and fixed: lu_err_mem never allocates. */
  GCupval uvhead;                   /* Sentinel of the doubly linked list of
                                       all open upvalues (uv.prev/uv.next),
                                       for the GC's atomic phase. */
} GG_State;

#define GG_OF(field)     ((int)offsetof(GG_State, field))
#define L2GG(L)          (G(L)->gg)
#define G2GG(gl)         ((gl)->gg)

/* Preallocated "not enough memory" string (see lu_err_mem). */
#define lu_state_errmem(L)   (L2GG(L)->errmem)

/* Thread stacks. stacksize slots are allocated; maxstack = stack +
** stacksize - LU_STACK_EXTRA - 1 (the extra slots let error handling and
** metamethod calls run after "stack overflow"). The bottom two slots are a
** dummy frame: stack[0] holds the thread itself (its dummy_ffid reads as
** FF_C, so "the current function" of an empty stack is a C function),
** stack[1] is nil (frame link), and an idle thread has
** base = top = stack + 2. Slots above top are kept nil or stale-but-alive
** (the GC clears them in its atomic phase). */

/* Create a state (main thread); NULL if out of memory. */
LU_FUNC lua_State *lu_state_open(lua_Alloc f, void *ud);
/* Run finalizers, free everything, free the block. */
LU_FUNC void lu_state_close(lua_State *L);

/* Ensure n free slots above L->top; grows (and relocates) the stack or
** throws "stack overflow". All TValue pointers into the stack must be
** recomputed after a call that may grow it. */
LU_FUNC void lu_state_growstack(lua_State *L, MSize n);
LU_FUNC void lu_state_growstack1(lua_State *L);
/* After "stack overflow" the stack keeps 2*LUA_MINSTACK extra slots for
** the error handler; a second overflow while it is that big is "error in
** error handling". The unwinder must call lu_state_relimitstack once an
** error has been caught (pcall, cpcall, resume) to give them back. */
LU_FUNC void lu_state_relimitstack(lua_State *L);
/* Shrink the stack of a thread that is not running to twice the part in
** use (at least `used` slots, L->top and every Lua frame's extent) when
** less than a quarter of it is in use. Never throws: if the allocator
** refuses, the stack stays as it is. Only for threads no C code holds
** stack pointers into: the GC calls it in its atomic phase for suspended,
** dead or unstarted coroutines and idle threads (L->cframe == NULL), never
** for the thread that runs the GC step (see gc.c). */
LU_FUNC void lu_state_shrinkstack(lua_State *L, MSize used);

#ifdef LUNAR_STACK_STRESS
/* Test builds: every check moves the stack to a new block. */
#define lu_state_checkstack(L, n)  lu_state_growstack((L), (n))
#else
#define lu_state_checkstack(L, n) \
  do { if (LU_UNLIKELY((size_t)((char *)(L)->maxstack - (char *)(L)->top) <= \
                       (size_t)(n) * sizeof(TValue))) \
         lu_state_growstack((L), (n)); } while (0)
#endif

/* Coroutines (threads). lu_state_new makes a thread with its own stack,
** env = L's env, linked into the GC root list (not pushed). */
LU_FUNC lua_State *lu_state_new(lua_State *L);
LU_FUNC void lu_state_free(global_State *g, lua_State *L1);

#endif
