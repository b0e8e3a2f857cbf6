/*
** lunar: the ffi library (LuaJIT's FFI API on top of src/ffi).
**
** -- Sections --------------------------------------------------------------
**   state      the CTState and the cdata metatable, created on first use
**   helpers    argument checks, metatype lookup, error messages
**   cdata mm   __index/__newindex/__call/__tostring/__len/__concat/__gc
**   arith      64-bit integer and pointer arithmetic and comparisons
**   clib       ffi.C and ffi.load namespaces (dlopen/dlsym)
**   library    ffi.cdef, new, cast, typeof, metatype, gc, sizeof, ...
**
** All cdata share one metatable, G(L)->basemt for the cdata type; its
** metamethods first look for a per-type metatable set with ffi.metatype
** (CTState.metatypes, keyed by the struct/union type id: pointers to the
** struct and references share it), then do the built-in C semantics.
** getmetatable(cdata) returns "ffi" (the __metatable field), as LuaJIT.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <stdio.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "../core/obj.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/state.h"
#include "../ffi/ctype.h"
#include "../ffi/cparse.h"
#include "../ffi/cdata.h"
#include "../ffi/ccall.h"
#include "../ffi/ccallback.h"
#include "lib.h"

#define FFI_CDATA_MT_IDX  (~LU_TCDATA & 15)

static TValue *ffi_arg(lua_State *L, int n)
{
  return L->base + n - 1;
}

/* lua_gettop without the API call (the metamethods are hot). */
static LU_AINLINE int ffi_nargs(lua_State *L)
{
  return (int)(L->top - L->base);
}

static void ffi_pushcdata(lua_State *L, GCcdata *cd)
{
  setcdataV(L, L->top, cd);
  L->top++;
}

static void ffi_pushtv(lua_State *L, const TValue *o)
{
  *L->top = *o;
  L->top++;
}

/* -- State ---------------------------------------------------------------- */

static void ffi_newcdatamt(lua_State *L);
static void ffi_predef(lua_State *L, CTState *cts);
static void ffi_cbmethods(lua_State *L);

CTState *lu_ctype_state(lua_State *L)
{
  CTState *cts = (CTState *)G(L)->ctstate;
  if (cts == NULL) {
    void *ud;
    lua_checkstack(L, 8);
    ud = lua_newuserdata(L, sizeof(CTState));
    cts = lu_ctype_init(L, ud);  /* Pops the userdata. */
    ffi_newcdatamt(L);
    cts->L = L;
    ffi_predef(L, cts);
    lu_ccallback_init(L, cts);
    ffi_cbmethods(L);
    /* Published last: a "not enough memory" error above leaves no half
    ** made state behind (the next use starts over). */
    G(L)->ctstate = cts;
  }
  lu_ctype_setL(cts, L);
  return cts;
}

/* The state for a library function or metamethod, after a GC step if one
** is due: every function here may allocate cdata (a step at entry is safe,
** all live values are on the stack), and without this a loop of 1LL + i
** would never give the collector a chance to run. */
static LU_AINLINE CTState *ffi_state(lua_State *L)
{
  CTState *cts;
  lu_gc_check(L);
  cts = (CTState *)G(L)->ctstate;
  if (LU_UNLIKELY(cts == NULL)) return lu_ctype_state(L);
  lu_ctype_setL(cts, L);
  return cts;
}

/* -- Helpers --------------------------------------------------------------- */

/* Argument n as a C type: a string declaration, a ctype or a cdata. */
static CTypeID ffi_checkctype(lua_State *L, CTState *cts, int n, int params)
{
  TValue *o = ffi_arg(L, n);
  if (n <= ffi_nargs(L)) {
    if (tvisstr(o)) {
      int np = params ? ffi_nargs(L) - n : 0;
      return lu_cparse_type(L, cts, strV(o), n + 1, np);
    }
    if (tviscdata(o)) return lu_cdata_typeof(cts, cdataV(o));
  }
  luaL_argerror(L, n, lua_pushfstring(L, "C type expected, got %s",
                                      luaL_typename(L, n)));
  return 0;
}

static GCcdata *ffi_checkcdata(lua_State *L, int n)
{
  TValue *o = ffi_arg(L, n);
  if (n > ffi_nargs(L) || !tviscdata(o))
    luaL_argerror(L, n, lua_pushfstring(L, "cdata expected, got %s",
                                        luaL_typename(L, n)));
  return cdataV(o);
}

/* The struct/union/enum type whose metatype applies to cdata of type id:
** the type itself, or the target of a pointer or reference. */
static CTypeID ffi_mtbase(CTState *cts, CTypeID id)
{
  CType *ct;
  id = lu_ctype_resolve(cts, id);
  ct = ctype_get(cts, id);
  if (ct->kind == CT_PTR || ct->kind == CT_REF) {
    id = lu_ctype_resolve(cts, ct->cid);
  }
  return id;
}

/* Metamethod name of a cdata value from its metatype, or NULL (pushes
** nothing). */
static const TValue *ffi_metatype_mm(CTState *cts, GCcdata *cd,
                                     const char *name)
{
  lua_State *L = cts->L;
  CTypeID id = cd->ctypeid == CTID_CTYPEID ? lu_cdata_typeof(cts, cd) :
               cd->ctypeid;
  const TValue *mt;
  const TValue *mo;
  id = ffi_mtbase(cts, id);
  if (cts->metatypes->hmask == 0 && cts->metatypes->asize == 0) return NULL;
  mt = lu_tab_getint(cts->metatypes, (int32_t)id);
  if (mt == NULL || !tvistab(mt)) return NULL;
  mo = lu_tab_getstr(tabV(mt), lu_str_newz(L, name));
  return (mo == NULL || tvisnil(mo)) ? NULL : mo;
}

static LU_NORET void ffi_callererr(lua_State *L, const char *msg)
{
  lu_err_callermsg(L, msg);
}

/* The type name of a cdata for messages ("int *", "struct 12"). */
static const char *ffi_cdname(CTState *cts, GCcdata *cd)
{
  return lu_ctype_name(cts->L, cts, cd->ctypeid);
}

/* Type name of any value as LuaJIT's arithmetic messages show it. */
static const char *ffi_valname(CTState *cts, const TValue *o)
{
  if (tviscdata(o)) return ffi_cdname(cts, cdataV(o));
  return lu_typename(o);
}

/* Call function mo with the values args[0..n-1]; returns the number of
** results (all of them, left on the stack). */
static int ffi_callmm(lua_State *L, const TValue *mo, const TValue *args, int n)
{
  int base = ffi_nargs(L);
  int i;
  TValue fv = *mo;
  lua_checkstack(L, n + 2);
  ffi_pushtv(L, &fv);
  for (i = 0; i < n; i++) ffi_pushtv(L, &args[i]);
  lua_call(L, n, LUA_MULTRET);
  lu_ctype_state(L);  /* The callee may have run the FFI in a coroutine. */
  return ffi_nargs(L) - base;
}

/* Register the metatype __gc of a new cdata (if any). */
static void ffi_autogc(lua_State *L, CTState *cts, GCcdata *cd)
{
  const TValue *gc = ffi_metatype_mm(cts, cd, "__gc");
  if (gc != NULL) {
    TValue key, *slot;
    setcdataV(L, &key, cd);
    slot = lu_tab_set(L, cts->finalizers, &key);
    *slot = *gc;
    lu_gc_anybarriert(L, cts->finalizers);
    cd->flags |= CDF_FIN;
  }
}

/* -- Indexing ----------------------------------------------------------------- */

/* Find field name in struct sid (also inside anonymous members). Returns
** the FIELD entry and adds its offset to *ofs, or 0. */
static CTypeID ffi_findfield(CTState *cts, CTypeID sid, GCstr *name,
                             CTSize *ofs)
{
  CType *st = lu_ctype_raw(cts, sid);
  CTypeID fid;
  for (fid = st->sib; fid != 0; fid = ctype_get(cts, fid)->sib) {
    CType *f = ctype_get(cts, fid);
    if (f->name == name) {
      *ofs += (CTSize)f->value;
      return fid;
    }
    if (f->name == NULL && lu_ctype_raw(cts, f->cid)->kind == CT_STRUCT) {
      CTSize sub = *ofs + (CTSize)f->value;
      CTypeID r = ffi_findfield(cts, f->cid, name, &sub);
      if (r != 0) {
        *ofs = sub;
        return r;
      }
    }
  }
  return 0;
}

/* Resolve cd[key] to a C object: its type in *idp and its address.
** Returns NULL if the key does not name a C object (the caller then
** tries the metatype and raises the error). *err receives the message. */
static uint8_t *ffi_index(CTState *cts, GCcdata *cd, const TValue *key,
                          CTypeID *idp, const char **err, GCcdata **ownerp,
                          CTypeID *bfp)
{
  lua_State *L = cts->L;
  CTypeID id = cd->ctypeid;
  uint8_t *p = (uint8_t *)cdataptr(cd);
  CType *ct = lu_ctype_raw(cts, id);
  int64_t idx;
  int direct = 1;  /* p is inside cd's own payload (its size is known). */
  *err = NULL;
  *bfp = 0;        /* Set to the FIELD if the result is a bit-field. */
  *ownerp = cd;    /* The cdata whose payload holds p, if any. */
  if (id == CTID_CTYPEID) return NULL;
  if (ct->kind == CT_REF) {
    p = *(uint8_t **)p;
    id = ct->cid;
    ct = lu_ctype_raw(cts, id);
    direct = 0;
    *ownerp = cd->owner != NULL ? gco2cd(cd->owner) : NULL;
  }
  if ((ct->kind == CT_PTR || ct->kind == CT_ARRAY) &&
      lu_cdata_toint64(cts, key, &idx) && (tvisnumber(key) || tviscdata(key))) {
    CTypeID eid = ct->cid;
    CTSize esz = lu_ctype_raw(cts, eid)->size;
    if (esz == CTSIZE_INVALID) {
      *err = lua_pushfstring(L, "size of C type is unknown or too large");
      return NULL;
    }
    if (ct->kind == CT_PTR) {
      p = *(uint8_t **)p;
      *ownerp = NULL;
      if (p == NULL) {
        *err = "attempt to index a NULL pointer";
        return NULL;
      }
    } else {
      /* Arrays know their size: reject out-of-range indices. */
      CTSize asz = ct->size;
      if (asz == CTSIZE_INVALID && cd->ctypeid == id) asz = cd->len;
      if (asz != CTSIZE_INVALID && esz != 0 &&
          (idx < 0 || (uint64_t)idx >= asz / esz)) {
        *err = lua_pushfstring(L, "index out of range for '%s'",
                               lu_ctype_name(L, cts, id));
        return NULL;
      }
    }
    *idp = eid;
    return p + idx * (int64_t)esz;
  }
  if (tvisstr(key)) {
    if (ct->kind == CT_PTR && lu_ctype_raw(cts, ct->cid)->kind == CT_STRUCT) {
      p = *(uint8_t **)p;
      id = ct->cid;
      ct = lu_ctype_raw(cts, id);
      direct = 0;
      *ownerp = NULL;
      if (p == NULL) {
        *err = "attempt to index a NULL pointer";
        return NULL;
      }
    }
    if (ct->kind == CT_STRUCT) {
      CTSize ofs = 0;
      CTypeID fid = ffi_findfield(cts, id, strV(key), &ofs);
      if (fid != 0) {
        CTypeID ftype = ctype_get(cts, fid)->cid;
        CType *ft = lu_ctype_raw(cts, ftype);
        if (ctype_get(cts, fid)->bits != 0) *bfp = fid;
        if (direct && ft->kind == CT_ARRAY && (ft->flags & CTF_VLA)) {
          /* The trailing VLA of a VLS object: give the reference the
          ** actual element count, so that indexing it is bounds-checked. */
          CTypeID eid = ft->cid;
          CTSize esz = lu_ctype_raw(cts, eid)->size;
          CTSize n = (esz && cd->len > ofs) ? (cd->len - ofs) / esz : 0;
          uint8_t align = lu_ctype_raw(cts, eid)->align;
          ftype = lu_ctype_intern(cts, CT_ARRAY, 0, eid, n * esz, n);
          ctype_get(cts, ftype)->align = align;
        }
        *idp = ftype;
        return p + ofs;
      }
    }
    *err = lua_pushfstring(L, "'%s' has no member named '%s'",
                           lu_ctype_name(L, cts, id), strdata(strV(key)));
    return NULL;
  }
  *err = lua_pushfstring(L, "'%s' cannot be indexed with '%s'",
                         lu_ctype_name(L, cts, id), lu_typename(key));
  return NULL;
}

/* cd[key] for the __index and __newindex metamethods: the cdata and key
** at stack slots 1 and 2 resolved by ffi_index (p NULL when the key names
** no C object; err then says why). */
typedef struct FFIRef {
  CTState *cts;
  GCcdata *cd;
  TValue key;
  uint8_t *p;
  CTypeID eid;      /* Type of the object at p. */
  CTypeID bf;       /* Bit-field member, or 0. */
  GCcdata *owner;   /* The cdata p points into. */
  const char *err;
} FFIRef;

static void ffi_ref(lua_State *L, FFIRef *r)
{
  r->cts = ffi_state(L);
  r->cd = ffi_checkcdata(L, 1);
  r->key = *ffi_arg(L, 2);
  r->p = ffi_index(r->cts, r->cd, &r->key, &r->eid, &r->err, &r->owner,
                   &r->bf);
}

/* The metatype's __index (set 0) or __newindex (set 1, the value at
** stack slot 3) for r: called when a function, else indexed as a table.
** Returns the metamethod's number of results. */
static int ffi_ref_mm(lua_State *L, const FFIRef *r, const TValue *mo,
                      int set)
{
  if (tvisfunc(mo)) {
    TValue args[3];
    setcdataV(L, &args[0], r->cd);
    args[1] = r->key;
    if (set) {
      args[2] = *ffi_arg(L, 3);
      lua_settop(L, 3);
    }
    ffi_callmm(L, mo, args, set ? 3 : 2);
    return !set;
  }
  ffi_pushtv(L, mo);
  ffi_pushtv(L, &r->key);
  if (set) {
    lua_pushvalue(L, 3);
    lua_settable(L, -3);
    return 0;
  }
  lua_gettable(L, -2);
  return 1;
}

/* Is cd (through a reference) a pointer to a C function? */
static int ffi_isfuncptr(CTState *cts, GCcdata *cd)
{
  CTypeID id;
  CType *ct;
  if (cd->ctypeid == CTID_CTYPEID) return 0;
  (void)lu_cdata_deref(cts, cd, &id);
  ct = lu_ctype_raw(cts, id);
  return ct->kind == CT_PTR && lu_ctype_raw(cts, ct->cid)->kind == CT_FUNC;
}

/* cd[key]: a C member or element (converted to Lua), else the metatype's
** __index (table or function), else "... has no member named ...". */
static int ffi_mm_index(lua_State *L)
{
  FFIRef r;
  const TValue *mo;
  ffi_ref(L, &r);
  if (r.p != NULL) {
    lu_state_checkstack(L, 2);
    if (r.bf != 0)
      lu_cconv_bf_get(r.cts, ctype_get(r.cts, r.bf), r.p, L->top);
    else
      lu_cconv_tv_ct(r.cts, r.eid, r.p, L->top, r.owner);
    L->top++;
    return 1;
  }
  if (tvisstr(&r.key) && ffi_isfuncptr(r.cts, r.cd)) {
    /* cb.free, cb.set: the callback methods (any function pointer). */
    const char *k = strdata(strV(&r.key));
    int which = strcmp(k, "free") == 0 ? 1 : strcmp(k, "set") == 0 ? 2 : 0;
    if (which != 0) {
      const TValue *m = lu_tab_getint(r.cts->miscmap, -which);
      if (m != NULL && tvisfunc(m)) {
        ffi_pushtv(L, m);
        return 1;
      }
    }
  }
  mo = ffi_metatype_mm(r.cts, r.cd, "__index");
  if (mo != NULL) return ffi_ref_mm(L, &r, mo, 0);
  if (r.cd->ctypeid == CTID_CTYPEID)
    r.err = lua_pushfstring(L, "'%s' has no member named '%s'",
                            lu_ctype_name(L, r.cts,
                                          lu_cdata_typeof(r.cts, r.cd)),
                            lua_tostring(L, 2) ? lua_tostring(L, 2) : "?");
  ffi_callererr(L, r.err);
  return 0;
}

/* cd[key] = v: store into a C member or element (converted from Lua),
** else the metatype's __newindex, else the error of ffi_index. */
static int ffi_mm_newindex(lua_State *L)
{
  FFIRef r;
  const TValue *mo;
  ffi_ref(L, &r);
  if (r.p != NULL) {
    CType *et = lu_ctype_raw(r.cts, r.eid);
    if (et->flags & CTF_CONST)
      ffi_callererr(L, "attempt to write to constant location");
    if (r.bf != 0)
      lu_cconv_bf_put(r.cts, ctype_get(r.cts, r.bf), r.p, ffi_arg(L, 3),
                      CCF_CALLER);
    else
      lu_cconv_ct_tv(r.cts, r.eid, r.p, ffi_arg(L, 3), CCF_CALLER);
    return 0;
  }
  mo = ffi_metatype_mm(r.cts, r.cd, "__newindex");
  if (mo != NULL) return ffi_ref_mm(L, &r, mo, 1);
  ffi_callererr(L, r.err);
  return 0;
}

/* -- new / call ----------------------------------------------------------------- */

/* Create a cdata of type id initialised from the values at stack slots
** first..top (VLA/VLS: the first is the element count). Pushes it. */
static GCcdata *ffi_newobj(lua_State *L, CTState *cts, CTypeID id, int first,
                           int argn)
{
  CType *ct = lu_ctype_raw(cts, id);
  CTSize sz = ct->size;
  int top = ffi_nargs(L);
  GCcdata *cd;
  if ((ct->flags & CTF_VLA) && (ct->kind == CT_ARRAY || ct->kind == CT_STRUCT)) {
    int64_t n;
    if (first > top) luaL_argerror(L, first, "value expected");
    if (!lu_cdata_toint64(cts, ffi_arg(L, first), &n) || n < 0)
      luaL_argerror(L, argn, "size of C type is unknown or too large");
    sz = lu_ctype_vlsize(cts, id, (uint64_t)n);
    first++;
  }
  if (sz == CTSIZE_INVALID || ct->kind == CT_FUNC || ct->kind == CT_VOID)
    luaL_argerror(L, argn, "size of C type is unknown or too large");
  lu_state_checkstack(L, 4);
  cd = lu_cdata_new(L, id, sz);
  ffi_pushcdata(L, cd);
  {
    int n = top - first + 1;
    if (n > 0)
      lu_cconv_init(cts, id, sz, (uint8_t *)cdataptr(cd), ffi_arg(L, first), n);
  }
  ffi_autogc(L, cts, cd);
  return cd;
}

/* cd(...): a ctype constructs (metatype __new first), a C function or
** function pointer is called, anything else goes to the metatype's
** __call or is "not callable". */
static int ffi_mm_call(lua_State *L)
{
  CTState *cts = ffi_state(L);
  GCcdata *cd = ffi_checkcdata(L, 1);
  const TValue *mo;
  CType *ct;
  if (cd->ctypeid == CTID_CTYPEID) {
    CTypeID id = lu_cdata_typeof(cts, cd);
    mo = ffi_metatype_mm(cts, cd, "__new");
    if (mo != NULL) {
      int n = ffi_nargs(L), i;
      lua_pushvalue(L, 1);
      lua_insert(L, 1);  /* Keep a copy below. */
      ffi_pushtv(L, mo);
      for (i = 2; i <= n + 1; i++) lua_pushvalue(L, i);
      lua_call(L, n, 1);
      return 1;
    }
    ffi_newobj(L, cts, id, 2, 1);
    return 1;
  }
  ct = lu_ctype_raw(cts, cd->ctypeid);
  if (ct->kind == CT_FUNC ||
      (ct->kind == CT_PTR && lu_ctype_raw(cts, ct->cid)->kind == CT_FUNC)) {
    void *fp = *(void **)cdataptr(cd);
    if (fp == NULL) ffi_callererr(L, "attempt to call a NULL function pointer");
    return lu_ccall_call(cts, cd->ctypeid, fp, ffi_arg(L, 2), ffi_nargs(L) - 1);
  }
  mo = ffi_metatype_mm(cts, cd, "__call");
  if (mo != NULL) {
    int n = ffi_nargs(L), i;
    ffi_pushtv(L, mo);
    for (i = 1; i <= n; i++) lua_pushvalue(L, i);
    lua_call(L, n, LUA_MULTRET);
    return ffi_nargs(L) - n;
  }
  ffi_callererr(L, lua_pushfstring(L, "'%s' is not callable", ffi_cdname(cts, cd)));
  return 0;
}

/* -- Callback methods -------------------------------------------------------- */

/* The callback slot of the cdata argument 1 (a pointer to a callback's
** code); "bad callback" if it is none. */
static int ffi_cbslot(lua_State *L, CTState *cts)
{
  GCcdata *cd = ffi_checkcdata(L, 1);
  CTypeID id;
  uint8_t *p = lu_cdata_deref(cts, cd, &id);
  CType *ct = lu_ctype_raw(cts, id);
  int slot = -1;
  if (cd->ctypeid != CTID_CTYPEID && ct->kind == CT_PTR)
    slot = lu_ccallback_slot(cts, *(void **)p);
  if (slot < 0) ffi_callererr(L, "bad callback");
  return slot;
}

/* cb:free(): release the callback's slot (its pointer becomes invalid). */
static int ffi_cb_free(lua_State *L)
{
  CTState *cts = ffi_state(L);
  lu_ccallback_free(cts, ffi_cbslot(L, cts));
  return 0;
}

/* cb:set(fn): the callback calls fn from now on. */
static int ffi_cb_set(lua_State *L)
{
  CTState *cts = ffi_state(L);
  int slot;
  (void)ffi_checkcdata(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  slot = ffi_cbslot(L, cts);
  lu_ccallback_set(cts, slot, ffi_arg(L, 2));
  return 0;
}

/* Keep the two methods in the type state's miscmap as [-1] (free) and
** [-2] (set), so that every cb.free is the same function, as in LuaJIT. */
static void ffi_cbmethods(lua_State *L)
{
  lua_checkstack(L, 4);
  lua_getfield(L, LUA_REGISTRYINDEX, "_FFI_CTSTATE");
  lua_getfenv(L, -1);
  lua_getfield(L, -1, "miscmap");
  lua_pushcfunction(L, ffi_cb_free);
  lua_rawseti(L, -2, -1);
  lua_pushcfunction(L, ffi_cb_set);
  lua_rawseti(L, -2, -2);
  lua_pop(L, 3);
}

/* -- tostring / len / concat / gc ------------------------------------------------- */

/* Format an int64/uint64 cdata value as LuaJIT ("123LL", "123ULL"). */
static void ffi_pushint64(lua_State *L, uint64_t v, int isunsigned)
{
  char buf[32];
  if (isunsigned) snprintf(buf, sizeof(buf), "%lluULL", (unsigned long long)v);
  else snprintf(buf, sizeof(buf), "%lldLL", (long long)(int64_t)v);
  lua_pushstring(L, buf);
}

/* tostring(cd): the metatype's __tostring, else LuaJIT's formats:
** "ctype<T>", "123LL"/"123ULL" for 64-bit integers, "cdata<T>: ADDR"
** (the pointer value for pointers and functions, else the payload). */
static int ffi_mm_tostring(lua_State *L)
{
  CTState *cts = ffi_state(L);
  GCcdata *cd = ffi_checkcdata(L, 1);
  const TValue *mo = ffi_metatype_mm(cts, cd, "__tostring");
  CTypeID id;
  uint8_t *p;
  CType *ct;
  if (mo != NULL) {
    TValue arg;
    setcdataV(L, &arg, cd);
    ffi_callmm(L, mo, &arg, 1);
    lua_settop(L, 2);
    return 1;
  }
  if (cd->ctypeid == CTID_CTYPEID) {
    /* lu_ctype_name keeps the string on the stack while we format. */
    lua_pushfstring(L, "ctype<%s>",
                    lu_ctype_name(L, cts, lu_cdata_typeof(cts, cd)));
    return 1;
  }
  p = lu_cdata_deref(cts, cd, &id);
  ct = lu_ctype_raw(cts, id);
  if (ct->kind == CT_NUM && ct->size == 8 && !(ct->flags & CTF_FP) &&
      cd->ctypeid == id) {
    ffi_pushint64(L, *(uint64_t *)p, (ct->flags & CTF_UNSIGNED) != 0);
    return 1;
  }
  {
    const char *name = lu_ctype_name(L, cts, cd->ctypeid);
    const void *addr = cdataptr(cd);
    CType *own = lu_ctype_raw(cts, cd->ctypeid);
    char buf[40];
    if (own->kind == CT_PTR || own->kind == CT_FUNC || own->kind == CT_REF)
      addr = *(void **)cdataptr(cd);
    if (addr == NULL && own->kind != CT_REF) snprintf(buf, sizeof(buf), "NULL");
    else snprintf(buf, sizeof(buf), "0x%08llx", (unsigned long long)(uintptr_t)addr);
    if (own->kind == CT_REF) snprintf(buf, sizeof(buf), "%p", addr);
    lua_pushfstring(L, "cdata<%s>: %s", name, buf);
  }
  return 1;
}

/* #cd: only through a metatype's __len (C objects have no length). */
static int ffi_mm_len(lua_State *L)
{
  CTState *cts = ffi_state(L);
  GCcdata *cd = ffi_checkcdata(L, 1);
  const TValue *mo = ffi_metatype_mm(cts, cd, "__len");
  if (mo != NULL) {
    TValue arg;
    setcdataV(L, &arg, cd);
    ffi_callmm(L, mo, &arg, 1);
    lua_settop(L, 3);
    return 1;
  }
  ffi_callererr(L, lua_pushfstring(L, "attempt to get length of '%s'",
                                   ffi_cdname(cts, cd)));
  return 0;
}

/* Run the metatype or the ffi.gc finalizer of cd (called by the GC). */
static int ffi_mm_gc(lua_State *L)
{
  CTState *cts = ffi_state(L);
  TValue *o = ffi_arg(L, 1);
  const TValue *f;
  TValue fv;
  if (!tviscdata(o)) return 0;
  f = lu_tab_get(L, cts->finalizers, o);
  if (tvisnil(f)) return 0;
  fv = *f;
  setnilV(lu_tab_set(L, cts->finalizers, o));
  cdataV(o)->flags &= (uint8_t)~CDF_FIN;
  ffi_callmm(L, &fv, o, 1);
  return 0;
}

/* -- Arithmetic -------------------------------------------------------------------- */

enum { AR_ADD, AR_SUB, AR_MUL, AR_DIV, AR_MOD, AR_POW, AR_UNM,
       AR_EQ, AR_LT, AR_LE };
static const char *const ffi_arname[] = {
  "__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm",
  "__eq", "__lt", "__le"
};

/* Operand classification for arithmetic. */
typedef struct FFIOperand {
  int kind;          /* 0 not usable, 1 integer, 2 pointer. */
  int isunsigned;    /* 64-bit unsigned integer. */
  int64_t i;         /* Integer value. */
  uint8_t *ptr;      /* Pointer value. */
  CTypeID elem;      /* Pointer element type. */
} FFIOperand;

/* A Lua number as a 64-bit integer for arithmetic: truncated; values in
** [2^63, 2^64) keep their unsigned bits; NaN and other out-of-range values
** give INT64_MIN (what the x86-64 conversion gives; never C's UB). */
static int64_t ffi_num2i64(double d)
{
  if (d >= 9223372036854775808.0 && d < 18446744073709551616.0)
    return (int64_t)(uint64_t)d;
  if (d != d || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
    return INT64_MIN;
  return (int64_t)d;
}

static void ffi_operand(CTState *cts, const TValue *o, FFIOperand *op)
{
  memset(op, 0, sizeof(*op));
  if (tvisnumber(o)) {
    op->kind = 1;
    op->i = ffi_num2i64(numV(o));
    return;
  }
  if (tvisnil(o)) {
    op->kind = 2;
    op->ptr = NULL;
    op->elem = CTID_VOID;
    return;
  }
  if (tviscdata(o) && cdataV(o)->ctypeid != CTID_CTYPEID) {
    CTypeID id;
    uint8_t *p = lu_cdata_deref(cts, cdataV(o), &id);
    CType *ct = lu_ctype_raw(cts, id);
    if (ct->kind == CT_ENUM) ct = lu_ctype_raw(cts, ct->cid);
    if (ct->kind == CT_NUM && !(ct->flags & (CTF_LONGDBL | CTF_CTYPEID))) {
      op->kind = 1;
      lu_cdata_toint64(cts, o, &op->i);
      if (ct->flags & CTF_FP) {
        double d = ct->size == 4 ? *(float *)p : *(double *)p;
        op->i = ffi_num2i64(d);
      }
      op->isunsigned = ct->size == 8 && (ct->flags & CTF_UNSIGNED) &&
                       !(ct->flags & CTF_FP);
    } else if (ct->kind == CT_PTR) {
      op->kind = 2;
      op->ptr = *(uint8_t **)p;
      op->elem = ct->cid;
    } else if (ct->kind == CT_ARRAY) {
      op->kind = 2;
      op->ptr = p;
      op->elem = ct->cid;
    } else if (ct->kind == CT_FUNC) {
      op->kind = 2;
      op->ptr = *(uint8_t **)p;
      op->elem = id;
    }
  }
}

/* Integer power by squaring, wrapping like LuaJIT's 64-bit pow; negative
** exponents of signed bases give 0 except for bases 1, -1 and 0. */
static uint64_t ffi_ipow(uint64_t b, int64_t e, int isunsigned)
{
  uint64_t r = 1;
  if (!isunsigned && e < 0) {
    if ((int64_t)b == 1) return 1;
    if ((int64_t)b == -1) return (e & 1) ? (uint64_t)-1 : 1;
    if (b == 0) return (uint64_t)INT64_MAX;
    return 0;
  }
  while (e != 0) {
    if (e & 1) r *= b;
    b *= b;
    e = (int64_t)((uint64_t)e >> 1);
  }
  return r;
}

/* Built-in arithmetic; returns the number of results or -1 if the
** operands do not allow it. */
static int ffi_arith(lua_State *L, CTState *cts, int op, const TValue *a,
                     const TValue *b)
{
  FFIOperand x, y;
  ffi_operand(cts, a, &x);
  ffi_operand(cts, b, &y);
  if (x.kind == 0 || y.kind == 0) return -1;
  if (x.kind == 2 || y.kind == 2) {
    /* Pointer arithmetic and comparisons. */
    if (op == AR_EQ) { lua_pushboolean(L, x.kind == y.kind ? x.ptr == y.ptr :
                                          0); return 1; }
    if (x.kind == 2 && y.kind == 2) {
      if (op == AR_LT) { lua_pushboolean(L, x.ptr < y.ptr); return 1; }
      if (op == AR_LE) { lua_pushboolean(L, x.ptr <= y.ptr); return 1; }
      if (op == AR_SUB) {
        CTSize esz = lu_ctype_raw(cts, x.elem)->size;
        if (esz == 0 || esz == CTSIZE_INVALID) esz = 1;
        lua_pushnumber(L, (double)(((intptr_t)x.ptr - (intptr_t)y.ptr) /
                                   (intptr_t)esz));
        return 1;
      }
      return -1;
    }
    if (op == AR_ADD || op == AR_SUB) {
      FFIOperand *p = x.kind == 2 ? &x : &y;
      FFIOperand *n = x.kind == 2 ? &y : &x;
      CTSize esz = lu_ctype_raw(cts, p->elem)->size;
      CTypeID pid;
      GCcdata *cd;
      if (op == AR_SUB && x.kind != 2) return -1;
      if (esz == CTSIZE_INVALID) esz = 1;
      if (esz == 0) esz = 1;
      pid = lu_ctype_ptrto(cts, p->elem, 0);
      ctype_get(cts, pid)->align = 8;
      cd = lu_cdata_new(L, pid, 8);
      /* Integer arithmetic: C pointer arithmetic on NULL is undefined. */
      *(uintptr_t *)cdataptr(cd) = (uintptr_t)p->ptr +
        (uintptr_t)((op == AR_ADD ? n->i : -n->i) * (int64_t)esz);
      ffi_pushcdata(L, cd);
      return 1;
    }
    return -1;
  }
  {
    int uns = x.isunsigned || y.isunsigned;
    uint64_t u = (uint64_t)x.i, v = (uint64_t)y.i, r = 0;
    int64_t s = x.i, t = y.i;
    GCcdata *cd;
    switch (op) {
    case AR_EQ: lua_pushboolean(L, u == v); return 1;
    case AR_LT: lua_pushboolean(L, uns ? u < v : s < t); return 1;
    case AR_LE: lua_pushboolean(L, uns ? u <= v : s <= t); return 1;
    case AR_ADD: r = u + v; break;
    case AR_SUB: r = u - v; break;
    case AR_MUL: r = u * v; break;
    case AR_DIV:
      if (v == 0) r = (uint64_t)1 << 63;
      else if (uns) r = u / v;
      else if (s == INT64_MIN && t == -1) r = u;
      else r = (uint64_t)(s / t);
      break;
    case AR_MOD:
      if (v == 0) r = (uint64_t)1 << 63;
      else if (uns) r = u % v;
      else if (s == INT64_MIN && t == -1) r = 0;
      else r = (uint64_t)(s % t);
      break;
    case AR_POW: r = ffi_ipow(u, s == (int64_t)u && !uns ? t : (int64_t)v, uns); break;
    case AR_UNM: r = (uint64_t)0 - u; break;
    }
    cd = lu_cdata_new(L, uns ? CTID_UINT64 : CTID_INT64, 8);
    *(uint64_t *)cdataptr(cd) = r;
    ffi_pushcdata(L, cd);
    return 1;
  }
}

/* Call the metatype metamethod name of a (else of b) with a and b, its
** result left at index 3. Returns 0 when neither operand has one. */
static int ffi_mm_binary(lua_State *L, CTState *cts, TValue a, TValue b,
                         const char *name)
{
  const TValue *mo = NULL;
  TValue args[2];
  if (tviscdata(&a)) mo = ffi_metatype_mm(cts, cdataV(&a), name);
  if (mo == NULL && tviscdata(&b)) mo = ffi_metatype_mm(cts, cdataV(&b), name);
  if (mo == NULL) return 0;
  args[0] = a;
  args[1] = b;
  lua_settop(L, 2);
  ffi_callmm(L, mo, args, 2);
  lua_settop(L, 3);
  return 1;
}

/* The common metamethod body for arithmetic and comparisons. */
static int ffi_mm_arith(lua_State *L, int op)
{
  CTState *cts = ffi_state(L);
  TValue a = *ffi_arg(L, 1);
  TValue b = ffi_nargs(L) >= 2 ? *ffi_arg(L, 2) : a;
  int n;
  if (op == AR_UNM) b = a;
  if (ffi_mm_binary(L, cts, a, b, ffi_arname[op])) {
    if (op >= AR_EQ) lua_pushboolean(L, lua_toboolean(L, 3));
    return 1;
  }
  /* Two ctype objects compare by type. */
  if (op == AR_EQ && tviscdata(&a) && tviscdata(&b) &&
      (cdataV(&a)->ctypeid == CTID_CTYPEID || cdataV(&b)->ctypeid == CTID_CTYPEID)) {
    lua_pushboolean(L, cdataV(&a)->ctypeid == cdataV(&b)->ctypeid &&
                    lu_cdata_typeof(cts, cdataV(&a)) ==
                    lu_cdata_typeof(cts, cdataV(&b)));
    return 1;
  }
  n = ffi_arith(L, cts, op, &a, &b);
  if (n >= 0) return n;
  if (op == AR_EQ) {
    /* Other cdata: equal if the same object or the same address. */
    int eq = 0;
    if (tviscdata(&a) && tviscdata(&b)) {
      CTypeID ia, ib;
      eq = lu_cdata_deref(cts, cdataV(&a), &ia) == lu_cdata_deref(cts, cdataV(&b), &ib);
    }
    lua_pushboolean(L, eq);
    return 1;
  }
  if (op >= AR_LT)
    ffi_callererr(L, lua_pushfstring(L, "attempt to compare '%s' with '%s'",
                                     ffi_valname(cts, &a), ffi_valname(cts, &b)));
  ffi_callererr(L, lua_pushfstring(L, "attempt to perform arithmetic on '%s' and '%s'",
                                   ffi_valname(cts, &a), ffi_valname(cts, &b)));
  return 0;
}

static int ffi_mm_add(lua_State *L) { return ffi_mm_arith(L, AR_ADD); }
static int ffi_mm_sub(lua_State *L) { return ffi_mm_arith(L, AR_SUB); }
static int ffi_mm_mul(lua_State *L) { return ffi_mm_arith(L, AR_MUL); }
static int ffi_mm_div(lua_State *L) { return ffi_mm_arith(L, AR_DIV); }
static int ffi_mm_mod(lua_State *L) { return ffi_mm_arith(L, AR_MOD); }
static int ffi_mm_pow(lua_State *L) { return ffi_mm_arith(L, AR_POW); }
static int ffi_mm_unm(lua_State *L) { return ffi_mm_arith(L, AR_UNM); }
static int ffi_mm_eq(lua_State *L) { return ffi_mm_arith(L, AR_EQ); }
static int ffi_mm_lt(lua_State *L) { return ffi_mm_arith(L, AR_LT); }
static int ffi_mm_le(lua_State *L) { return ffi_mm_arith(L, AR_LE); }

/* a .. b with a cdata operand: only through a metatype's __concat. */
static int ffi_mm_concat(lua_State *L)
{
  CTState *cts = ffi_state(L);
  TValue a = *ffi_arg(L, 1), b = *ffi_arg(L, 2);
  if (ffi_mm_binary(L, cts, a, b, "__concat")) return 1;
  ffi_callererr(L, lua_pushfstring(L, "attempt to concatenate '%s' and '%s'",
                                   ffi_valname(cts, &a), ffi_valname(cts, &b)));
  return 0;
}

static const luaL_Reg ffi_cdata_mt[] = {
  {"__index", ffi_mm_index}, {"__newindex", ffi_mm_newindex},
  {"__call", ffi_mm_call}, {"__tostring", ffi_mm_tostring},
  {"__len", ffi_mm_len}, {"__concat", ffi_mm_concat}, {"__gc", ffi_mm_gc},
  {"__add", ffi_mm_add}, {"__sub", ffi_mm_sub}, {"__mul", ffi_mm_mul},
  {"__div", ffi_mm_div}, {"__mod", ffi_mm_mod}, {"__pow", ffi_mm_pow},
  {"__unm", ffi_mm_unm}, {"__eq", ffi_mm_eq}, {"__lt", ffi_mm_lt},
  {"__le", ffi_mm_le},
  {NULL, NULL}
};

/* The metatable shared by all cdata (G(L)->basemt of the cdata type). */
static void ffi_newcdatamt(lua_State *L)
{
  GCtab *mt;
  lua_newtable(L);
  luaL_register(L, NULL, ffi_cdata_mt);
  lua_pushliteral(L, "ffi");
  lua_setfield(L, -2, "__metatable");
  mt = (GCtab *)lua_topointer(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, "_FFI_CDATAMT");
  G(L)->basemt[FFI_CDATA_MT_IDX] = mt;
}

/* -- C library namespaces ------------------------------------------------------------
**
** ffi.C and every ffi.load result are userdata with their own metatable:
**
**   clib (userdata FFIClib)  --metatable-->  { __index = cache,
**                                              __newindex, __gc, __tostring }
**   cache (table: name -> value)  --metatable-->  { __index = resolver }
**
** So clib.name is a plain table lookup in the VM once name is in the
** cache (functions as cdata and constants, as LuaJIT caches them); only
** the first use runs the resolver (dlsym), which stores the value. Extern
** variables are never cached: the resolver reads them on every access and
** clib.name = v stores through __newindex (the cache never holds their
** names, so the store reaches it). The four metamethods are C closures
** whose upvalue is the clib itself, which is how they find the handle and
** check that their argument is their own namespace (they can be fished
** out with getmetatable and called on anything). The cache is also the
** userdata's environment.
*/

typedef struct FFIClib {
  void *handle;      /* dlopen handle; RTLD_DEFAULT (NULL) for ffi.C. */
  int closed;        /* dlclose'd by __gc (only a finalizer of another
                        object can still see it then). */
} FFIClib;

/* The namespace of a metamethod closure (upvalue 1). With self set,
** argument 1 must be that namespace. */
static FFIClib *ffi_clibself(lua_State *L, int self)
{
  FFIClib *cl = (FFIClib *)lua_touserdata(L, lua_upvalueindex(1));
  if (self && (lua_type(L, 1) != LUA_TUSERDATA || lua_touserdata(L, 1) != cl))
    luaL_argerror(L, 1, "C library namespace expected");
  return cl;
}

/* Resolve name in clib: pushes the value of a function (a cdata) or a
** constant (a number or 64-bit integer cdata) and returns 1; for a
** variable returns 0 with its address in *varp and type in *typ. */
static int ffi_clib_resolve(lua_State *L, CTState *cts, FFIClib *cl,
                            GCstr *name, void **varp, CTypeID *typ)
{
  CTypeID id = lu_ctype_lookup(cts, name, 0);
  CType *ct;
  void *sym;
  *varp = NULL;
  if (id == 0) goto missing;
  ct = ctype_get(cts, id);
  if (ct->kind == CT_CONSTVAL) {
    CType *vt = lu_ctype_raw(cts, ct->cid);
    if (vt->size == 8 && !(vt->flags & CTF_FP)) {
      GCcdata *cd = lu_cdata_new(L, lu_ctype_resolve(cts, ct->cid), 8);
      *(int64_t *)cdataptr(cd) = ct->value;
      ffi_pushcdata(L, cd);
    } else if (vt->flags & CTF_UNSIGNED) {
      lua_pushnumber(L, (double)(uint32_t)ct->value);
    } else {
      lua_pushnumber(L, (double)ct->value);
    }
    return 1;
  }
  if (ct->kind != CT_EXTERN) goto missing;
  if (cl->closed) ffi_callererr(L, "library already closed");
  dlerror();
  sym = dlsym(cl->handle, strdata(name));
  if (sym == NULL) {
    const char *e = dlerror();
    if (e != NULL) lua_pushstring(L, e);
    else lua_pushfstring(L, "cannot resolve symbol '%s'", strdata(name));
    ffi_callererr(L, lua_tostring(L, -1));
  }
  if (lu_ctype_raw(cts, ctype_get(cts, id)->cid)->kind == CT_FUNC) {
    GCcdata *cd = lu_cdata_new(L, lu_ctype_resolve(cts, ctype_get(cts, id)->cid), 8);
    *(void **)cdataptr(cd) = sym;
    ffi_pushcdata(L, cd);
    return 1;
  }
  *varp = sym;
  *typ = ctype_get(cts, id)->cid;
  return 0;
missing:
  ffi_callererr(L, lua_pushfstring(L, "missing declaration for symbol '%s'",
                                   strdata(name)));
  return 0;
}

/* The cache's __index (cache, name): name is not cached yet. Functions
** and constants are resolved and stored in the cache; variables are read
** (every time). */
static int ffi_clib_index(lua_State *L)
{
  FFIClib *cl = ffi_clibself(L, 0);
  CTState *cts = ffi_state(L);
  GCstr *name;
  void *var;
  CTypeID typ;
  if (lua_type(L, 2) != LUA_TSTRING) luaL_typerror(L, 2, "string");
  name = strV(ffi_arg(L, 2));
  lua_checkstack(L, 4);
  if (ffi_clib_resolve(L, cts, cl, name, &var, &typ)) {
    lua_getfenv(L, lua_upvalueindex(1));  /* The cache. */
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -3);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    return 1;
  }
  lu_cconv_tv_ct(cts, typ, (uint8_t *)var, L->top, NULL);
  L->top++;
  return 1;
}

/* clib.name = v: store into a declared extern variable. */
static int ffi_clib_newindex(lua_State *L)
{
  FFIClib *cl = ffi_clibself(L, 1);
  CTState *cts = ffi_state(L);
  void *var;
  CTypeID typ;
  if (lua_type(L, 2) != LUA_TSTRING) luaL_typerror(L, 2, "string");
  if (ffi_clib_resolve(L, cts, cl, strV(ffi_arg(L, 2)), &var, &typ))
    ffi_callererr(L, "attempt to write to constant location");
  if (lu_ctype_raw(cts, typ)->flags & CTF_CONST)
    ffi_callererr(L, "attempt to write to constant location");
  lu_cconv_ct_tv(cts, typ, (uint8_t *)var, ffi_arg(L, 3), CCF_CALLER);
  return 0;
}

static int ffi_clib_gc(lua_State *L)
{
  FFIClib *cl = ffi_clibself(L, 1);
  if (!cl->closed && cl->handle != RTLD_DEFAULT) {
    dlclose(cl->handle);
    cl->closed = 1;
  }
  return 0;
}

static int ffi_clib_tostring(lua_State *L)
{
  (void)ffi_clibself(L, 1);
  lua_pushfstring(L, "userdata: %p", lua_topointer(L, 1));
  return 1;
}

/* Push a new namespace for handle (see the layout above). */
static void ffi_pushclib(lua_State *L, void *handle)
{
  static const struct { const char *name; lua_CFunction f; } mm[] = {
    {"__newindex", ffi_clib_newindex}, {"__gc", ffi_clib_gc},
    {"__tostring", ffi_clib_tostring},
  };
  FFIClib *cl;
  size_t i;
  lua_checkstack(L, 6);
  cl = (FFIClib *)lua_newuserdata(L, sizeof(FFIClib));  /* clib */
  cl->handle = handle;
  cl->closed = 0;
  lua_newtable(L);                                      /* clib mt */
  for (i = 0; i < sizeof(mm) / sizeof(mm[0]); i++) {
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, mm[i].f, 1);
    lua_setfield(L, -2, mm[i].name);
  }
  lua_newtable(L);                                      /* clib mt cache */
  lua_newtable(L);                                      /* ... cache cmt */
  lua_pushvalue(L, -4);
  lua_pushcclosure(L, ffi_clib_index, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);                              /* clib mt cache */
  lua_pushvalue(L, -1);
  lua_setfenv(L, -4);
  lua_setfield(L, -2, "__index");                       /* clib mt */
  lua_setmetatable(L, -2);                              /* clib */
}

/* dlopen failed with "PATH: invalid ELF header": PATH may be a GNU ld
** script (libm.so, libc.so on Debian). Open the first library its
** GROUP ( ... ) or INPUT ( ... ) names. Returns NULL if that fails. */
static void *ffi_load_ldscript(const char *err, int mode)
{
  char path[512], text[2048];
  const char *colon = strstr(err, ": invalid ELF header");
  char *p, *q;
  size_t n;
  FILE *f;
  if (colon == NULL || (size_t)(colon - err) >= sizeof(path)) return NULL;
  memcpy(path, err, (size_t)(colon - err));
  path[colon - err] = '\0';
  f = fopen(path, "r");
  if (f == NULL) return NULL;
  n = fread(text, 1, sizeof(text) - 1, f);
  fclose(f);
  text[n] = '\0';
  p = strstr(text, "GROUP");
  if (p == NULL) p = strstr(text, "INPUT");
  if (p == NULL || (p = strchr(p, '(')) == NULL) return NULL;
  p++;
  while (*p == ' ' || *p == '\t') p++;
  q = p;
  while (*q && *q != ' ' && *q != ')' && *q != '\n') q++;
  *q = '\0';
  return *p ? dlopen(p, mode) : NULL;
}

/* ffi.load(name [, global]): LuaJIT's name rules (no '/' and no ".so":
** "lib" NAME ".so"). */
static int ffi_load(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  int global = lua_toboolean(L, 2);
  void *h;
  char buf[512];
  lu_ctype_state(L);
  if (strchr(name, '/') == NULL && strstr(name, ".so") == NULL) {
    snprintf(buf, sizeof(buf), "lib%s.so", name);
    name = buf;
  }
  h = dlopen(name, RTLD_LAZY | (global ? RTLD_GLOBAL : RTLD_LOCAL));
  if (h == NULL) {
    const char *e = dlerror();
    lua_pushstring(L, e ? e : "cannot load library");
    h = ffi_load_ldscript(lua_tostring(L, -1),
                          RTLD_LAZY | (global ? RTLD_GLOBAL : RTLD_LOCAL));
    if (h == NULL) return lua_error(L);
    lua_pop(L, 1);
  }
  ffi_pushclib(L, h);
  return 1;
}

/* -- Library functions ---------------------------------------------------------------- */

static int ffi_cdef(lua_State *L)
{
  CTState *cts = ffi_state(L);
  luaL_checkstring(L, 1);
  lu_cparse_cdef(L, cts, strV(ffi_arg(L, 1)));
  return 0;
}

/* ffi.new(ct [, nelem] [, init...]) */
static int ffi_new(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = ffi_checkctype(L, cts, 1, 0);
  ffi_newobj(L, cts, id, 2, 1);
  return 1;
}

/* ffi.cast(ct, v): scalar (number, enum, pointer) types only; integers
** and pointers convert freely. */
static int ffi_cast(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = ffi_checkctype(L, cts, 1, 0);
  CType *ct = lu_ctype_raw(cts, id);
  GCcdata *cd;
  if (ffi_nargs(L) < 2) luaL_argerror(L, 2, "value expected");
  if (!(ct->kind == CT_NUM || ct->kind == CT_PTR || ct->kind == CT_ENUM) ||
      (ct->flags & (CTF_LONGDBL | CTF_CTYPEID)))
    luaL_argerror(L, 1, "invalid C type");
  cd = lu_cdata_new(L, id, ct->size);
  ffi_pushcdata(L, cd);
  lu_cconv_ct_tv(cts, id, (uint8_t *)cdataptr(cd), ffi_arg(L, 2),
                 CCF_CAST);
  return 1;
}

/* ffi.typeof(ct [, params...]): a ctype object. */
static int ffi_typeof(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = ffi_checkctype(L, cts, 1, 1);
  ffi_pushcdata(L, lu_cdata_newctype(L, id));
  return 1;
}

/* ffi.metatype(ct, mt): set once per struct/union type. */
static int ffi_metatype(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = ffi_checkctype(L, cts, 1, 0);
  CType *ct;
  const TValue *old;
  id = lu_ctype_resolve(cts, id);
  ct = ctype_get(cts, id);
  luaL_checktype(L, 2, LUA_TTABLE);
  if (ct->kind != CT_STRUCT) luaL_argerror(L, 1, "invalid C type");
  old = lu_tab_getint(cts->metatypes, (int32_t)id);
  if (old != NULL && !tvisnil(old)) luaL_error(L, "cannot change a protected metatable");
  {
    TValue *slot = lu_tab_setint(L, cts->metatypes, (int32_t)id);
    *slot = *ffi_arg(L, 2);
    lu_gc_anybarriert(L, cts->metatypes);
  }
  ffi_pushcdata(L, lu_cdata_newctype(L, id));
  return 1;
}

/* ffi.gc(cd, f): f(cd) runs when cd is collected; nil removes it. */
static int ffi_gc(lua_State *L)
{
  CTState *cts = ffi_state(L);
  GCcdata *cd = ffi_checkcdata(L, 1);
  TValue *slot;
  if (ffi_nargs(L) < 2) luaL_argerror(L, 2, "value expected");
  slot = lu_tab_set(L, cts->finalizers, ffi_arg(L, 1));
  *slot = *ffi_arg(L, 2);
  lu_gc_anybarriert(L, cts->finalizers);
  if (lua_isnil(L, 2)) cd->flags &= (uint8_t)~CDF_FIN;
  else cd->flags |= CDF_FIN;
  lua_settop(L, 1);
  return 1;
}

/* The size of a type or cdata, with the VLA count at argument 2. */
static int ffi_sizeof(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = ffi_checkctype(L, cts, 1, 0);
  CType *ct = lu_ctype_raw(cts, id);
  CTSize sz = ct->size;
  if (tviscdata(ffi_arg(L, 1)) && cdataV(ffi_arg(L, 1))->ctypeid != CTID_CTYPEID &&
      (ct->flags & CTF_VLA)) {
    sz = cdataV(ffi_arg(L, 1))->len;
  } else if ((ct->flags & CTF_VLA) && (ct->kind == CT_ARRAY || ct->kind == CT_STRUCT)) {
    int64_t n;
    if (ffi_nargs(L) < 2) luaL_argerror(L, 2, "value expected");
    if (!lu_cdata_toint64(cts, ffi_arg(L, 2), &n) || n < 0)
      luaL_argerror(L, 2, "number expected");
    sz = lu_ctype_vlsize(cts, id, (uint64_t)n);
  }
  if (sz == CTSIZE_INVALID || ct->kind == CT_FUNC) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushnumber(L, (double)sz);
  return 1;
}

/* ffi.alignof(ct) */
static int ffi_alignof(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = ffi_checkctype(L, cts, 1, 0);
  lua_pushnumber(L, (double)lu_ctype_raw(cts, id)->align);
  return 1;
}

/* ffi.offsetof(ct, field): byte offset, or nil if there is no such
** field (bit-fields: see below). */
static int ffi_offsetof(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = ffi_checkctype(L, cts, 1, 0);
  CTSize ofs = 0;
  CTypeID fid;
  luaL_checkstring(L, 2);
  if (lu_ctype_raw(cts, id)->kind != CT_STRUCT) return 0;
  fid = ffi_findfield(cts, lu_ctype_resolve(cts, id), strV(ffi_arg(L, 2)), &ofs);
  if (fid == 0) return 0;
  if (ctype_get(cts, fid)->bits != 0) {
    /* Bit-field: offset of its storage unit (the size of its type),
    ** bit position in that unit, width (LuaJIT's three results). */
    CType *f = ctype_get(cts, fid);
    CTSize usz = lu_ctype_raw(cts, f->cid)->size;
    uint64_t bit = (uint64_t)ofs * 8 + (f->bits & 0xff);
    uint64_t unit = usz ? bit / (usz * 8) * usz : ofs;
    lua_pushnumber(L, (double)unit);
    lua_pushnumber(L, (double)(bit - unit * 8));
    lua_pushnumber(L, (double)(f->bits >> 8));
    return 3;
  }
  lua_pushnumber(L, (double)ofs);
  return 1;
}

/* ffi.istype(ct, v): v is a cdata of type ct (qualifiers of the outer
** type ignored; a reference counts as its target). */
static int ffi_istype(lua_State *L)
{
  CTState *cts = ffi_state(L);
  CTypeID id = lu_ctype_resolve(cts, ffi_checkctype(L, cts, 1, 0));
  TValue *o = ffi_arg(L, 2);
  int r = 0;
  if (ffi_nargs(L) >= 2 && tviscdata(o) && cdataV(o)->ctypeid != CTID_CTYPEID) {
    CTypeID oid = lu_ctype_resolve(cts, cdataV(o)->ctypeid);
    CType *ot = ctype_get(cts, oid), *t = ctype_get(cts, id);
    if (oid == id) r = 1;
    else if (ot->kind == CT_REF) r = lu_ctype_resolve(cts, ot->cid) == id;
    else if (t->kind == CT_STRUCT && ot->kind == CT_PTR) r = 0;
    else if (t->kind == CT_PTR && ot->kind == CT_PTR)
      r = lu_ctype_resolve(cts, t->cid) == lu_ctype_resolve(cts, ot->cid);
    else if (t->kind == CT_NUM && ot->kind == CT_NUM)
      r = t->size == ot->size &&
          ((t->flags ^ ot->flags) & ~CTF_QUAL) == 0;
  }
  lua_pushboolean(L, r);
  return 1;
}

static void *ffi_checkptr(lua_State *L, CTState *cts, int n, CTypeID pid);

/* ffi.string(ptr [, len]): len bytes, or up to the first NUL. */
static int ffi_string(lua_State *L)
{
  CTState *cts = ffi_state(L);
  TValue *o = ffi_arg(L, 1);
  const char *p;
  if (ffi_nargs(L) < 1) luaL_argerror(L, 1, "value expected");
  if (tvisstr(o)) {
    p = strdata(strV(o));
  } else {
    p = (const char *)ffi_checkptr(L, cts, 1, CTID_P_CCHAR);
  }
  if (p == NULL) luaL_argerror(L, 1, "cannot convert 'NULL' to 'string'");
  if (ffi_nargs(L) >= 2 && !lua_isnil(L, 2)) {
    int64_t len;
    if (!lu_cdata_toint64(cts, ffi_arg(L, 2), &len) || len < 0)
      luaL_argerror(L, 2, "number expected");
    if (len > (int64_t)LU_MAX_STR) luaL_argerror(L, 2, "string length overflow");
    lua_pushlstring(L, p, (size_t)len);
  } else {
    lua_pushstring(L, p);
  }
  return 1;
}

/* Argument n as a pointer of type pid. Any cdata pointer, array or
** struct converts (as a cast); so do strings and nil, but not numbers,
** which would be made-up addresses. */
static void *ffi_checkptr(lua_State *L, CTState *cts, int n, CTypeID pid)
{
  uint8_t tmp[8];
  void *p;
  TValue *o = ffi_arg(L, n);
  int flags = (n << CCF_ARGSHIFT) | (tviscdata(o) ? CCF_CAST : 0);
  if (n > ffi_nargs(L)) luaL_argerror(L, n, "value expected");
  lu_cconv_ct_tv(cts, pid, tmp, o, flags);
  memcpy(&p, tmp, sizeof(p));
  return p;
}

/* ffi.copy(dst, src, len) or ffi.copy(dst, str): str with its NUL. */
static int ffi_copy(lua_State *L)
{
  CTState *cts = ffi_state(L);
  void *dst, *src;
  int64_t len;
  dst = ffi_checkptr(L, cts, 1, CTID_P_VOID);
  if (ffi_nargs(L) < 2) luaL_argerror(L, 2, "value expected");
  if (ffi_nargs(L) >= 3 && !lua_isnil(L, 3)) {
    if (!lu_cdata_toint64(cts, ffi_arg(L, 3), &len) || len < 0)
      luaL_argerror(L, 3, "number expected");
  } else {
    if (!lua_isstring(L, 2) || lua_isnumber(L, 2))
      luaL_argerror(L, 3, "number expected");
    len = (int64_t)lua_objlen(L, 2) + 1;
  }
  src = ffi_checkptr(L, cts, 2, CTID_P_CVOID);
  if (len > 0 && (dst == NULL || src == NULL))
    luaL_error(L, "attempt to copy from or to a NULL pointer");
  if (len > 0) memmove(dst, src, (size_t)len);
  return 0;
}

/* ffi.fill(dst, len [, byte]) */
static int ffi_fill(lua_State *L)
{
  CTState *cts = ffi_state(L);
  void *dst;
  int64_t len, c = 0;
  if (ffi_nargs(L) < 2) luaL_argerror(L, 2, "value expected");
  dst = ffi_checkptr(L, cts, 1, CTID_P_VOID);
  if (!lu_cdata_toint64(cts, ffi_arg(L, 2), &len) || len < 0)
    luaL_argerror(L, 2, "number expected");
  if (ffi_nargs(L) >= 3 && !lua_isnil(L, 3) &&
      !lu_cdata_toint64(cts, ffi_arg(L, 3), &c))
    luaL_argerror(L, 3, "number expected");
  if (len > 0 && dst == NULL) luaL_error(L, "attempt to fill a NULL pointer");
  if (len > 0) memset(dst, (int)c, (size_t)len);
  return 0;
}

/* ffi.errno([new]): errno after the last C call; sets it if new given. */
static int ffi_errno(lua_State *L)
{
  CTState *cts = ffi_state(L);
  int old = cts->savederrno;
  if (ffi_nargs(L) >= 1 && !lua_isnil(L, 1)) {
    cts->savederrno = (int)luaL_checkinteger(L, 1);
    errno = cts->savederrno;
  }
  lua_pushinteger(L, old);
  return 1;
}

/* ffi.abi(param): the x86-64 Linux answers. */
static int ffi_abi(lua_State *L)
{
  static const char *const yes[] = {"64bit", "le", "fpu", "gc64", NULL};
  const char *s = luaL_checkstring(L, 1);
  int i, r = 0;
  for (i = 0; yes[i]; i++)
    if (strcmp(s, yes[i]) == 0) r = 1;
  lua_pushboolean(L, r);
  return 1;
}

/* -- The bit library on 64-bit integers -----------------------------------------
** As LuaJIT 2.1: once a cdata takes part, every operand is converted to a
** 64-bit integer (numbers and numeric strings as int64), the result is an
** int64_t cdata, or uint64_t if any operand was one. Shift and rotate
** counts are plain numbers taken modulo 64; tohex prints 16 digits by
** default; tobit returns the low 32 bits as a number.
*/

/* Argument n as a 64-bit integer; *uns |= it is a uint64_t cdata. */
static uint64_t ffi_bitarg(lua_State *L, CTState *cts, int n, int *uns)
{
  TValue *o = ffi_arg(L, n);
  int64_t v;
  if (n <= ffi_nargs(L) && tviscdata(o)) {
    CTypeID id;
    CType *ct;
    (void)lu_cdata_deref(cts, cdataV(o), &id);
    ct = lu_ctype_raw(cts, id);
    if (lu_cdata_toint64(cts, o, &v)) {
      if (ct->kind == CT_NUM && ct->size == 8 && (ct->flags & CTF_UNSIGNED))
        *uns = 1;
      return (uint64_t)v;
    }
  } else if (n <= ffi_nargs(L) && lua_isnumber(L, n)) {
    double d = lua_tonumber(L, n);
    return (uint64_t)ffi_num2i64(d);
  }
  luaL_typerror(L, n, "number");
  return 0;
}

int lu_ffi_bit64(lua_State *L, int op)
{
  CTState *cts = ffi_state(L);
  int uns = 0, i, n = ffi_nargs(L);
  uint64_t x = ffi_bitarg(L, cts, 1, &uns), r;
  GCcdata *cd;
  switch (op) {
  case LU_BIT64_TOBIT:
    lua_pushnumber(L, (double)(int32_t)(uint32_t)x);
    return 1;
  case LU_BIT64_TOHEX: {
    int32_t nd = lua_isnoneornil(L, 2) ? 16 : (int32_t)luaL_checknumber(L, 2);
    const char *hex = "0123456789abcdef";
    luaL_Buffer b;
    int32_t k;
    if (nd < 0) {
      nd = nd == INT32_MIN ? 0 : -nd;
      hex = "0123456789ABCDEF";
    }
    luaL_buffinit(L, &b);
    for (k = nd; k > 16; k--) luaL_addchar(&b, '0');  /* Beyond 64 bits. */
    for (; k > 0; k--) luaL_addchar(&b, hex[(x >> (4 * (k - 1))) & 15]);
    luaL_pushresult(&b);
    return 1;
  }
  case LU_BIT64_BNOT: r = ~x; break;
  case LU_BIT64_BSWAP: r = __builtin_bswap64(x); break;
  case LU_BIT64_BAND: case LU_BIT64_BOR: case LU_BIT64_BXOR:
    r = x;
    for (i = 2; i <= n; i++) {
      uint64_t y = ffi_bitarg(L, cts, i, &uns);
      if (op == LU_BIT64_BAND) r &= y;
      else if (op == LU_BIT64_BOR) r |= y;
      else r ^= y;
    }
    break;
  default: {
    unsigned sh = (unsigned)luaL_checknumber(L, 2) & 63;
    if (op == LU_BIT64_LSHIFT) r = x << sh;
    else if (op == LU_BIT64_RSHIFT) r = x >> sh;
    else if (op == LU_BIT64_ARSHIFT) r = (uint64_t)((int64_t)x >> sh);
    else if (op == LU_BIT64_ROL) r = (x << sh) | (x >> ((64 - sh) & 63));
    else r = (x >> sh) | (x << ((64 - sh) & 63));
    break;
  }
  }
  cd = lu_cdata_new(L, uns ? CTID_UINT64 : CTID_INT64, 8);
  memcpy(cdataptr(cd), &r, 8);
  ffi_pushcdata(L, cd);
  return 1;
}

static const luaL_Reg ffi_lib[] = {
  {"cdef", ffi_cdef}, {"new", ffi_new}, {"cast", ffi_cast},
  {"typeof", ffi_typeof}, {"metatype", ffi_metatype}, {"gc", ffi_gc},
  {"sizeof", ffi_sizeof}, {"alignof", ffi_alignof},
  {"offsetof", ffi_offsetof}, {"istype", ffi_istype},
  {"string", ffi_string}, {"copy", ffi_copy}, {"fill", ffi_fill},
  {"errno", ffi_errno}, {"abi", ffi_abi}, {"load", ffi_load},
  {NULL, NULL}
};

/* Number conversion of cdata for the base library's tonumber: 1 and *n
** set if o is a numeric cdata. */
int lu_ffi_int64bits(lua_State *L, int idx, uint64_t *bits, int *isunsigned)
{
  CTState *cts;
  CType *ct;
  const TValue *o = ffi_arg(L, idx);
  if (idx > ffi_nargs(L) || !tviscdata(o) || G(L)->ctstate == NULL)
    return 0;
  cts = lu_ctype_state(L);
  if (cdataV(o)->ctypeid == CTID_CTYPEID) return 0;
  ct = lu_ctype_raw(cts, cdataV(o)->ctypeid);
  if (ct->kind != CT_NUM || ct->size != 8 || (ct->flags & (CTF_FP | CTF_BOOL)))
    return 0;
  memcpy(bits, cdataptr(cdataV(o)), 8);
  if (isunsigned != NULL) *isunsigned = (ct->flags & CTF_UNSIGNED) != 0;
  return 1;
}

void lu_ffi_pushint64(lua_State *L, uint64_t bits, int isunsigned)
{
  GCcdata *cd;
  lu_ctype_state(L);
  lua_checkstack(L, 1);
  cd = lu_cdata_new(L, isunsigned ? CTID_UINT64 : CTID_INT64, 8);
  memcpy(cdataptr(cd), &bits, 8);
  ffi_pushcdata(L, cd);
}

void lu_ffi_pushbytes(lua_State *L, void *p)
{
  CTState *cts = lu_ctype_state(L);
  CTypeID pid = lu_ctype_ptrto(cts, CTID_UINT8, 0);
  GCcdata *cd;
  ctype_get(cts, pid)->align = 8;
  lua_checkstack(L, 1);
  cd = lu_cdata_new(L, pid, 8);
  memcpy(cdataptr(cd), &p, sizeof(p));
  ffi_pushcdata(L, cd);
}

int lu_ffi_address(lua_State *L, int idx, void **p)
{
  CTState *cts;
  CType *ct;
  CTypeID id;
  uint8_t *data;
  const TValue *o = ffi_arg(L, idx);
  if (idx > ffi_nargs(L) || !tviscdata(o) ||
      cdataV(o)->ctypeid == CTID_CTYPEID)
    return 0;
  cts = lu_ctype_state(L);
  data = lu_cdata_deref(cts, cdataV(o), &id);
  ct = lu_ctype_raw(cts, id);
  if (ct->kind == CT_PTR || ct->kind == CT_FUNC) memcpy(p, data, sizeof(*p));
  else if (ct->kind == CT_ARRAY || ct->kind == CT_STRUCT) *p = data;
  else return 0;
  return 1;
}

int lu_ffi_tonumber(lua_State *L, const TValue *o, double *n)
{
  CTState *cts;
  CTypeID id;
  uint8_t *p;
  CType *ct;
  if (!tviscdata(o) || G(L)->ctstate == NULL) return 0;
  cts = lu_ctype_state(L);
  if (cdataV(o)->ctypeid == CTID_CTYPEID) return 0;
  p = lu_cdata_deref(cts, cdataV(o), &id);
  ct = lu_ctype_raw(cts, id);
  if (ct->kind == CT_ENUM) ct = lu_ctype_raw(cts, ct->cid);
  if (ct->kind != CT_NUM || (ct->flags & CTF_LONGDBL)) return 0;
  if (ct->flags & CTF_FP) *n = ct->size == 4 ? *(float *)p : *(double *)p;
  else if (ct->flags & CTF_BOOL) *n = *p != 0;
  else if (ct->size == 8 && (ct->flags & CTF_UNSIGNED)) *n = (double)*(uint64_t *)p;
  else { int64_t v = 0; lu_cdata_toint64(cts, o, &v); *n = (double)v; }
  return 1;
}

/* The standard typedefs (size_t, int32_t, ...), entered once per state. */
static void ffi_predef(lua_State *L, CTState *cts)
{
  static const char *const typedefs[][2] = {
    {"int8_t", "signed char"}, {"uint8_t", "unsigned char"},
    {"int16_t", "short"}, {"uint16_t", "unsigned short"},
    {"int32_t", "int"}, {"uint32_t", "unsigned int"},
    {"int64_t", "long long"}, {"uint64_t", "unsigned long long"},
    {"size_t", "unsigned long"}, {"ssize_t", "long"},
    {"intptr_t", "long"}, {"uintptr_t", "unsigned long"},
    {"ptrdiff_t", "long"}, {"wchar_t", "int"}, {"va_list", "void *"},
    {"__builtin_va_list", "void *"}, {"__gnuc_va_list", "void *"},
    {"off_t", "long"}, {"time_t", "long"}, {"pid_t", "int"},
    {"uid_t", "unsigned int"}, {"gid_t", "unsigned int"},
    {"mode_t", "unsigned int"}, {"socklen_t", "unsigned int"},
  };
  size_t i;
  if (lu_ctype_lookup(cts, lu_str_newz(L, "size_t"), 0) == 0) {
    for (i = 0; i < sizeof(typedefs) / sizeof(typedefs[0]); i++) {
      lua_pushfstring(L, "typedef %s %s;", typedefs[i][1], typedefs[i][0]);
      lu_cparse_cdef(L, cts, strV(L->top - 1));
      lua_pop(L, 1);
    }
  }
}

LUALIB_API int luaopen_ffi(lua_State *L)
{
  lu_ctype_state(L);
  lua_newtable(L);
  luaL_register(L, NULL, ffi_lib);
  ffi_pushclib(L, RTLD_DEFAULT);
  lua_setfield(L, -2, "C");
  lua_pushliteral(L, "Linux");
  lua_setfield(L, -2, "os");
  lua_pushliteral(L, "x64");
  lua_setfield(L, -2, "arch");
  /* require "ffi" stores it in package.loaded. */
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, "_FFI_LIB");
  return 1;
}
