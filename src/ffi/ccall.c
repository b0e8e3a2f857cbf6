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

/* -- Structs and unions by value -------------------------------------------
**
** System V classifies an aggregate of at most 16 bytes by its eightbytes
** (8-byte chunks): one holding any integer or pointer part is INTEGER, one
** holding only float/double parts SSE. Bigger aggregates, and those with a
** misaligned member or a long double, are MEMORY: passed as a copy on the
** stack, returned through a buffer whose address the caller passes as a
** hidden first integer argument (and gets back in rax). An argument whose
** eightbytes do not all fit in the remaining registers of their classes
** goes entirely to the stack. Results: INTEGER eightbytes come back in rax
** then rdx, SSE ones in xmm0 then xmm1.
*/

/* Eightbyte classes, merged by taking the larger. CCL_X87: a long double
** part (not implemented; it would be MEMORY as an argument and come back
** on the x87 stack as a result). */
enum { CCL_NONE, CCL_SSE, CCL_INT, CCL_MEM, CCL_X87 };

/* Merge class c into the eightbytes covered by [ofs, ofs+sz). A part that
** is misaligned makes everything MEMORY. */
static void ccall_clsmerge(uint8_t cl[2], CTSize ofs, CTSize sz, int c,
                           CTSize align)
{
  CTSize i;
  if (sz == 0) return;
  if (align > 1 && ofs % align != 0) c = CCL_MEM;
  for (i = ofs / 8; i <= (ofs + sz - 1) / 8 && i < 2; i++)
    if (cl[i] < c) cl[i] = (uint8_t)c;
  if ((ofs + sz - 1) / 8 >= 2)  /* Beyond 16 bytes. */
    for (i = 0; i < 2; i++)
      if (cl[i] < CCL_MEM) cl[i] = CCL_MEM;
}

/* Classify the object of type id at byte offset ofs of the aggregate. */
static void ccall_clsof(CTState *cts, CTypeID id, CTSize ofs, uint8_t cl[2])
{
  CType *ct = lu_ctype_raw(cts, id);
  if (ct->kind == CT_ENUM) ct = lu_ctype_raw(cts, ct->cid);
  switch (ct->kind) {
  case CT_NUM:
    if (ct->flags & CTF_LONGDBL) cl[0] = cl[1] = CCL_X87;
    else ccall_clsmerge(cl, ofs, ct->size,
                        (ct->flags & CTF_FP) ? CCL_SSE : CCL_INT, ct->size);
    break;
  case CT_PTR:
    ccall_clsmerge(cl, ofs, 8, CCL_INT, 8);
    break;
  case CT_ARRAY: {
    CTypeID eid = ct->cid;
    CTSize esz = lu_ctype_raw(cts, eid)->size, i;
    if (ct->size == CTSIZE_INVALID || esz == CTSIZE_INVALID) {
      ccall_clsmerge(cl, 0, 16, CCL_MEM, 1);
      break;
    }
    for (i = 0; esz != 0 && i < ct->size / esz && cl[0] < CCL_MEM; i++)
      ccall_clsof(cts, eid, ofs + i * esz, cl);
    break;
  }
  case CT_STRUCT: {
    CTypeID fid;
    for (fid = ct->sib; fid != 0; fid = ctype_get(cts, fid)->sib) {
      CType *f = ctype_get(cts, fid);
      if (f->bits != 0) {
        unsigned pos = f->bits & 0xff, w = f->bits >> 8;
        ccall_clsmerge(cl, ofs + (CTSize)f->value, (pos + w + 7) / 8,
                       CCL_INT, 1);
      } else {
        ccall_clsof(cts, f->cid, ofs + (CTSize)f->value, cl);
      }
    }
    break;
  }
  default:
    ccall_clsmerge(cl, 0, 16, CCL_MEM, 1);
    break;
  }
}

/* The classes of the eightbytes of aggregate id: both CCL_MEM if it goes
** to memory, both CCL_X87 if it has a long double part. Returns the number
** of eightbytes (0 for an empty aggregate). */
static int ccall_classify(CTState *cts, CTypeID id, uint8_t cl[2])
{
  CType *ct = lu_ctype_raw(cts, id);
  CTSize sz = ct->size;
  cl[0] = cl[1] = CCL_NONE;
  if (sz == CTSIZE_INVALID)
    luaL_error(cts->L, "size of C type is unknown or too large");
  ccall_clsof(cts, id, 0, cl);
  if (cl[0] == CCL_X87 || cl[1] == CCL_X87) {
    cl[0] = cl[1] = CCL_X87;
  } else if (sz > 16 || cl[0] == CCL_MEM || cl[1] == CCL_MEM) {
    cl[0] = cl[1] = CCL_MEM;
  }
  return (int)((sz + 7) / 8);
}

/* Reserve n stack slots (8 bytes each, the first 16-byte aligned if
** align16) and return the first. */
static uint64_t *ccall_stackslots(CTState *cts, CCallArgs *ca, CTSize n,
                                  int align16)
{
  CCallState *cs = &ca->cs;
  uint64_t *p;
  if (align16 && (cs->nsp & 1)) cs->nsp++;
  if (cs->nsp + n > CCALL_MAXSTACK)
    luaL_error(cts->L, "too many or too large arguments for a C function call");
  p = &cs->stack[cs->nsp];
  cs->nsp += n;
  return p;
}

/* Pass the struct or union value o (argument n) of type id. */
static void ccall_structarg(CTState *cts, CCallArgs *ca, CTypeID id,
                            const TValue *o, int n)
{
  CType *ct = lu_ctype_raw(cts, id);
  CTSize sz = ct->size;
  uint8_t cl[2];
  int neb, i, nint = 0, nsse = 0;
  neb = ccall_classify(cts, id, cl);
  if (cl[0] == CCL_X87)
    luaL_error(cts->L, "passing structs with long double by value to C "
               "functions is not implemented");
  for (i = 0; i < neb && cl[0] != CCL_MEM; i++) {
    if (cl[i] == CCL_SSE) nsse++;
    else if (cl[i] == CCL_INT) nint++;
  }
  if (cl[0] == CCL_MEM || ca->ngpr + nint > 6 || ca->cs.nfpr + nsse > 8) {
    /* In memory: converted right into the stack slots. */
    CTSize nslot = (sz + 7) / 8;
    uint8_t *p = (uint8_t *)ccall_stackslots(cts, ca, nslot,
                                             lu_ctype_raw(cts, id)->align > 8);
    memset(p, 0, nslot * 8);
    lu_cconv_ct_tv(cts, id, p, o, (n << CCF_ARGSHIFT) | CCF_INIT);
  } else {
    uint64_t eb[2] = { 0, 0 };
    lu_cconv_ct_tv(cts, id, (uint8_t *)eb, o, (n << CCF_ARGSHIFT) | CCF_INIT);
    for (i = 0; i < neb; i++) {
      if (cl[i] == CCL_SSE) memcpy(&ca->cs.fpr[ca->cs.nfpr++], &eb[i], 8);
      else if (cl[i] == CCL_INT) ca->cs.gpr[ca->ngpr++] = eb[i];
    }
  }
}

/* -- Scalars ----------------------------------------------------------------- */

/* The register image of an integer of type ct (resolved NUM, not FP)
** whose value is v: truncated to the type's size, then sign- or
** zero-extended to 64 bits as System V callees may rely on. */
static LU_AINLINE uint64_t ccall_intbits(const CType *ct, int64_t v)
{
  int uns = (ct->flags & (CTF_UNSIGNED | CTF_BOOL)) != 0;
  switch (ct->size) {
  case 1: return uns ? (uint64_t)(uint8_t)v : (uint64_t)(int64_t)(int8_t)v;
  case 2: return uns ? (uint64_t)(uint16_t)v : (uint64_t)(int64_t)(int16_t)v;
  case 4: return uns ? (uint64_t)(uint32_t)v : (uint64_t)(int64_t)(int32_t)v;
  default: return (uint64_t)v;
  }
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
  if (tvisnumber(o) && ct->kind == CT_NUM &&
      !(ct->flags & (CTF_LONGDBL | CTF_CTYPEID))) {
    /* The common case, a Lua number for a C number: the conversion of
    ** lu_cconv_ct_tv (cconv_fromnum) straight into the register image. */
    double d = numV(o);
    if (ct->flags & CTF_FP) {
      if (ct->size == 4) {
        float f = (float)d;
        memcpy(&bits, &f, 4);  /* float: low 32 bits. */
      } else {
        memcpy(&bits, &d, 8);
      }
      ccall_put(cts, ca, 1, bits);
    } else {
      ccall_put(cts, ca, 0, ccall_intbits(ct, lu_cconv_dbl2int(ct, d)));
    }
    return;
  }
  if (ct->kind == CT_PTR && (tviscdata(o) || tvisstr(o))) {
    /* Also common: a pointer or array cdata, or a string, for a pointer
    ** parameter. The pointer rules of lu_cconv_ct_ct / lu_cconv_ct_tv
    ** for the cases that need no message: targets the same or one of
    ** them void (strings: to void or a 1-byte number). The rest, with
    ** its errors, goes the general way below. */
    CType *pt = lu_ctype_raw(cts, ct->cid);
    if (tvisstr(o)) {
      if (pt->kind == CT_VOID || (pt->kind == CT_NUM && pt->size == 1)) {
        ccall_put(cts, ca, 0, (uint64_t)(uintptr_t)strdata(strV(o)));
        return;
      }
    } else if (cdataV(o)->ctypeid != CTID_CTYPEID) {
      GCcdata *cd = cdataV(o);
      CType *st = lu_ctype_raw(cts, cd->ctypeid);
      if (st->kind == CT_PTR || st->kind == CT_ARRAY) {
        CType *starget = lu_ctype_raw(cts, st->cid);
        if (pt == starget || pt->kind == CT_VOID || starget->kind == CT_VOID) {
          if (st->kind == CT_PTR) memcpy(&bits, cdataptr(cd), 8);
          else bits = (uint64_t)(uintptr_t)cdataptr(cd);
          ccall_put(cts, ca, 0, bits);
          return;
        }
      }
    }
  }
  if (ct->kind == CT_STRUCT) {
    ccall_structarg(cts, ca, id, o, n);
    return;
  }
  if (ct->flags & CTF_LONGDBL)
    luaL_error(cts->L, "passing long double by value to C functions is not "
               "implemented");
  memset(tmp, 0, sizeof(tmp));
  /* CCF_INIT: a const parameter is initialised, not assigned. */
  lu_cconv_ct_tv(cts, id, tmp, o, (n << CCF_ARGSHIFT) | CCF_INIT);
  if (ct->kind == CT_NUM && (ct->flags & CTF_FP)) {
    memcpy(&bits, tmp, ct->size);  /* float: low 32 bits. */
    ccall_put(cts, ca, 1, bits);
    return;
  }
  if (ct->kind == CT_NUM) {
    int64_t v;
    memcpy(&v, tmp, 8);  /* Little endian: the low bytes are the value. */
    bits = ccall_intbits(ct, v);
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
  uint8_t rcl[2] = { CCL_NONE, CCL_NONE };
  int i, nfixed, rneb = 0, sret = 0;
  if (ft->kind == CT_PTR) {
    fid = ft->cid;
    ft = lu_ctype_raw(cts, fid);
  }
  rid = lu_ctype_resolve(cts, ft->cid);
  rt = ctype_get(cts, rid);
  if (rt->kind == CT_NUM && (rt->flags & CTF_LONGDBL))
    luaL_error(L, "returning long double by value from C functions is not "
               "implemented");
  nfixed = (int)ft->value;
  if (nargs < nfixed || (nargs > nfixed && !(ft->flags & CTF_VARARG)))
    luaL_error(L, "wrong number of arguments for function call");
  /* Only the counts: the trampoline loads all argument registers, but
  ** those beyond the counts carry nothing the callee may look at, and
  ** the stack slots in use are all written below. */
  ca.cs.nsp = 0;
  ca.cs.nfpr = 0;
  ca.ngpr = 0;
  ca.cs.func = fp;
  if (rt->kind == CT_STRUCT) {
    rneb = ccall_classify(cts, rid, rcl);
    if (rcl[0] == CCL_X87)
      luaL_error(L, "returning structs with long double by value from C "
                 "functions is not implemented");
    if (rcl[0] == CCL_MEM) {
      sret = 1;
      ca.ngpr = 1;  /* rdi: the address of the result buffer. */
    }
  }
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
  /* From here on args may be stale (the stack can move). */
  lu_state_checkstack(L, 1);
  if (sret) {
    /* The callee writes the result straight into the new cdata, which is
    ** anchored on the stack while callbacks might run the GC. */
    GCcdata *cd = lu_cdata_new(L, rid, lu_ctype_raw(cts, rid)->size);
    setcdataV(L, L->top, cd);
    L->top++;
    ca.cs.gpr[0] = (uint64_t)(uintptr_t)cdataptr(cd);
  }
  errno = 0;
  lu_ccall_x64(&ca.cs);
  cts->savederrno = errno;
  lu_ctype_setL(cts, L);  /* Callbacks may have run the FFI elsewhere. */
  /* The result. The type table may have grown: re-fetch rt. */
  if (sret) return 1;
  rt = lu_ctype_raw(cts, rid);
  if (rt->kind == CT_ENUM) rt = lu_ctype_raw(cts, rt->cid);
  if (rt->kind == CT_VOID) return 0;
  if (rt->kind == CT_STRUCT) {
    uint64_t eb[2] = { 0, 0 };
    int ni = 0, ns = 0;
    GCcdata *cd;
    for (i = 0; i < rneb; i++) {
      if (rcl[i] == CCL_SSE) memcpy(&eb[i], &ca.cs.rfpr[ns++], 8);
      else if (rcl[i] == CCL_INT) eb[i] = ca.cs.rgpr[ni++];
    }
    cd = lu_cdata_new(L, rid, rt->size);
    memcpy(cdataptr(cd), eb, rt->size);
    setcdataV(L, L->top, cd);
  } else if (rt->kind == CT_NUM && (rt->flags & CTF_FP)) {
    if (rt->size == 4) {
      float f;
      memcpy(&f, &ca.cs.rfpr[0], 4);
      setnumV_canon(L->top, (double)f);
    } else {
      setnumV_canon(L->top, ca.cs.rfpr[0]);
    }
  } else if (rt->kind == CT_NUM && rt->size < 8 &&
             !(rt->flags & (CTF_BOOL | CTF_CTYPEID))) {
    /* Integers up to 32 bits become Lua numbers (as lu_cconv_tv_ct); the
    ** callee need not have extended them beyond their size. */
    setnumV(L->top, (double)(int64_t)ccall_intbits(rt, (int64_t)ca.cs.rgpr[0]));
  } else {
    uint8_t tmp[8];
    memcpy(tmp, &ca.cs.rgpr[0], 8);
    lu_cconv_tv_ct(cts, rid, tmp, L->top, NULL);
  }
  L->top++;
  return 1;
}
