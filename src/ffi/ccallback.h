/*
** lunar FFI: callbacks, Lua functions called from C through a C function
** pointer (x86-64 System V).
**
** A callback is a slot of a fixed pool of CCB_MAXSLOT per state. The pool
** is one block of machine code, mmap'd on the first callback and made
** read+execute once written (so it works under W^X and ASan): a head that
** loads the state's CTState into r10 and jumps to the common entry
** lu_ccallback_x64 (ccall_x64.c), then one 10-byte stub per slot
** (`mov $slot, %eax; jmp head`). The address of stub n is the C function
** pointer handed out for slot n. The entry saves the argument registers in
** a CCallbackFrame and calls lu_ccallback_handler, which converts the
** arguments by the slot's C function type, calls the slot's Lua function on
** the thread that is running the FFI (cts->L, i.e. the one whose C call led
** here), and converts the first result back to the return type.
**
** Per slot the state keeps the function type (cbid[slot], 0 = free) and the
** Lua function (funcs[slot], a table anchored in the CTState's
** environment). Callbacks made by a conversion (ffi.cast, a Lua function
** passed for a function pointer argument or stored into a field) are
** permanent, as in LuaJIT: the C side may keep the pointer. cb:free()
** releases the slot, cb:set(fn) changes the function.
**
** Errors inside the Lua function propagate to the caller's protected call
** like any error (a longjmp across the C frames between, as LuaJIT's
** unwinding does): C code that called the callback does not get to finish.
*/
#ifndef LU_FFI_CCALLBACK_H
#define LU_FFI_CCALLBACK_H

#include <stddef.h>
#include "ctype.h"

#define CCB_MAXSLOT   896   /* Slots per state (LuaJIT's number on x64). */
#define CCB_HEADSIZE  32    /* Bytes of the pool's head code. */
#define CCB_STUBSIZE  10    /* Bytes per stub. */
#define CCB_MCODESIZE 12288 /* Head + stubs, rounded up to whole pages. */

_Static_assert(CCB_HEADSIZE + CCB_MAXSLOT * CCB_STUBSIZE <= CCB_MCODESIZE,
               "callback pool fits its pages");

/* What the entry code saves and what the handler fills in for the return.
** The offsets are used by the assembly in ccall_x64.c (static asserts). */
typedef struct CCallbackFrame {
  uint64_t gpr[6];     /* rdi, rsi, rdx, rcx, r8, r9 at entry. */
  double fpr[8];       /* xmm0 .. xmm7 at entry (low 64 bits). */
  uint64_t *stack;     /* The caller's stack arguments (8-byte slots). */
  uint64_t slot;       /* Slot number from the stub. */
  uint64_t rgpr[2];    /* rax, rdx to return. */
  double rfpr[2];      /* xmm0, xmm1 to return. */
} CCallbackFrame;

_Static_assert(offsetof(CCallbackFrame, fpr) == 48, "callback layout");
_Static_assert(offsetof(CCallbackFrame, stack) == 112, "callback layout");
_Static_assert(offsetof(CCallbackFrame, slot) == 120, "callback layout");
_Static_assert(offsetof(CCallbackFrame, rgpr) == 128, "callback layout");
_Static_assert(offsetof(CCallbackFrame, rfpr) == 144, "callback layout");
_Static_assert(sizeof(CCallbackFrame) == 160, "callback layout");

/* The pool of one state (a userdata anchored in the CTState's
** environment; its __gc unmaps the code at lua_close). */
typedef struct CCallbackState {
  uint8_t *mcode;             /* The code (CCB_MCODESIZE bytes) or NULL. */
  GCtab *funcs;               /* [slot] = the Lua function. */
  MSize hint;                 /* No free slot below this one. */
  GCfunc *errfn;              /* Function whose result is converted. */
  CTypeID cbid[CCB_MAXSLOT];  /* [slot] = FUNC type, 0 = free slot. */
} CCallbackState;

/* Create the (empty) pool of cts; called once with the state, when the C
** stack of L may be used (pushes and pops). The code is mapped on first
** use, by lu_ccallback_new, which must not touch the Lua stack. */
LU_FUNC void lu_ccallback_init(lua_State *L, CTState *cts);

/* A callback of type id (a pointer to a function) calling the Lua function
** at fn; returns its C function pointer. A function type a callback cannot
** have (varargs, structs or long double by value) gives the conversion
** error "cannot convert 'function' to 'T'" (flags as lu_cconv_err); a full
** pool gives "too many callbacks". Does not use the Lua stack. */
LU_FUNC void *lu_ccallback_new(CTState *cts, CTypeID id, const TValue *fn,
                               int flags);
/* The slot of the live callback whose C function pointer is p, or -1. */
LU_FUNC int lu_ccallback_slot(CTState *cts, const void *p);
/* Release slot n / give it the Lua function fn. */
LU_FUNC void lu_ccallback_free(CTState *cts, int n);
LU_FUNC void lu_ccallback_set(CTState *cts, int n, const TValue *fn);

/* Raise msg about the result of the callback being converted, prefixed
** with the position of the end of its Lua function (LuaJIT's choice). */
LU_FUNC LU_NORET void lu_ccallback_reserr(CTState *cts, const char *msg);

/* Called by lu_ccallback_x64 with the pool's state and the saved frame. */
LU_FUNC void lu_ccallback_handler(CTState *cts, CCallbackFrame *cf);

/* In ccall_x64.c: the common entry (r10 = CTState, eax = slot), and the
** writer of the pool's code for state cts into mcode (writable). */
LU_FUNC void lu_ccallback_x64(void);
LU_FUNC void lu_ccallback_x64_emit(uint8_t *mcode, CTState *cts);

#endif
