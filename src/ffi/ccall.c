/*
** lunar FFI: calls of C functions (see ccall.h).
**
** System V x86-64 rules used here: integer, pointer, bool and enum
** arguments take the next of six integer registers, float and double the
** next of eight vector registers; once a class runs out, its arguments go
** to the stack in order, 8 bytes each. Integers are widened to 64 bits
** (sign- or zero-extended) so that callees that rely on extension work.
*/
#include <errno.h>
#include <string.h>

#include "ccall.h"
#include "cdata.h"
#include "../api/lauxlib.h"
#include "../core/state.h"

typedef struct CCallArgs {
  CCallState cs;
  int ngpr;
} CCallArgs;

/* Put one 8-byte argument of class fp (vector) or integer. */
static void ccall_put(CTState *cts, CCallArgs *ca, int isfp, uint64_t bits)
{
  CCallState *cs = &ca->cs;
  if (isfp && cs->nfpr < 8) {
    memcpy(&cs->fpr[cs->nfpr++], &bits, 8);
  } else if (!isfp && ca->ngpr < 6) {
    cs->gpr[ca->ngpr++] = bits;
  } else {
    if (cs->nsp >= CCALL_MAXSTACK)
      luaL_error(cts->L, "too many arguments for a C function call");
    cs->stack[cs->nsp++] = bits;
  }
}

/* The C type a vararg takes from its Lua value. */
static CTypeID ccall_varargtype(CTState *cts, const TValue *o)
{
  if (tvisnumber(o)) return CTID_DOUBLE;
  if (tvisstr(o)) return CTID_P_CCHAR;
  if (tvisbool(o)) return CTID_INT32;
  if (tvisnil(o) || tvislightud(o) || tvisudata(o)) return CTID_P_VOID;
  if (tviscdata(o)) {
    CTypeID id;
    CType *ct;
    (void)lu_cdata_deref(cts, cdataV(o), &id);
    ct = lu_ctype_raw(cts, id);
    if (ct->kind == CT_ENUM) return CTID_INT32;
    if (ct->kind == CT_NUM) {
      if (ct->flags & CTF_FP) return CTID_DOUBLE;
      if (ct->size < 4) return CTID_INT32;
      return id;
    }
    if (ct->kind == CT_ARRAY) return lu_ctype_ptrto(cts, ct->cid, 0);
    if (ct->kind == CT_FUNC) return lu_ctype_ptrto(cts, id, 0);
    return id;
  }
  return CTID_P_VOID;  /* Converting will raise the error. */
}

/* Convert argument o (number n, 1-based) to C type id and place it. */
static void ccall_arg(CTState *cts, CCallArgs *ca, CTypeID id,
                      const TValue *o, int n)
{
  CType *ct = lu_ctype_raw(cts, id);
  uint8_t tmp[16];
  uint64_t bits = 0;
  if (ct->kind == CT_ENUM) {
    id = ct->cid;
    ct = lu_ctype_raw(cts, id);
  }
  if (ct->kind == CT_STRUCT || (ct->flags & CTF_LONGDBL))
    luaL_error(cts->L, "passing structs or long double by value to C "
               "functions is not implemented");
  memset(tmp, 0, sizeof(tmp));
  lu_cconv_ct_tv(cts, id, tmp, o, n << CCF_ARGSHIFT);
  if (ct->kind == CT_NUM && (ct->flags & CTF_FP)) {
    memcpy(&bits, tmp, ct->size);  /* float: low 32 bits. */
    ccall_put(cts, ca, 1, bits);
    return;
  }
  if (ct->kind == CT_NUM) {
    int uns = (ct->flags & (CTF_UNSIGNED | CTF_BOOL)) != 0;
    switch (ct->size) {
    case 1: bits = uns ? (uint64_t)tmp[0] : (uint64_t)(int64_t)(int8_t)tmp[0]; break;
    case 2: { uint16_t v; memcpy(&v, tmp, 2);
      bits = uns ? (uint64_t)v : (uint64_t)(int64_t)(int16_t)v; break; }
    case 4: { uint32_t v; memcpy(&v, tmp, 4);
      bits = uns ? (uint64_t)v : (uint64_t)(int64_t)(int32_t)v; break; }
    default: memcpy(&bits, tmp, 8); break;
    }
  } else {
    memcpy(&bits, tmp, 8);  /* Pointers. */
  }
  ccall_put(cts, ca, 0, bits);
}

int lu_ccall_call(CTState *cts, CTypeID fid, void *fp, TValue *args,
                  int nargs)
{
  lua_State *L = cts->L;
  CType *ft = lu_ctype_raw(cts, fid);
  CCallArgs ca;
  CTypeID pid, rid;
  CType *rt;
  int i, nfixed;
  if (ft->kind == CT_PTR) {
    fid = ft->cid;
    ft = lu_ctype_raw(cts, fid);
  }
  rid = ft->cid;
  rt = lu_ctype_raw(cts, rid);
  if (rt->kind == CT_STRUCT || (rt->kind == CT_NUM && (rt->flags & CTF_LONGDBL)))
    luaL_error(L, "returning structs or long double by value from C "
               "functions is not implemented");
  nfixed = (int)ft->value;
  if (nargs < nfixed || (nargs > nfixed && !(ft->flags & CTF_VARARG)))
    luaL_error(L, "wrong number of arguments for function call");
  memset(&ca, 0, sizeof(ca));
  ca.cs.func = fp;
  pid = ft->sib;
  for (i = 0; i < nargs; i++) {
    CTypeID aid;
    if (i < nfixed) {
      aid = ctype_get(cts, pid)->cid;
      pid = ctype_get(cts, pid)->sib;
    } else {
      aid = ccall_varargtype(cts, &args[i]);
    }
    ccall_arg(cts, &ca, aid, &args[i], i + 1);
  }
  errno = 0;
  lu_ccall_x64(&ca.cs);
  cts->savederrno = errno;
  cts->L = L;  /* Callbacks may have run the FFI on other threads. */
  /* The result. */
  rt = lu_ctype_raw(cts, rid);
  if (rt->kind == CT_ENUM) rt = lu_ctype_raw(cts, rt->cid);
  if (rt->kind == CT_VOID) return 0;
  lu_state_checkstack(L, 1);
  if (rt->kind == CT_NUM && (rt->flags & CTF_FP)) {
    uint8_t tmp[8];
    memcpy(tmp, &ca.cs.rfpr[0], 8);
    lu_cconv_tv_ct(cts, rid, tmp, L->top, NULL);
  } else {
    uint8_t tmp[8];
    memcpy(tmp, &ca.cs.rgpr[0], 8);
    lu_cconv_tv_ct(cts, rid, tmp, L->top, NULL);
  }
  L->top++;
  return 1;
}
