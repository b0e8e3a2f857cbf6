/*
** lunar: the interpreter's entry points and the operations the C API and
** libraries need from it (calls, protected calls, coroutines, metamethod-
** aware table access, comparison, concatenation).
**
** API stack convention for calls: the function is at `func`, its arguments
** at func+1 .. L->top-1 (as lua_call pushes them). The VM inserts the frame
** link slot itself (two-slot frames, see obj.h). Results are left at
** func .. L->top-1 (exactly nres of them unless nres == LUA_MULTRET).
*/
#ifndef LU_VM_H
#define LU_VM_H
/*
** Frames seen by debug/error code (interpreter conventions, src/vm/vm.c):
** - The running Lua frame: when the interpreter calls anything that may
**   throw, allocate, run the GC or inspect the stack, L->base is that
**   frame's base, L->top is base + framesize, and L->savedpc points just
**   after the instruction being executed (the current one is savedpc[-1]).
**   If the frame at L->base is a C function, L->savedpc is meaningless.
** - A frame whose link is FRAME_LUA: the return PC in the link points just
**   after the caller's CALL instruction; that is the caller's current pc.
** - FRAME_CONT (a metamethod called by the interpreter): base[-3] holds the
**   saved pc (raw const BCIns *, after the instruction that invoked the
**   metamethod) of the Lua frame below, base[-4] the continuation kind.
**   The frame below is frame_prevd(base).
** - FRAME_VARG: a vararg function's own pseudo frame; skip it (the real
**   frame is frame_prevd(base), its pc comes from the frame above).
** - FRAME_PCALL/PCALLH (pcall/xpcall), FRAME_C/FRAME_CP (entries from C):
**   frame_prevd(base) is the frame below; the frame below a PCALL frame is
**   the pcall/xpcall fast function itself (a C function, no pc).
** - The bottom of every stack is the dummy frame at stack + 2 (state.h).
*/

#include "../core/obj.h"
#include "../core/state.h"

/* Protected call of a C-level function cp (not a Lua call): runs
** cp(L, func, ud); on error leaves the error object at L->top - 1, restores
** the stack and returns the status (LUA_ERRRUN, LUA_ERRMEM, ...). */
typedef TValue *(*lu_CPFunction)(lua_State *L, lua_CFunction func, void *ud);
LU_FUNC int lu_vm_cpcall(lua_State *L, lua_CFunction func, void *ud,
                         lu_CPFunction cp);

/* Unprotected call (errors propagate). */
LU_FUNC void lu_vm_call(lua_State *L, TValue *func, int nres);
/* Protected call; errfunc is a stack offset (bytes from L->stack) of the
** message handler or 0. Returns a status; on error the message (after the
** handler) is at func and L->top = func + 1. */
LU_FUNC int lu_vm_pcall(lua_State *L, TValue *func, int nres,
                        ptrdiff_t errfunc);

/* Coroutines: lua_resume / lua_yield semantics. */
LU_FUNC int lu_vm_resume(lua_State *L, int nargs);
LU_FUNC int lu_vm_yield(lua_State *L, int nres);

/* Fill the dispatch table (called once by lu_state_open). */
LU_FUNC void lu_vm_init_dispatch(GG_State *GG);

/* Metamethod-aware operations for the C API and libraries. Each pushes its
** result at L->top (top is incremented), may call metamethods and may
** throw. Operand pointers may point into the stack; implementations copy
** them before anything can reallocate it. */
LU_FUNC void lu_vm_gettable(lua_State *L, const TValue *o, const TValue *k);
LU_FUNC void lu_vm_settable(lua_State *L, const TValue *o, const TValue *k,
                            const TValue *v);   /* Pushes nothing. */
LU_FUNC void lu_vm_concat(lua_State *L, int n); /* Top n values -> 1. */
LU_FUNC int lu_vm_equal(lua_State *L, const TValue *a, const TValue *b);
LU_FUNC int lu_vm_lessthan(lua_State *L, const TValue *a, const TValue *b);
LU_FUNC int lu_vm_lessequal(lua_State *L, const TValue *a, const TValue *b);

/* Metamethod lookup: NULL if absent. */
LU_FUNC const TValue *lu_meta_lookup(lua_State *L, const TValue *o, MMS mm);
LU_FUNC GCtab *lu_meta_getmt(lua_State *L, const TValue *o);

#endif
