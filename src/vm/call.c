/*
** lunar: calls from C, protected calls, coroutines and the unwinder.
**
** See call.h for the C frame chain and how errors find their catch point.
** Invariants kept here:
**   - every entry into the interpreter runs inside a CFrame (so a pcall
**     frame inside it can be resumed after a longjmp);
**   - after a catch, L->cframe and L->nCcalls are those of the catcher,
**     open upvalues above the catch level are closed, and the error object
**     is the only thing left above the catch level;
**   - a yield is only allowed when the innermost CFrame is the one of the
**     resume (no C function with a C-level call is in between).
*/
#include <stdio.h>
#include <stdlib.h>

#include "call.h"
#include "../core/err.h"
#include "../core/func.h"
#include "../core/str.h"
#include "../core/state.h"

/* -- Running code inside a C frame -------------------------------------- */

/* Body of a protected region: what runs between setjmp and the normal
** exit of a CFrame. */
typedef void (*CFrameBody)(lua_State *L, void *ud);

/* After a PCALL frame of this activation caught an error: unwind to it and
** continue interpreting, with pcall/xpcall returning false, msg. */
static void cframe_resume_pcall(lua_State *L, ptrdiff_t catchframe)
{
  TValue *pf = restorestack(L, catchframe);
  TValue *pb = frame_prevd(pf);   /* The pcall/xpcall fast function frame. */
  TValue err = L->top[-1];
  lu_func_closeuv(L, pf);
  setboolV(&pb[0], 0);
  pb[1] = err;
  L->base = pb;
  L->top = pb + 2;
  lu_state_relimitstack(L);  /* Give back the overflow room. */
  lu_vm_exec(L, VMX_RETURN, 2);
}

/* Run body inside CFrame cf of the given kind. Returns 0 when body
** finished normally, else the status of the error (or LUA_YIELD) caught
** at this frame; the error object is then at L->top - 1. Errors caught by
** a pcall frame of this activation, and ends of inline resumes run by it,
** are handled here (the interpreter continues in cf->catchL) and do not
** return. */
static int cframe_run(lua_State *L, CFrame *cf, int kind, ptrdiff_t level,
                      CFrameBody body, void *ud)
{
  cf->prev = L->cframe;
  cf->kind = kind;
  cf->level = level;
  cf->nCcalls = L->nCcalls;
  cf->catchframe = CFRAME_CATCH_NONE;
  cf->status = 0;
  L->cframe = cf;
  if (LU_SETJMP(cf->jb) != 0) {
    /* Arrived here from lu_err_throw or a yield. Only memory (cf) and L
    ** are used below: locals of this function may be stale. */
    L->cframe = cf;
    L->nCcalls = cf->nCcalls;
    if (cf->catchframe != CFRAME_CATCH_NONE) {
      ptrdiff_t catchframe = cf->catchframe;
      lua_State *T = cf->catchL;
      cf->catchframe = CFRAME_CATCH_NONE;  /* Reset before running Lua. */
      if (catchframe >= 0)
        cframe_resume_pcall(T, catchframe);
      else
        lu_vm_exec(T, VMX_RETURN, cf->nret);
      L->cframe = cf->prev;
      return 0;
    }
    L->cframe = cf->prev;
    return cf->status;
  }
  body(L, ud);
  L->cframe = cf->prev;
  return 0;
}

/* Continue interpreting thread T (whose innermost C frame is cfv, a tag
** or a real CFrame of T) at the catch point of the interpreter activation
** running it: the real CFrame at the end of the chain of inline resumes.
** catchframe and n as in CFrame (CFRAME_CATCH_*). */
static LU_NORET void cframe_continue(lua_State *T, void *cfv,
                                     ptrdiff_t catchframe, int n)
{
  CFrame *cf;
  T->cframe = cfv;
  if (cframe_isinline(cfv))  /* Nesting depth as set by the resume. */
    T->nCcalls = cframe_resumer(cfv)->nCcalls + 1;
  while (cframe_isinline(cfv))
    cfv = cframe_resumer(cfv)->cframe;
  cf = (CFrame *)cfv;
  lu_assert(cf != NULL, "inline resume chain ends in a real C frame");
  cf->catchL = T;
  cf->catchframe = catchframe;
  cf->nret = n;
  LU_LONGJMP(cf->jb);
}

/* Push the frame link for a call set up by the C API: the function at
** func, arguments func+1 .. L->top-1. Returns the new base (also L->base). */
static TValue *call_pushframe(lua_State *L, TValue *func, int ftype)
{
  ptrdiff_t fo = savestack(L, func);
  TValue *base;
  lu_state_checkstack(L, 1);
  func = restorestack(L, fo);
  base = func + 2;
  memmove(base, func + 1, (size_t)((char *)L->top - (char *)(func + 1)));
  L->top++;
  base[-1].u64 = (uint64_t)((char *)base - (char *)L->base) | (uint64_t)ftype;
  L->base = base;
  return base;
}

static void body_exec_call(lua_State *L, void *ud)
{
  (void)ud;
  lu_vm_exec(L, VMX_CALL, 0);
}

/* Protected call body: push the frame inside the protected region (so a
** stack overflow while doing so is caught too), then run. */
typedef struct PCallArgs {
  ptrdiff_t func;
  int ftype;
} PCallArgs;

static void body_pushexec(lua_State *L, void *ud)
{
  PCallArgs *a = (PCallArgs *)ud;
  call_pushframe(L, restorestack(L, a->func), a->ftype);
  lu_vm_exec(L, VMX_CALL, 0);
}

/* Count one more level of C recursion; errors past the limit. */
static void call_enterC(lua_State *L)
{
  if (++L->nCcalls >= LU_MAX_CCALLS) {
    if (L->nCcalls == LU_MAX_CCALLS)
      lu_err_msg(L, LU_ERR_CSTKOV);
    else if (L->nCcalls >= LU_MAX_CCALLS + (LU_MAX_CCALLS >> 3))
      lu_err_throw(L, LUA_ERRERR);  /* Error while handling overflow. */
  }
}

/* Adjust the results at func .. L->top-1 to nres (LUA_MULTRET: keep). */
static void call_adjust(lua_State *L, TValue *func, int nres)
{
  if (nres >= 0) {
    TValue *want = func + nres;
    while (L->top < want) setnilV(L->top++);
    L->top = want;
  }
}

/* -- C API calls -------------------------------------------------------- */

void lu_vm_call(lua_State *L, TValue *func, int nres)
{
  ptrdiff_t fo = savestack(L, func);
  CFrame cf;
  call_enterC(L);
  call_pushframe(L, func, FRAME_C);
  cframe_run(L, &cf, CFRAME_CALL, fo, body_exec_call, NULL);
  L->nCcalls--;
  call_adjust(L, restorestack(L, fo), nres);
}

int lu_vm_pcall(lua_State *L, TValue *func, int nres, ptrdiff_t errfunc)
{
  ptrdiff_t fo = savestack(L, func);
  ptrdiff_t oldbase = savestack(L, L->base);
  int oldC = L->nCcalls;
  CFrame cf;
  int status;
  cf.errfunc = errfunc;
  if (L->nCcalls + 1 >= LU_MAX_CCALLS) {
    /* Report C stack overflow as an error of this call. */
    setstrV(L, L->top, lu_str_newlit(L, "C stack overflow"));
    L->top++;
    status = LUA_ERRRUN;
  } else {
    PCallArgs a;
    a.func = fo;
    a.ftype = FRAME_CP;
    L->nCcalls++;
    status = cframe_run(L, &cf, CFRAME_PCALL, fo, body_pushexec, &a);
  }
  L->nCcalls = oldC;
  if (status != 0) {
    TValue *f = restorestack(L, fo);
    TValue err = L->top[-1];
    lu_func_closeuv(L, f);
    L->base = restorestack(L, oldbase);
    *f = err;
    L->top = f + 1;
    lu_state_relimitstack(L);
    return status;
  }
  call_adjust(L, restorestack(L, fo), nres);
  return 0;
}

typedef struct CPCallArgs {
  lua_CFunction func;
  void *ud;
  lu_CPFunction cp;
} CPCallArgs;

static void body_cpcall(lua_State *L, void *ud)
{
  CPCallArgs *a = (CPCallArgs *)ud;
  a->cp(L, a->func, a->ud);
}

int lu_vm_cpcall(lua_State *L, lua_CFunction func, void *ud, lu_CPFunction cp)
{
  ptrdiff_t oldtop = savestack(L, L->top);
  ptrdiff_t oldbase = savestack(L, L->base);
  int oldC = L->nCcalls;
  CFrame cf;
  CPCallArgs a;
  int status;
  a.func = func;
  a.ud = ud;
  a.cp = cp;
  cf.errfunc = 0;
  status = cframe_run(L, &cf, CFRAME_CPCALL, oldtop, body_cpcall, &a);
  L->nCcalls = oldC;
  if (status != 0) {
    TValue *t = restorestack(L, oldtop);
    TValue err = L->top[-1];
    lu_func_closeuv(L, t);
    L->base = restorestack(L, oldbase);
    *t = err;
    L->top = t + 1;
    lu_state_relimitstack(L);
  }
  return status;
}

/* -- Coroutines ----------------------------------------------------------- */

static void body_resume(lua_State *L, void *ud)
{
  int nargs = *(int *)ud;
  lu_vm_exec(L, VMX_RETURN, nargs);
}

/* Resume coroutine L with the nargs values on its top. Returns 0 when the
** coroutine finished (its results are L->base .. L->top-1), LUA_YIELD when
** it yielded (yielded values likewise), or an error status with the error
** object at L->top - 1 (the coroutine is then dead and its stack kept for
** tracebacks). */
int lu_vm_resume(lua_State *L, int nargs)
{
  CFrame cf;
  int status;
  cf.errfunc = 0;
  if (L->status == LUA_YIELD) {
    L->status = LUA_OK;
    L->savedpc = NULL;  /* Line hooks report the first line (lu_vm_coenter). */
    status = cframe_run(L, &cf, CFRAME_RESUME, 0, body_resume, &nargs);
  } else if (L->status == LUA_OK && L->top - nargs - 1 == L->base &&
             L->cframe == NULL) {
    TValue *func = L->top - nargs - 1;
    call_pushframe(L, func, FRAME_CP);
    status = cframe_run(L, &cf, CFRAME_RESUME, 0, body_exec_call, NULL);
  } else {
    setstrV(L, L->top, lu_str_newz(L, err2msg(L->status == LUA_OK &&
                                      L->cframe != NULL ? LU_ERR_CORUN :
                                      LU_ERR_CODEAD)));
    L->top++;
    return LUA_ERRRUN;
  }
  if (status == LUA_YIELD) {
    L->status = LUA_YIELD;
  } else if (status != 0) {
    L->status = (uint8_t)status;
  }
  return status;
}

/* Yield the nres values at L->top-nres from the C function (or fast
** function) running in the frame at L->base. */
void lu_vm_yieldnow(lua_State *L, int nres)
{
  void *cfv = L->cframe;
  CFrame *cf;
  if (cframe_isinline(cfv)) {
    /* A C function yields inside an inline resume: the interpreter
    ** activation running it continues in the resumer. */
    lua_State *R = cframe_resumer(cfv);
    int n;
    if (L->top - nres != L->base)
      memmove(L->base, L->top - nres, (size_t)nres * sizeof(TValue));
    n = lu_vm_coleave(L, L->base, L->base, nres, 0);
    cframe_continue(R, R->cframe, CFRAME_CATCH_RETURN, n);
  }
  cf = (CFrame *)cfv;
  if (cf == NULL || cf->kind != CFRAME_RESUME) {
    /* Report the error at the Lua caller of yield, as LuaJIT does. */
    if (L->base > L->stack + 2 && frame_islua(L->base)) {
      L->savedpc = frame_pc(L->base);
      L->base = lu_frame_prev(L->base);
    }
    lu_err_msg(L, LU_ERR_CYIELD);
  }
  if (L->top - nres != L->base) {
    memmove(L->base, L->top - nres, (size_t)nres * sizeof(TValue));
    L->top = L->base + nres;
  }
  cf->status = LUA_YIELD;
  LU_LONGJMP(cf->jb);
}

int lu_vm_yield(lua_State *L, int nres)
{
  lu_vm_yieldnow(L, nres);
  return -1;  /* Not reached. */
}

/* -- Inline coroutine switches --------------------------------------------
** coroutine.resume, coroutine.yield and the functions made by
** coroutine.wrap are fast functions: called from the interpreter they
** switch threads inside the running interpreter activation (see "Inline
** resumes" in call.h). Arguments are copied once into the coroutine and
** results once back into the resume frame. Anything unusual (bad
** arguments, a coroutine that is not suspended, big argument lists, the
** nesting limit) is left to the C functions of src/lib/coroutine.c, which
** resume through lu_vm_resume and give the errors.
*/

/* Wrap: rethrow the error object of a failed coroutine in L, string
** messages prefixed with the position of the wrap function's caller (as
** LuaJIT does; other values unchanged). L->base is the wrap frame. */
static LU_NORET void co_wraperror(lua_State *L, TValue err)
{
  L->top[0] = err;  /* Reachable while the message is formatted. */
  L->top++;
  if (tvisstr(&err)) lu_err_callermsg(L, strdata(strV(&err)));
  lu_err_throw(L, LUA_ERRRUN);
}

TValue *lu_vm_coleave_grow(lua_State *L, lua_State *R, int n)
{
  TValue *rb = R->base;
  ptrdiff_t rbo = savestack(R, rb);
  if (n + 1 > LUAI_MAXCSTACK || (rb - R->stack) + n + 1 > LU_MAX_STACK) {
    L->top = L->base;  /* The results are lost, as in lua_resume. */
    lu_err_callermsg(R, "too many results to resume");
  }
  R->top = rb;
  lu_state_checkstack(R, (MSize)(n + 1));
  return restorestack(R, rbo);
}

int lu_vm_isyieldable(lua_State *L)
{
  void *cfv = L->cframe;
  return cfv != NULL &&
         (cframe_isinline(cfv) || ((CFrame *)cfv)->kind == CFRAME_RESUME);
}

/* -- The unwinder ------------------------------------------------------- */

/* Call the message handler h with the error object at L->top - 1 at the
** throw point; the handler's result replaces the error object. An error in
** the handler gives "error in error handling" (status LUA_ERRERR). */
static int err_callhandler(lua_State *L, TValue handler, int errcode)
{
  TValue err = L->top[-1];
  TValue *f;
  int st;
  lu_state_checkstack(L, 3);
  f = L->top;
  f[0] = handler;
  f[1] = err;
  L->top = f + 2;
  st = lu_vm_pcall(L, f, 1, 0);
  if (st == LUA_ERRMEM) {
    /* Out of memory in the handler: report that, as for any memory
    ** error (the preallocated message is already on top). */
    return LUA_ERRMEM;
  } else if (st != 0) {
    f = L->top - 1;
    setstrV(L, f, lu_str_newz(L, err2msg(LU_ERR_ERRERR)));
    return LUA_ERRERR;
  }
  return errcode;
}

/* Last resort: no catch point at all. */
static LU_NORET void err_panic(lua_State *L, int errcode)
{
  global_State *g = G(L);
  if (g->panic != NULL) g->panic(L);
  fprintf(stderr, "PANIC: unprotected error in call to Lua API (%s)\n",
          tvisstr(L->top - 1) ? strdata(strV(L->top - 1)) : "?");
  fflush(stderr);
  exit(EXIT_FAILURE);
}

void lu_err_throw(lua_State *L, int errcode)
{
  void *cfv = L->cframe;
  TValue *frame = L->base;
  for (;;) {
    TValue *bottom = L->stack + 2;
    CFrame *cf;
    if (cfv == NULL) err_panic(L, errcode);
    if (cframe_isinline(cfv)) {
      /* L runs inline-resumed: all its frames belong to that resume. */
      for (; frame > bottom; frame = lu_frame_prev(frame)) {
        int t = frame_typep(frame);
        if (!frame_islua(frame) && (t == FRAME_PCALL || t == FRAME_PCALLH)) {
          ptrdiff_t fo = savestack(L, frame);
          if (t == FRAME_PCALLH && errcode == LUA_ERRRUN)
            err_callhandler(L, frame[-3], errcode);
          cframe_continue(L, cfv, fo, 0);
        }
      }
      /* Walked off the bottom: the coroutine dies with the error and the
      ** resume returns false, msg (wrap: the error goes on in R). */
      {
        lua_State *R = cframe_resumer(cfv);
        TValue err = L->top[-1];
        TValue *rb = R->base;
        L->top--;
        L->status = (uint8_t)errcode;
        L->cframe = NULL;
        L->nCcalls = 0;
        lu_state_relimitstack(L);
        if (funcV(rb - 2)->c.ffid == FF_coroutine_wrap_aux)
          co_wraperror(R, err);
        setboolV(&rb[0], 0);
        rb[1] = err;
        R->top = rb + 2;
        cframe_continue(R, R->cframe, CFRAME_CATCH_RETURN, 2);
      }
    }
    cf = (CFrame *)cfv;
    if (frame <= restorestack(L, cf->level) || frame <= bottom) {
      /* Walked out of the region of cf. */
      if (cf->kind == CFRAME_CALL) {
        cfv = cf->prev;
        continue;
      }
      if (cf->kind == CFRAME_PCALL && cf->errfunc != 0 &&
          errcode == LUA_ERRRUN) {
        TValue h = *restorestack(L, cf->errfunc);
        errcode = err_callhandler(L, h, errcode);
      }
      cf->status = errcode;
      cf->catchframe = CFRAME_CATCH_NONE;
      LU_LONGJMP(cf->jb);
    }
    if (!frame_islua(frame)) {
      int t = frame_typep(frame);
      if (t == FRAME_PCALL || t == FRAME_PCALLH) {
        ptrdiff_t fo = savestack(L, frame);
        if (t == FRAME_PCALLH && errcode == LUA_ERRRUN) {
          /* xpcall: handler slot sits below f's slot. The handler may
          ** reallocate the stack: only offsets survive. */
          err_callhandler(L, frame[-3], errcode);
        }
        cf->status = errcode;
        cf->catchL = L;
        cf->catchframe = fo;
        LU_LONGJMP(cf->jb);
      }
    }
    frame = lu_frame_prev(frame);
  }
}

/* -- pcall/xpcall as plain C functions ------------------------------------
** The interpreter implements both as fast functions (a PCALL frame, no C
** recursion). These C versions are what the base library registers; they
** run only if called outside the interpreter's dispatch.
*/

int lu_ff_pcall(lua_State *L)
{
  int status;
  int n = (int)(L->top - L->base);
  if (n < 1) lu_err_arg(L, 1, LU_ERR_NOVAL);
  status = lu_vm_pcall(L, L->base, LUA_MULTRET, 0);
  lu_state_checkstack(L, 1);
  memmove(L->base + 1, L->base, (size_t)((char *)L->top - (char *)L->base));
  L->top++;
  setboolV(L->base, status == 0);
  return (int)(L->top - L->base);
}

int lu_ff_xpcall(lua_State *L)
{
  int status;
  TValue h;
  int n = (int)(L->top - L->base);
  if (n < 1) lu_err_arg(L, 1, LU_ERR_NOVAL);
  if (n < 2 || !tvisfunc(L->base + 1)) lu_err_argtype(L, 2, "function");
  /* Stack: f, h, args... -> h, f, args... and keep h below f. */
  h = L->base[1];
  L->base[1] = L->base[0];
  L->base[0] = h;
  status = lu_vm_pcall(L, L->base + 1, LUA_MULTRET, savestack(L, L->base));
  setboolV(L->base, status == 0);
  return (int)(L->top - L->base);
}
