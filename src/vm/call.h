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
#include <string.h>
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
  void *prev;           /* Next outer C frame of the same thread (a CFrame
                           or an inline resume tag, see below). */
  LUJmpBuf jb;          /* Catch point (LU_SETJMP). */
  ptrdiff_t level;      /* Byte offset in the stack: frames above belong
                           to this activation. */
  ptrdiff_t errfunc;    /* CFRAME_PCALL: handler stack offset or 0. */
  ptrdiff_t catchframe; /* Set by the unwinder, see CFRAME_CATCH_*. */
  lua_State *catchL;    /* Set by the unwinder: the thread to continue
                           interpreting after the longjmp. */
  int kind;             /* CFRAME_*. */
  int nCcalls;          /* L->nCcalls to restore after a catch. */
  int status;           /* Set by the unwinder: LUA_ERR* or LUA_YIELD. */
  int nret;             /* CFRAME_CATCH_RETURN: number of values. */
} CFrame;

/* What the catch point does after the longjmp (catchframe):
**   >= 0                 a PCALL frame of catchL at that base offset
**                        caught: continue with pcall returning false, msg;
**   CFRAME_CATCH_NONE    the CFrame itself caught: its entry returns the
**                        status;
**   CFRAME_CATCH_RETURN  continue interpreting catchL, returning the nret
**                        values at catchL->top - nret from the frame at
**                        catchL->base (an inline resume that ended with
**                        an error or a yield from C, see below). */
#define CFRAME_CATCH_NONE    (-1)
#define CFRAME_CATCH_RETURN  (-2)

/* Inline resumes. coroutine.resume and wrap's functions called from the
** interpreter switch threads inside the running interpreter activation
** (no C recursion, no CFrame): the resumed coroutine's cframe is then the
** tag cframe_inline(R), R being the resumer, whose L->base is the frame
** of the resume fast function. The chain of tags always ends in a thread
** with a real CFrame, the one whose interpreter activation runs them all.
** A tag is never dereferenced: code reading L->cframe as a CFrame checks
** cframe_isinline first. An error that leaves such a coroutine kills it
** and makes the resume return false, msg (wrap: rethrows in R); a yield
** returns its values from R's resume frame. */
#define cframe_isinline(cf)  (((uintptr_t)(cf) & 1) != 0)
#define cframe_inline(R)     ((void *)((uintptr_t)(R) | 1))
#define cframe_resumer(cf)   ((lua_State *)((uintptr_t)(cf) - 1))

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

/* -- Inline coroutine switches (hot paths of the fast functions) -------- */

/* Copy n values; n is small, usually 0 or 1 (a plain loop becomes a
** vectorised copy with overlap checks, which costs more here). */
static LU_AINLINE void lu_vm_cocopy(TValue *dst, const TValue *src, int n)
{
  if (n == 1) {
    dst[0] = src[0];
  } else if (n == 2) {
    dst[0] = src[0];
    dst[1] = src[1];
  } else if (n > 2) {
    memmove(dst, src, (size_t)n * sizeof(TValue));
  }
}

/* Inline resume (see "Inline resumes"): coroutine.resume (wrap = 0: the
** coroutine at base[0], arguments after it) or a wrap function (wrap = 1:
** the coroutine in its upvalue, base[0..] the arguments) in the frame at
** base with nargs arguments, called by the interpreter running L. Returns
** NULL, having changed nothing, when the C function must handle the call
** (errors, limits); else the coroutine, now running: *fresh = 1 when it
** starts, with its function's frame at co->base and the arguments
** co->base .. co->top-1; *fresh = 0 when it continues from its yield,
** returning the arguments (the last ones up to co->top) from the frame at
** co->base. L->base/L->top keep the resume frame. */
static LU_AINLINE lua_State *lu_vm_coenter(lua_State *L, TValue *base,
                                           int nargs, int wrap, int *fresh)
{
  lua_State *co;
  TValue *args, *dst;
  if (wrap) {
    co = threadV(&funcV(base - 2)->c.upvalue[0]);
    args = base;
  } else {
    if (nargs < 1 || !tvisthread(base)) return NULL;
    co = threadV(base);
    args = base + 1;
    nargs--;
  }
  if (LU_UNLIKELY(L->nCcalls >= LU_MAX_CCALLS || nargs > LUA_MINSTACK ||
                  co->maxstack - co->top <= nargs + LUA_MINSTACK))
    return NULL;
  if (LU_LIKELY(co->status == LUA_YIELD)) {
    /* The arguments become the results of its yield (frame co->base).
    ** No previous instruction for line hooks: as in LuaJIT, the first
    ** line after a resume is reported. */
    dst = co->top;
    co->top = dst + nargs;
    co->savedpc = NULL;
    *fresh = 0;
  } else if (co->status == LUA_OK && co->cframe == NULL &&
             co->top == co->base + 1) {
    /* Not started: its function at co->base gets a frame linked as
    ** lua_resume links it (FRAME_CP, the bottom frame). */
    dst = co->base + 2;
    dst[-1].u64 = (uint64_t)(2 * sizeof(TValue)) | FRAME_CP;
    co->base = dst;
    co->top = dst + nargs;
    *fresh = 1;
  } else {
    return NULL;  /* Running, normal or dead. */
  }
  lu_vm_cocopy(dst, args, nargs);
  co->status = LUA_OK;
  co->cframe = cframe_inline(L);
  co->nCcalls = L->nCcalls + 1;
  /* The resume frame keeps co reachable (base[0] or the wrap closure). */
  L->base = base;
  L->top = wrap ? base : base + 1;
  return co;
}

/* Slow path of lu_vm_coleave: make room for n + 1 results in the resume
** frame of R, or throw "too many results to resume" in R. Returns R->base
** (the stack may have moved). */
LU_FUNC TValue *lu_vm_coleave_grow(lua_State *L, lua_State *R, int n);

/* The inline-resumed coroutine L yields the n values at rv (base = rv =
** the yield fast function's frame), or finishes returning the n values at
** rv (done = 1; base is its bottom frame). Returns the number of results
** now at R->base .. R->top-1, R being the resumer (true first for
** resume). L is left suspended or dead before anything can throw. */
static LU_AINLINE int lu_vm_coleave(lua_State *L, TValue *base, TValue *rv,
                                    int n, int done)
{
  lua_State *R = cframe_resumer(L->cframe);
  TValue *rb = R->base;
  TValue *dst;
  L->cframe = NULL;
  L->nCcalls = 0;
  if (done) {
    L->base = frame_prevd(base);  /* The function's slot. */
    L->top = L->base;
  } else {
    L->status = LUA_YIELD;
    L->base = base;
    L->top = base + n;
  }
  if (LU_UNLIKELY(rb + n + 1 > R->maxstack))
    rb = lu_vm_coleave_grow(L, R, n);
  dst = rb;
  if (funcV(rb - 2)->c.ffid != FF_coroutine_wrap_aux) setboolV(dst++, 1);
  lu_vm_cocopy(dst, rv, n);
  R->top = dst + n;
  L->top = L->base;
  return (int)(R->top - rb);
}

/* lua_isyieldable: the innermost C frame is a resume (real or inline). */
LU_FUNC int lu_vm_isyieldable(lua_State *L);

#endif
