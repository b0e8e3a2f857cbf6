/*
** lunar FFI: calls of C functions from Lua (x86-64 System V).
**
** ccall.c classifies the arguments by the function's C type (or, for the
** "..." part, by their Lua type: numbers are doubles, strings const char *,
** cdata keep their type with small integers promoted to int and float to
** double), converts them into a CCallState, and calls the trampoline
** lu_ccall_x64 (ccall_x64.c). Structs and unions by value follow the
** System V classification (see ccall.c); long double by value, alone or
** in a struct, raises "... not implemented".
*/
#ifndef LU_FFI_CCALL_H
#define LU_FFI_CCALL_H

#include <stddef.h>
#include "ctype.h"

#define CCALL_MAXSTACK  256  /* Stack argument slots (2 KB). */

typedef struct CCallState {
  void *func;                 /* Function to call. */
  uint64_t nsp;               /* Number of stack slots used. */
  uint64_t nfpr;              /* Number of vector registers used. */
  uint64_t gpr[6];            /* rdi, rsi, rdx, rcx, r8, r9. */
  double fpr[8];              /* xmm0 .. xmm7. */
  uint64_t rgpr[2];           /* Returned rax, rdx. */
  double rfpr[2];             /* Returned xmm0, xmm1. */
  uint64_t stack[CCALL_MAXSTACK];
} CCallState;

_Static_assert(offsetof(CCallState, nsp) == 8, "trampoline layout");
_Static_assert(offsetof(CCallState, nfpr) == 16, "trampoline layout");
_Static_assert(offsetof(CCallState, gpr) == 24, "trampoline layout");
_Static_assert(offsetof(CCallState, fpr) == 72, "trampoline layout");
_Static_assert(offsetof(CCallState, rgpr) == 136, "trampoline layout");
_Static_assert(offsetof(CCallState, rfpr) == 152, "trampoline layout");
_Static_assert(offsetof(CCallState, stack) == 168, "trampoline layout");

LU_FUNC void lu_ccall_x64(CCallState *cs);

/* Call the C function fp of type fid (a FUNC, or a pointer to one) with
** the nargs Lua values at args; the results are pushed on L's stack.
** Returns the number of results (0 or 1). */
LU_FUNC int lu_ccall_call(CTState *cts, CTypeID fid, void *fp,
                          TValue *args, int nargs);

#endif
