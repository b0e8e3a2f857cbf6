/*
** lunar: C frames, catch points and the entries into the interpreter.
**
** Every entry into the interpreter from C (lu_vm_call, lu_vm_pcall,
** lu_vm_cpcall, lu_vm_resume) pushes a CFrame on the C stack and links it
** into L->cframe. A CFrame owns the region of the Lua stack above `level`:
** every frame whose base lies above it was created by this activation or
** by Lua code it ran without leaving the interpreter.
**
** Errors (lu_err_throw) walk the Lua frames from L->base downwards:
**   - a frame linked as FRAME_PCALL/FRAME_PCALLH (pcall, xpcall) catches:
**     the unwinder longjmps to the CFrame owning it, which resumes the
**     interpreter with pcall returning false, msg;
**   - leaving the region of a protected CFrame (pcall from C, cpcall,
**     resume) catches there: the entry returns the status;
**   - leaving the region of an unprotected CFrame (lu_vm_call) just
**     continues the walk in the previous CFrame (the C code in between is
**     skipped by the longjmp).
** Message handlers (xpcall, lua_pcall's errfunc) run at the throw point,
** before anything is unwound, so that tracebacks see the failing frames.
*/
#ifndef LU_CALL_H
#define LU_CALL_H

#include <setjmp.h>
#include "vm.h"
#include "ff.h"

/* Catch points. The compiler's own setjmp/longjmp builtins save and
** restore only the frame and stack pointers and the resume label (the
** function calling LU_SETJMP keeps everything else in memory), which is
** far cheaper than libc's (signal mask, cancellation cleanup). Sanitizers
** need to see the longjmp: libc's then. LU_LONGJMP must not be called
** from the function that did the LU_SETJMP. */
#if defined(__SANITIZE_ADDRESS__)
#define LU_CALL_LIBCJMP  1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define LU_CALL_LIBCJMP  1
#endif
#endif
#ifdef LU_CALL_LIBCJMP
typedef jmp_buf LUJmpBuf;
#define LU_SETJMP(jb)   _setjmp(jb)
#define LU_LONGJMP(jb)  _longjmp((jb), 1)
#else
typedef void *LUJmpBuf[5];
#define LU_SETJMP(jb)   __builtin_setjmp(jb)
#define LU_LONGJMP(jb)  __builtin_longjmp((jb), 1)
#endif

/* Kinds of C frames. */
enum {
  CFRAME_CALL,     /* lu_vm_call: unprotected. */
  CFRAME_PCALL,    /* lu_vm_pcall: protected, maybe with a handler. */
  CFRAME_CPCALL,   /* lu_vm_cpcall: protected C function. */
  CFRAME_RESUME    /* lu_vm_resume: protected, yields land here. */
};

typedef struct CFrame {
  struct CFrame *prev;  /* Next outer C frame of the same thread. */
  LUJmpBuf jb;          /* Catch point (LU_SETJMP). */
  ptrdiff_t level;      /* Byte offset in the stack: frames above belong
                           to this activation. */
  ptrdiff_t errfunc;    /* CFRAME_PCALL: handler stack offset or 0. */
  ptrdiff_t catchframe; /* Set by the unwinder: base offset of the PCALL
                           frame that caught, or -1 (the CFrame caught). */
  int kind;             /* CFRAME_*. */
  int nCcalls;          /* L->nCcalls to restore after a catch. */
  int status;           /* Set by the unwinder: LUA_ERR* or LUA_YIELD. */
} CFrame;

#define savestack(L, p)     ((char *)(p) - (char *)(L)->stack)
#define restorestack(L, n)  ((TValue *)((char *)(L)->stack + (n)))

/* Interpreter entry modes (lu_vm_exec). */
enum {
  VMX_CALL,     /* Call the function at L->base[-2] (frame link set),
                   arguments L->base .. L->top-1. */
  VMX_RETURN,   /* Return the n values at L->top-n from the frame at
                   L->base (resume after a yield, pcall after a catch). */
  VMX_INIT      /* Export the handler addresses (dispatch init). */
};

/* Extra entries of the interpreter's label table after the opcodes and
** fast functions: the hook handlers. */
#define VM_HOOK_INS    (BC__MAX + FF__MAX)
#define VM_HOOK_CALL   (BC__MAX + FF__MAX + 1)
#define VM_NLABELS     (BC__MAX + FF__MAX + 2)

/* The interpreter (src/vm/vm.c). Returns when a frame linked as FRAME_C or
** FRAME_CP returns: its results are at the frame's function slot .. L->top-1
** and L->base is the frame below it. For VMX_INIT, `n` is ignored and the
** handler table (VM_NLABELS entries) is written to the array given to
** lu_vm_exec_init. */
LU_FUNC void lu_vm_exec(lua_State *L, int mode, int n);
LU_FUNC void lu_vm_exec_init(const void **out);

/* Frame walking shared with the unwinder: the base of the frame below. */
static LU_AINLINE TValue *lu_frame_prev(TValue *base)
{
  if (frame_islua(base))
    return base - 2 - bc_a(frame_pc(base)[-1]);
  return frame_prevd(base);
}

/* Yield from the interpreter's fast functions (coroutine.yield): the
** nres values at L->top-nres are the results; never returns. */
LU_FUNC LU_NORET void lu_vm_yieldnow(lua_State *L, int nres);

/* coroutine.resume (wrap = 0: base[0] is the coroutine, arguments follow)
** or a function made by coroutine.wrap (wrap = 1: the coroutine is its
** upvalue, base[0..] the arguments), called from the interpreter with the
** frame at base and nargs arguments. Returns the number of results, left
** at L->base .. L->top-1 (true/false first for resume), or -1 without
** doing anything when the C function must handle the call (errors in the
** arguments, a coroutine that cannot be resumed, limits). Errors of a
** wrapped coroutine are rethrown. */
LU_FUNC int lu_vm_coresume(lua_State *L, TValue *base, int nargs, int wrap);

#endif
