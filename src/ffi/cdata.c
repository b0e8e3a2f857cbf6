/*
** lunar FFI: cdata objects and conversions (see cdata.h).
*/
#include <string.h>
#include <math.h>

#include "cdata.h"
#include "ccallback.h"
#include "../api/lauxlib.h"
#include "../core/mem.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/state.h"

_Static_assert(sizeof(GCcdata) % 16 == 0, "cdata payload must be 16-aligned");

/* -- Objects ------------------------------------------------------------- */

GCcdata *lu_cdata_new(lua_State *L, CTypeID id, MSize sz)
{
  global_State *g = G(L);
  lua_State *mainth = g->mainthread;
  GCcdata *cd;
  if (sz > LU_MAX_STR) luaL_error(L, "not enough memory");
  cd = (GCcdata *)lu_mem_new(L, sizeof(GCcdata) + sz);
  memset(cd, 0, sizeof(GCcdata) + sz);
  cd->marked = lu_mem_curwhite(g);
  cd->gct = LU_GCT_CDATA;
  cd->ctypeid = id;
  cd->len = sz;
  /* Linked after the main thread, like userdata (see gc.c). */
  cd->nextgc = mainth->nextgc;
  mainth->nextgc = obj2gco(cd);
  return cd;
}

GCcdata *lu_cdata_newctype(lua_State *L, CTypeID id)
{
  GCcdata *cd = lu_cdata_new(L, CTID_CTYPEID, sizeof(CTypeID));
  *(CTypeID *)cdataptr(cd) = id;
  return cd;
}

GCcdata *lu_cdata_newref(lua_State *L, CTState *cts, CTypeID id, void *p,
                         GCcdata *owner)
{
  CTypeID rid = lu_ctype_intern(cts, CT_REF, 0, id, 8, 0);
  GCcdata *cd;
  ctype_get(cts, rid)->align = 8;
  cd = lu_cdata_new(L, rid, sizeof(void *));
  *(void **)cdataptr(cd) = p;
  cd->owner = obj2gco(owner);
  return cd;
}

CTypeID lu_cdata_typeof(CTState *cts, GCcdata *cd)
{
  (void)cts;
  if (cd->ctypeid == CTID_CTYPEID) return *(CTypeID *)cdataptr(cd);
  return cd->ctypeid;
}

uint8_t *lu_cdata_deref(CTState *cts, GCcdata *cd, CTypeID *idp)
{
  CTypeID id = cd->ctypeid;
  uint8_t *p = (uint8_t *)cdataptr(cd);
  CType *ct = lu_ctype_raw(cts, id);
  if (ct->kind == CT_REF) {
    p = *(uint8_t **)p;
    id = ct->cid;
  }
  *idp = id;
  return p;
}

/* -- Errors ---------------------------------------------------------------- */

void lu_cconv_err(CTState *cts, CTypeID did, CTypeID sid, const TValue *o,
                  int flags)
{
  lua_State *L = cts->L;
  const char *dst = lu_ctype_name(L, cts, did);
  const char *src;
  const char *msg;
  int narg = flags >> CCF_ARGSHIFT;
  if (o != NULL && !tviscdata(o)) src = lu_typename(o);
  else src = lu_ctype_name(L, cts, sid);
  msg = lua_pushfstring(L, "cannot convert '%s' to '%s'", src, dst);
  if (narg > 0) luaL_argerror(L, narg, msg);
  if (flags & CCF_CBRES) lu_ccallback_reserr(cts, msg);
  if (flags & CCF_CALLER) lu_err_callermsg(L, msg);
  lua_error(L);
  for (;;) ;  /* Not reached. */
}

/* -- C to C ---------------------------------------------------------------- */

/* Members of packed structs may be misaligned: C data is read and
** written through memcpy (plain moves on x86-64). */
static void *cconv_getptr(const uint8_t *p)
{
  void *v;
  memcpy(&v, p, sizeof(v));
  return v;
}

static void cconv_setptr(uint8_t *p, void *v)
{
  memcpy(p, &v, sizeof(v));
}

/* Load an integer of ct's size and signedness. */
static int64_t cconv_getint(CType *ct, const uint8_t *p)
{
  int uns = (ct->flags & CTF_UNSIGNED) != 0;
  switch (ct->size) {
  case 1: return uns ? (int64_t)*p : (int64_t)(int8_t)*p;
  case 2: { uint16_t v; memcpy(&v, p, 2);
    return uns ? (int64_t)v : (int64_t)(int16_t)v; }
  case 4: { uint32_t v; memcpy(&v, p, 4);
    return uns ? (int64_t)v : (int64_t)(int32_t)v; }
  default: { int64_t v; memcpy(&v, p, 8); return v; }
  }
}

static void cconv_putint(CType *ct, uint8_t *p, int64_t v)
{
  if (ct->flags & CTF_BOOL) { *p = v != 0; return; }
  switch (ct->size) {
  case 1: *p = (uint8_t)v; break;
  case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
  case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
  default: memcpy(p, &v, 8); break;
  }
}

static double cconv_getfp(CType *ct, const uint8_t *p)
{
  if (ct->size == 4) {
    float f;
    memcpy(&f, p, 4);
    return f;
  } else {
    double d;
    memcpy(&d, p, 8);
    return d;
  }
}

static void cconv_putfp(CType *ct, uint8_t *p, double d)
{
  if (ct->size == 4) {
    float f = (float)d;
    memcpy(p, &f, 4);
  } else {
    memcpy(p, &d, 8);
  }
}

/* Are pointer targets compatible for an implicit conversion? */
static int cconv_ptrcompat(CTState *cts, CTypeID dtarget, CTypeID starget)
{
  CType *d = lu_ctype_raw(cts, dtarget);
  CType *s = lu_ctype_raw(cts, starget);
  if (d->kind == CT_VOID || s->kind == CT_VOID) return 1;
  if (d == s) return 1;
  if (d->kind != s->kind) return 0;
  switch (d->kind) {
  case CT_NUM:
    return d->size == s->size &&
           ((d->flags ^ s->flags) & (CTF_FP | CTF_BOOL)) == 0 &&
           (d->size == 1 || !((d->flags ^ s->flags) & CTF_UNSIGNED));
  case CT_PTR:
    return cconv_ptrcompat(cts, d->cid, s->cid);
  case CT_ARRAY:
    return cconv_ptrcompat(cts, d->cid, s->cid);
  case CT_FUNC:
    return 1;
  case CT_ENUM:
    return 1;
  default:
    return 0;  /* Distinct structs. */
  }
}

void lu_cconv_ct_ct(CTState *cts, CTypeID did, CTypeID sid, uint8_t *dp,
                    uint8_t *sp, int flags)
{
  CType *d = lu_ctype_raw(cts, did);
  CType *s = lu_ctype_raw(cts, sid);
  if (s->kind == CT_REF) {
    sp = *(uint8_t **)sp;
    sid = s->cid;
    s = lu_ctype_raw(cts, sid);
  }
  if (s->kind == CT_ENUM) s = lu_ctype_raw(cts, s->cid);
  if (d->kind == CT_ENUM) d = lu_ctype_raw(cts, d->cid);
  switch (d->kind) {
  case CT_NUM:
    if (d->flags & CTF_LONGDBL) break;
    if (s->kind == CT_NUM && !(s->flags & CTF_LONGDBL)) {
      if (d->flags & CTF_FP) {
        double v;
        if (s->flags & CTF_FP) v = cconv_getfp(s, sp);
        else if (s->size == 8 && (s->flags & CTF_UNSIGNED))
          v = (double)(uint64_t)cconv_getint(s, sp);
        else v = (double)cconv_getint(s, sp);
        cconv_putfp(d, dp, v);
      } else if (s->flags & CTF_FP) {
        cconv_putint(d, dp, lu_cconv_dbl2int(d, cconv_getfp(s, sp)));
      } else if (d->flags & CTF_BOOL) {
        *dp = cconv_getint(s, sp) != 0;
      } else {
        cconv_putint(d, dp, cconv_getint(s, sp));
      }
      return;
    }
    if ((flags & CCF_CAST) && (s->kind == CT_PTR || s->kind == CT_ARRAY ||
                               s->kind == CT_FUNC)) {
      uintptr_t a = s->kind == CT_ARRAY ? (uintptr_t)sp :
                                          (uintptr_t)cconv_getptr(sp);
      if (d->flags & CTF_FP) cconv_putfp(d, dp, (double)a);
      else cconv_putint(d, dp, (int64_t)a);
      return;
    }
    break;
  case CT_PTR: {
    void *v;
    CTypeID starget;
    if (s->kind == CT_PTR) {
      v = cconv_getptr(sp);
      starget = s->cid;
    } else if (s->kind == CT_ARRAY) {
      v = sp;
      starget = s->cid;
    } else if (s->kind == CT_FUNC) {
      v = cconv_getptr(sp);  /* Function cdata hold the function address. */
      starget = sid;
    } else if (s->kind == CT_STRUCT) {
      v = sp;  /* Address of the struct (LuaJIT: for pointers to it). */
      starget = sid;
    } else if (s->kind == CT_NUM && (flags & CCF_CAST)) {
      v = (void *)(uintptr_t)(s->flags & CTF_FP ?
                              lu_cconv_d2i64(cconv_getfp(s, sp)) :
                              cconv_getint(s, sp));
      cconv_setptr(dp, v);
      return;
    } else {
      break;
    }
    if (!(flags & CCF_CAST) && !cconv_ptrcompat(cts, d->cid, starget)) break;
    cconv_setptr(dp, v);
    return;
  }
  case CT_STRUCT:
  case CT_ARRAY:
    if (d->size == CTSIZE_INVALID) break;  /* VLA/VLS: size unknown here. */
    if (d == s || (d->kind == CT_ARRAY && s->kind == CT_ARRAY &&
                   d->size == s->size &&
                   cconv_ptrcompat(cts, d->cid, s->cid))) {
      memcpy(dp, sp, d->size);
      return;
    }
    break;
  default:
    break;
  }
  lu_cconv_err(cts, did, sid, NULL, flags);
}

/* -- Lua to C ----------------------------------------------------------------- */

/* Store a Lua number into a C number or (cast only) pointer. */
static void cconv_fromnum(CTState *cts, CTypeID did, CType *d, uint8_t *dp,
                          double n, const TValue *o, int flags)
{
  if (d->kind == CT_ENUM) d = lu_ctype_raw(cts, d->cid);
  if (d->kind == CT_NUM && !(d->flags & CTF_LONGDBL)) {
    if (d->flags & CTF_FP) cconv_putfp(d, dp, n);
    else cconv_putint(d, dp, lu_cconv_dbl2int(d, n));
    return;
  }
  if (d->kind == CT_PTR && (flags & CCF_CAST)) {
    cconv_setptr(dp, (void *)(uintptr_t)lu_cconv_d2i64(n));
    return;
  }
  lu_cconv_err(cts, did, 0, o, flags);
}

/* Initialise the aggregate of type did at dp from a table. */
static void cconv_fromtab(CTState *cts, CTypeID did, CTSize sz, uint8_t *dp,
                          GCtab *t, int flags)
{
  CType *d = lu_ctype_raw(cts, did);
  if (d->kind == CT_ARRAY) {
    CTypeID eid = d->cid;
    CTSize esz = lu_ctype_raw(cts, eid)->size;
    MSize n = esz ? sz / esz : 0, i;
    const TValue *v0 = lu_tab_getint(t, 0);
    MSize start = (v0 != NULL && !tvisnil(v0)) ? 0 : 1;
    for (i = 0; i < n; i++) {
      const TValue *v = lu_tab_getint(t, (int32_t)(i + start));
      if (v == NULL || tvisnil(v)) break;
      lu_cconv_ct_tv(cts, eid, dp + i * esz, v, flags | CCF_INIT);
    }
  } else if (d->kind == CT_STRUCT) {
    CTypeID fid = d->sib;
    int i = 1;
    for (; fid != 0; fid = ctype_get(cts, fid)->sib) {
      CType *f = ctype_get(cts, fid);
      const TValue *v = NULL;
      if (f->name != NULL) v = lu_tab_getstr(t, f->name);
      if (v == NULL || tvisnil(v)) v = lu_tab_getint(t, i);
      i++;
      if (v != NULL && !tvisnil(v)) {
        CType *ft = lu_ctype_raw(cts, f->cid);
        if (f->bits != 0) {
          lu_cconv_bf_put(cts, f, dp + f->value, v, flags | CCF_INIT);
        } else if (ft->kind == CT_ARRAY && (ft->flags & CTF_VLA)) {
          if (tvistab(v))
            cconv_fromtab(cts, f->cid, sz - (CTSize)f->value, dp + f->value,
                          tabV(v), flags);
        } else {
          lu_cconv_ct_tv(cts, f->cid, dp + f->value, v, flags | CCF_INIT);
        }
        /* A union takes the first member the table gives a value. */
        if (d->flags & CTF_UNION) break;
      }
    }
  } else {
    lu_cconv_err(cts, did, 0, NULL, flags);
  }
}

void lu_cconv_ct_tv(CTState *cts, CTypeID did, uint8_t *dp, const TValue *o,
                    int flags)
{
  CType *d = lu_ctype_raw(cts, did);
  if (d->flags & CTF_CONST && !(flags & (CCF_INIT | CCF_CAST)) &&
      d->kind == CT_NUM) {
    lua_State *L = cts->L;
    lua_pushfstring(L, "attempt to write to constant location");
    lua_error(L);
  }
  if (tvisnumber(o)) {
    cconv_fromnum(cts, did, d, dp, numV(o), o, flags);
  } else if (tvisbool(o)) {
    if (d->kind == CT_NUM && !(d->flags & CTF_FP)) cconv_putint(d, dp, boolV(o));
    else lu_cconv_err(cts, did, 0, o, flags);
  } else if (tvisnil(o)) {
    if (d->kind == CT_PTR) cconv_setptr(dp, NULL);
    else lu_cconv_err(cts, did, 0, o, flags);
  } else if (tvisstr(o)) {
    GCstr *s = strV(o);
    if (d->kind == CT_PTR) {
      CType *t = lu_ctype_raw(cts, d->cid);
      if (!(flags & CCF_CAST) && !(t->kind == CT_VOID ||
                                   (t->kind == CT_NUM && t->size == 1)))
        lu_cconv_err(cts, did, 0, o, flags);
      cconv_setptr(dp, (void *)(uintptr_t)strdata(s));
    } else if (d->kind == CT_ARRAY && lu_ctype_raw(cts, d->cid)->kind == CT_NUM &&
               lu_ctype_raw(cts, d->cid)->size == 1) {
      CTSize n = d->size == CTSIZE_INVALID ? s->len + 1 : d->size;
      memcpy(dp, strdata(s), s->len + 1 < n ? s->len + 1 : n);
    } else if (d->kind == CT_ENUM) {
      CTypeID c;
      for (c = d->sib; c != 0; c = ctype_get(cts, c)->sib)
        if (ctype_get(cts, c)->name == s) break;
      if (c == 0) lu_cconv_err(cts, did, 0, o, flags);
      int32_t ev = (int32_t)ctype_get(cts, c)->value;
      memcpy(dp, &ev, 4);
    } else if (d->kind == CT_NUM && (flags & CCF_CAST)) {
      cconv_putint(d, dp, (int64_t)(uintptr_t)strdata(s));
    } else {
      lu_cconv_err(cts, did, 0, o, flags);
    }
  } else if (tviscdata(o)) {
    GCcdata *cd = cdataV(o);
    CTypeID sid = cd->ctypeid;
    uint8_t *sp = (uint8_t *)cdataptr(cd);
    if (sid == CTID_CTYPEID) lu_cconv_err(cts, did, sid, o, flags);
    lu_cconv_ct_ct(cts, did, sid, dp, sp, flags);
  } else if (tvistab(o) && (d->kind == CT_STRUCT || d->kind == CT_ARRAY)) {
    CTSize sz = d->size;
    if (sz == CTSIZE_INVALID) lu_cconv_err(cts, did, 0, o, flags);
    memset(dp, 0, sz);
    cconv_fromtab(cts, did, sz, dp, tabV(o), flags);
  } else if (tvislightud(o) && d->kind == CT_PTR) {
    cconv_setptr(dp, lightudV(o));
  } else if (tvisudata(o) && d->kind == CT_PTR) {
    cconv_setptr(dp, uddata(udataV(o)));
  } else if (tvisfunc(o) && d->kind == CT_PTR &&
             lu_ctype_raw(cts, d->cid)->kind == CT_FUNC) {
    cconv_setptr(dp, lu_ccallback_new(cts, did, o, flags));
  } else {
    lu_cconv_err(cts, did, 0, o, flags);
  }
}

void lu_cconv_init(CTState *cts, CTypeID did, CTSize sz, uint8_t *dp,
                   const TValue *o, int n)
{
  CType *d = lu_ctype_raw(cts, did);
  lua_State *L = cts->L;
  if (n == 0) return;  /* Already zeroed. */
  if (d->kind == CT_ARRAY) {
    CTypeID eid = d->cid;
    CTSize esz = lu_ctype_raw(cts, eid)->size;
    MSize cnt = esz ? sz / esz : 0, i;
    if (n == 1 && (tvistab(o) || (tvisstr(o) && esz == 1) ||
                   (tviscdata(o) && lu_ctype_raw(cts, cdataV(o)->ctypeid)->kind != CT_NUM))) {
      if (tvistab(o)) {
        CType *dd = lu_ctype_raw(cts, did);
        MSize tn = (MSize)lu_tab_len(tabV(o));
        const TValue *v0 = lu_tab_getint(tabV(o), 0);
        if (v0 != NULL && !tvisnil(v0)) tn++;
        if (tn > cnt && !(dd->flags & CTF_VLA)) {
          lua_pushfstring(L, "too many initializers for '%s'",
                          lu_ctype_name(L, cts, did));
          lua_error(L);
        }
        cconv_fromtab(cts, did, sz, dp, tabV(o), CCF_INIT);
      } else if (tvisstr(o)) {
        GCstr *s = strV(o);
        if (s->len > sz) {
          lua_pushfstring(L, "too many initializers for '%s'",
                          lu_ctype_name(L, cts, did));
          lua_error(L);
        }
        memcpy(dp, strdata(s), s->len < sz ? s->len + 1 : sz);
      } else {
        lu_cconv_ct_tv(cts, did, dp, o, CCF_INIT);
      }
      return;
    }
    if ((MSize)n > cnt) {
      lua_pushfstring(L, "too many initializers for '%s'",
                      lu_ctype_name(L, cts, did));
      lua_error(L);
    }
    for (i = 0; i < (MSize)n; i++)
      lu_cconv_ct_tv(cts, eid, dp + i * esz, &o[i], CCF_INIT);
    /* One initialiser fills all elements; otherwise the rest stays 0. */
    if (n == 1)
      for (i = 1; i < cnt; i++) memcpy(dp + i * esz, dp, esz);
  } else if (d->kind == CT_STRUCT) {
    if (n == 1 && (tvistab(o) || (tviscdata(o) &&
        lu_ctype_raw(cts, cdataV(o)->ctypeid) == d))) {
      if (tvistab(o)) cconv_fromtab(cts, did, sz, dp, tabV(o), CCF_INIT);
      else lu_cconv_ct_tv(cts, did, dp, o, CCF_INIT);
      return;
    } else {
      CTypeID fid = d->sib;
      int i = 0;
      for (; fid != 0 && i < n; fid = ctype_get(cts, fid)->sib) {
        CType *f = ctype_get(cts, fid);
        CType *ft = lu_ctype_raw(cts, f->cid);
        if (ft->kind == CT_ARRAY && (ft->flags & CTF_VLA)) {
          /* The trailing VLA of a VLS takes the remaining values. */
          CTSize esz = lu_ctype_raw(cts, ft->cid)->size;
          MSize nelem = esz ? (sz - (CTSize)f->value) / esz : 0;
          MSize k;
          for (k = 0; k < nelem && i < n; k++, i++)
            lu_cconv_ct_tv(cts, ft->cid, dp + f->value + k * esz, &o[i],
                           CCF_INIT);
          break;
        }
        if (f->bits != 0)
          lu_cconv_bf_put(cts, f, dp + f->value, &o[i], CCF_INIT);
        else
          lu_cconv_ct_tv(cts, f->cid, dp + f->value, &o[i], CCF_INIT);
        i++;
        if (d->flags & CTF_UNION) break;
      }
      if (i < n) {
        lua_pushfstring(L, "too many initializers for '%s'",
                        lu_ctype_name(L, cts, did));
        lua_error(L);
      }
    }
  } else {
    if (n > 1) {
      lua_pushfstring(L, "too many initializers for '%s'",
                      lu_ctype_name(L, cts, did));
      lua_error(L);
    }
    lu_cconv_ct_tv(cts, did, dp, o, CCF_INIT);
  }
}

/* -- Bit-fields ---------------------------------------------------------------------- */

/* The bytes a bit-field spans, loaded little endian. */
static uint64_t cconv_bf_load(const uint8_t *p, unsigned nbytes)
{
  uint64_t u = 0;
  memcpy(&u, p, nbytes);
  return u;
}

void lu_cconv_bf_get(CTState *cts, CType *f, uint8_t *p, TValue *o)
{
  CType *t = lu_ctype_raw(cts, f->cid);
  unsigned pos = f->bits & 0xff, w = f->bits >> 8;
  unsigned nbytes = (pos + w + 7) / 8;
  uint64_t mask = w >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << w) - 1);
  uint64_t v = (cconv_bf_load(p, nbytes) >> pos) & mask;
  int issigned;
  if (t->kind == CT_ENUM) t = lu_ctype_raw(cts, t->cid);
  issigned = !(t->flags & (CTF_UNSIGNED | CTF_BOOL));
  if (issigned && w < 64 && ((v >> (w - 1)) & 1)) v |= ~mask;
  if (t->flags & CTF_BOOL) {
    setboolV(o, v != 0);
  } else if (t->size == 8) {
    GCcdata *cd = lu_cdata_new(cts->L, issigned ? CTID_INT64 : CTID_UINT64, 8);
    *(uint64_t *)cdataptr(cd) = v;
    setcdataV(cts->L, o, cd);
  } else {
    setnumV(o, issigned ? (double)(int64_t)v : (double)v);
  }
}

void lu_cconv_bf_put(CTState *cts, CType *f, uint8_t *p, const TValue *o,
                     int flags)
{
  CType *t = lu_ctype_raw(cts, f->cid);
  unsigned pos = f->bits & 0xff, w = f->bits >> 8;
  unsigned nbytes = (pos + w + 7) / 8;
  uint64_t mask = w >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << w) - 1);
  uint8_t tmp[8];
  uint64_t v, u;
  memset(tmp, 0, sizeof(tmp));
  lu_cconv_ct_tv(cts, f->cid, tmp, o, flags);  /* Checks the conversion. */
  if (t->kind == CT_ENUM) t = lu_ctype_raw(cts, t->cid);
  v = (uint64_t)cconv_getint(t, tmp);
  u = cconv_bf_load(p, nbytes);
  u = (u & ~(mask << pos)) | ((v & mask) << pos);
  memcpy(p, &u, nbytes);
}

/* -- C to Lua ---------------------------------------------------------------------- */

void lu_cconv_tv_ct(CTState *cts, CTypeID sid, uint8_t *sp, TValue *o,
                    GCcdata *owner)
{
  lua_State *L = cts->L;
  CType *s = lu_ctype_raw(cts, sid);
  if (s->kind == CT_REF) {
    sp = *(uint8_t **)sp;
    sid = s->cid;
    s = lu_ctype_raw(cts, sid);
    owner = NULL;
  }
  switch (s->kind) {
  case CT_ENUM:
    s = lu_ctype_raw(cts, s->cid);
    /* fallthrough */
  case CT_NUM:
    if (s->flags & CTF_BOOL) {
      setboolV(o, *sp != 0);
    } else if (s->flags & CTF_LONGDBL) {
      luaL_error(L, "long double values are not implemented");
    } else if (s->flags & CTF_FP) {
      setnumV_canon(o, cconv_getfp(s, sp));
    } else if (s->size < 8) {
      setnumV(o, (double)cconv_getint(s, sp));
    } else {
      GCcdata *cd = lu_cdata_new(L, lu_ctype_resolve(cts, sid), 8);
      memcpy(cdataptr(cd), sp, 8);
      setcdataV(L, o, cd);
    }
    break;
  case CT_PTR: {
    GCcdata *cd = lu_cdata_new(L, sid, 8);
    memcpy(cdataptr(cd), sp, 8);
    setcdataV(L, o, cd);
    break;
  }
  case CT_VOID:
    setnilV(o);
    break;
  default: {
    /* Aggregates and functions: a reference to the object. */
    GCcdata *cd = lu_cdata_newref(L, cts, sid, sp, owner);
    setcdataV(L, o, cd);
    break;
  }
  }
}

int lu_cdata_toint64(CTState *cts, const TValue *o, int64_t *v)
{
  if (tvisnumber(o)) {
    *v = lu_cconv_d2i64(numV(o));
    return 1;
  }
  if (tviscdata(o)) {
    CTypeID id;
    uint8_t *p = lu_cdata_deref(cts, cdataV(o), &id);
    CType *ct = lu_ctype_raw(cts, id);
    if (ct->kind == CT_ENUM) ct = lu_ctype_raw(cts, ct->cid);
    if (ct->kind == CT_NUM && !(ct->flags & (CTF_CTYPEID | CTF_LONGDBL))) {
      if (ct->flags & CTF_FP) *v = lu_cconv_d2i64(cconv_getfp(ct, p));
      else *v = cconv_getint(ct, p);
      return 1;
    }
  }
  return 0;
}
