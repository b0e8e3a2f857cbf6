/*
** lunar FFI: callbacks (see ccallback.h for the design).
**
** Argument and result rules (x86-64 System V, the same as ccall.c uses
** for calls): integer, pointer, bool and enum values take the next of the
** six integer registers, float and double the next of the eight vector
** registers; once a class is used up its arguments are read from the
** caller's stack, 8 bytes each, in order. Small values sit in the low bytes
** of their register or slot. Results go back in rax (integers extended to
** 64 bits) or xmm0.
*/
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>

#include "ccallback.h"
#include "cdata.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../core/err.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/state.h"

/* -- The pool ------------------------------------------------------------- */

/* __gc of the pool's userdata (runs at lua_close): unmap the code. No
** callback can be made afterwards (a finalizer that tries gets "too many
** callbacks"). */
static int ccallback_gc(lua_State *L)
{
  CCallbackState *cbs = (CCallbackState *)lua_touserdata(L, 1);
  if (cbs != NULL) {
    if (cbs->mcode != NULL) munmap(cbs->mcode, CCB_MCODESIZE);
    cbs->mcode = NULL;
    memset(cbs->cbid, 0, sizeof(cbs->cbid));
    cbs->hint = CCB_MAXSLOT;
  }
  return 0;
}

void lu_ccallback_init(lua_State *L, CTState *cts)
{
  CCallbackState *cbs;
  GCtab *funcs;
  lua_checkstack(L, 6);
  lua_newtable(L);
  funcs = (GCtab *)lua_topointer(L, -1);
  cbs = (CCallbackState *)lua_newuserdata(L, sizeof(CCallbackState));
  memset(cbs, 0, sizeof(*cbs));
  lua_pushvalue(L, -2);
  lua_setfenv(L, -2);                /* The functions live in its env. */
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, ccallback_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  /* Anchor: CTState env.callbacks = the pool. */
  lua_getfield(L, LUA_REGISTRYINDEX, "_FFI_CTSTATE");
  lua_getfenv(L, -1);
  lua_pushvalue(L, -3);
  lua_setfield(L, -2, "callbacks");
  lua_pop(L, 4);
  cbs->funcs = funcs;
  cts->cb = cbs;
}

/* Map and write the code of the pool (first callback of the state). Only
** C memory: the Lua stack is not touched. */
static void ccallback_map(CTState *cts)
{
  CCallbackState *cbs = cts->cb;
  void *p = mmap(NULL, CCB_MCODESIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    lu_err_callermsg(cts->L, "cannot allocate memory for callbacks");
  lu_ccallback_x64_emit((uint8_t *)p, cts);
  if (mprotect(p, CCB_MCODESIZE, PROT_READ | PROT_EXEC) != 0) {
    munmap(p, CCB_MCODESIZE);
    lu_err_callermsg(cts->L, "cannot make callback code executable");
  }
  cbs->mcode = (uint8_t *)p;
}

/* Can a callback have the value type id (a parameter or, with isres, the
** result)? Numbers (not long double), enums, pointers; void results. */
static int ccallback_oktype(CTState *cts, CTypeID id, int isres)
{
  CType *ct = lu_ctype_raw(cts, id);
  switch (ct->kind) {
  case CT_NUM:
    return !(ct->flags & (CTF_LONGDBL | CTF_CTYPEID));
  case CT_ENUM:
  case CT_PTR:
    return 1;
  case CT_VOID:
    return isres;
  default:
    return 0;
  }
}

/* The FUNC type of a callback of pointer type id, or 0 if a callback
** cannot have that type. */
static CTypeID ccallback_functype(CTState *cts, CTypeID id)
{
  CType *ct = lu_ctype_raw(cts, id);
  CTypeID fid, pid;
  if (ct->kind != CT_PTR) return 0;
  fid = lu_ctype_resolve(cts, ct->cid);
  ct = ctype_get(cts, fid);
  if (ct->kind != CT_FUNC || (ct->flags & CTF_VARARG)) return 0;
  if (!ccallback_oktype(cts, ct->cid, 1)) return 0;
  for (pid = ct->sib; pid != 0; pid = ctype_get(cts, pid)->sib)
    if (!ccallback_oktype(cts, ctype_get(cts, pid)->cid, 0)) return 0;
  return fid;
}

void *lu_ccallback_new(CTState *cts, CTypeID id, const TValue *fn, int flags)
{
  lua_State *L = cts->L;
  CCallbackState *cbs = cts->cb;
  CTypeID fid = ccallback_functype(cts, id);
  MSize n;
  if (fid == 0) lu_cconv_err(cts, id, 0, fn, flags);
  lu_assert(cbs != NULL, "the pool is made with the state");
  for (n = cbs->hint; n < CCB_MAXSLOT && cbs->cbid[n] != 0; n++) ;
  if (n >= CCB_MAXSLOT) lu_err_callermsg(L, "too many callbacks");
  if (cbs->mcode == NULL) ccallback_map(cts);
  setfuncV(L, lu_tab_setint(L, cbs->funcs, (int32_t)n), funcV(fn));
  lu_gc_anybarriert(L, cbs->funcs);
  cbs->cbid[n] = fid;
  cbs->hint = n + 1;
  return cbs->mcode + CCB_HEADSIZE + n * CCB_STUBSIZE;
}

int lu_ccallback_slot(CTState *cts, const void *p)
{
  CCallbackState *cbs = cts->cb;
  uintptr_t a = (uintptr_t)p, base, off;
  if (cbs == NULL || cbs->mcode == NULL) return -1;
  base = (uintptr_t)cbs->mcode + CCB_HEADSIZE;
  if (a < base) return -1;
  off = a - base;
  if (off % CCB_STUBSIZE != 0 || off / CCB_STUBSIZE >= CCB_MAXSLOT) return -1;
  if (cbs->cbid[off / CCB_STUBSIZE] == 0) return -1;
  return (int)(off / CCB_STUBSIZE);
}

void lu_ccallback_free(CTState *cts, int n)
{
  CCallbackState *cbs = cts->cb;
  cbs->cbid[n] = 0;
  setnilV(lu_tab_setint(cts->L, cbs->funcs, n));
  if ((MSize)n < cbs->hint) cbs->hint = (MSize)n;
}

void lu_ccallback_set(CTState *cts, int n, const TValue *fn)
{
  CCallbackState *cbs = cts->cb;
  setfuncV(cts->L, lu_tab_setint(cts->L, cbs->funcs, n), funcV(fn));
  lu_gc_anybarriert(cts->L, cbs->funcs);
}

/* -- Calls from C ----------------------------------------------------------- */

/* Raise msg for a bad result of the Lua function fn: with the position
** "chunk:LINE:" of the end of fn, as LuaJIT reports it. */
LU_NORET void lu_ccallback_reserr(CTState *cts, const char *msg)
{
  lua_State *L = cts->L;
  lua_Debug ar;
  lua_checkstack(L, 3);
  lua_pushstring(L, msg);
  setfuncV(L, L->top, cts->cb->errfn);
  L->top++;
  if (lua_getinfo(L, ">S", &ar) && ar.what[0] != 'C')
    lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.lastlinedefined, msg);
  lua_error(L);
  for (;;) ;  /* Not reached. */
}

/* The argument bytes of the next value of class isfp. */
static uint8_t *ccallback_argp(CCallbackFrame *cf, int isfp, int *ngpr,
                               int *nfpr, int *nsp)
{
  if (isfp && *nfpr < 8) return (uint8_t *)&cf->fpr[(*nfpr)++];
  if (!isfp && *ngpr < 6) return (uint8_t *)&cf->gpr[(*ngpr)++];
  return (uint8_t *)&cf->stack[(*nsp)++];
}

void lu_ccallback_handler(CTState *cts, CCallbackFrame *cf)
{
  lua_State *L = cts->L;
  CCallbackState *cbs = cts->cb;
  MSize slot = (MSize)cf->slot;
  /* cts->L is the thread of the FFI call that led here, so it is running.
  ** Called from C code entered otherwise, it may be a suspended or dead
  ** coroutine: run on the main thread then. */
  if (L->status != 0) {
    L = G(L)->mainthread;
    lu_ctype_setL(cts, L);
  }
  CTypeID fid = slot < CCB_MAXSLOT ? cbs->cbid[slot] : 0;
  const TValue *fn = fid ? lu_tab_getint(cbs->funcs, (int32_t)slot) : NULL;
  CTypeID pid, rid;
  CType *rt;
  int nargs, ngpr = 0, nfpr = 0, nsp = 0;
  if (fn == NULL || !tvisfunc(fn)) {
    /* A freed slot (or one whose function is gone). */
    lua_checkstack(L, 1);
    lua_pushstring(L, "bad callback");
    lua_error(L);
  }
  nargs = (int)ctype_get(cts, fid)->value;
  if (!lua_checkstack(L, nargs + 3)) luaL_error(L, "stack overflow");
  /* The function twice: one copy stays for messages about the result. */
  L->top[0] = *fn;
  L->top[1] = *fn;
  L->top += 2;
  for (pid = ctype_get(cts, fid)->sib; pid != 0;
       pid = ctype_get(cts, pid)->sib) {
    CTypeID aid = ctype_get(cts, pid)->cid;
    CType *at = lu_ctype_raw(cts, aid);
    int isfp = at->kind == CT_NUM && (at->flags & CTF_FP);
    uint8_t *p = ccallback_argp(cf, isfp, &ngpr, &nfpr, &nsp);
    lu_cconv_tv_ct(cts, aid, p, L->top, NULL);
    L->top++;
  }
  lua_call(L, nargs, 1);
  lu_ctype_setL(cts, L);  /* FFI use in the callee may switch threads. */
  /* The result. */
  cf->rgpr[0] = cf->rgpr[1] = 0;
  cf->rfpr[0] = cf->rfpr[1] = 0;
  rid = ctype_get(cts, fid)->cid;
  rt = lu_ctype_raw(cts, rid);
  if (rt->kind == CT_ENUM) rt = lu_ctype_raw(cts, rt->cid);
  if (rt->kind != CT_VOID) {
    uint8_t tmp[8];
    memset(tmp, 0, sizeof(tmp));
    cbs->errfn = funcV(L->top - 2);
    lu_cconv_ct_tv(cts, rid, tmp, L->top - 1, CCF_CBRES | CCF_INIT);
    rt = lu_ctype_raw(cts, rid);
    if (rt->kind == CT_ENUM) rt = lu_ctype_raw(cts, rt->cid);
    if (rt->kind == CT_NUM && (rt->flags & CTF_FP)) {
      memcpy(&cf->rfpr[0], tmp, 8);  /* float: the low 4 bytes. */
    } else if (rt->kind == CT_NUM && rt->size < 8) {
      int uns = (rt->flags & (CTF_UNSIGNED | CTF_BOOL)) != 0;
      uint64_t v;
      switch (rt->size) {
      case 1: v = uns ? (uint64_t)tmp[0] : (uint64_t)(int64_t)(int8_t)tmp[0];
        break;
      case 2: { uint16_t x; memcpy(&x, tmp, 2);
        v = uns ? (uint64_t)x : (uint64_t)(int64_t)(int16_t)x; break; }
      default: { uint32_t x; memcpy(&x, tmp, 4);
        v = uns ? (uint64_t)x : (uint64_t)(int64_t)(int32_t)x; break; }
      }
      cf->rgpr[0] = v;
    } else {
      memcpy(&cf->rgpr[0], tmp, 8);  /* 64-bit integers, pointers. */
    }
  }
  L->top -= 2;
}
