/*
** lunar FFI: the C type table (see ctype.h).
**
** Memory: the CTState sits in a full userdata anchored in the registry
** (key "_FFI_CTSTATE"); the type array is another userdata, replaced by a
** bigger copy when it fills up. The state's environment table holds the
** array, the metatype/finalizer tables and the names, so the GC keeps all
** of it alive and frees it at lua_close without a finalizer.
*/
#include <string.h>
#include <stdio.h>

#include "ctype.h"
#include "../api/lauxlib.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/state.h"
#include "../core/udata.h"

/* -- The state ---------------------------------------------------------- */

static const struct {
  const char *name;
  uint8_t kind;
  uint8_t size;
  uint32_t flags;
} ctype_builtin[] = {
#define CTBUILTIN(id, str, kind, size, flags) { str, CT_##kind, size, flags },
  CTBUILTINDEF(CTBUILTIN)
#undef CTBUILTIN
};

/* Grow the type array to hold at least n entries. This must not run a
** GC step: the parser holds names (GCstr) that are anchored only once
** their entry is complete. So no C API calls here, only the internal
** allocator; the new array is anchored in the state's environment table
** (cts->envt) before anything else can allocate. */
static void ctype_grow(CTState *cts, MSize n)
{
  lua_State *L = cts->L;
  MSize nsize = cts->sizetab ? cts->sizetab : 64;
  GCudata *ud;
  CType *ntab;
  TValue *slot;
  while (nsize < n) nsize *= 2;
  if (nsize > CTID_MAX) nsize = CTID_MAX;
  if (n > nsize) luaL_error(L, "table overflow");  /* LuaJIT: too many types. */
  ud = lu_udata_new(L, nsize * (MSize)sizeof(CType), cts->envt);
  ntab = (CType *)uddata(ud);
  if (cts->top) memcpy(ntab, cts->tab, cts->top * sizeof(CType));
  memset(ntab + cts->top, 0, (nsize - cts->top) * sizeof(CType));
  slot = lu_tab_setint(L, cts->envt, 1);  /* env[1] = the type array. */
  setudataV(L, slot, ud);
  lu_gc_anybarriert(L, cts->envt);
  cts->tab = ntab;
  cts->sizetab = nsize;
}

/* Create a new table, store it as env[name] and return it. */
static GCtab *ctype_envtab(lua_State *L, const char *name, const char *mode)
{
  GCtab *t;
  lua_newtable(L);
  if (mode != NULL) {
    lua_newtable(L);
    lua_pushstring(L, mode);
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
  }
  t = (GCtab *)lua_topointer(L, -1);
  lua_setfield(L, -2, name);
  return t;
}

CTState *lu_ctype_init(lua_State *L, void *ud)
{
  CTState *cts = (CTState *)ud;
  MSize i;
  memset(cts, 0, sizeof(*cts));
  cts->L = L;
  /* The userdata is at the top of the stack; give it its env table. */
  lua_newtable(L);
  cts->envt = (GCtab *)lua_topointer(L, -1);
  cts->anchor = ctype_envtab(L, "anchor", NULL);
  cts->metatypes = ctype_envtab(L, "metatypes", NULL);
  cts->finalizers = ctype_envtab(L, "finalizers", "k");
  cts->miscmap = ctype_envtab(L, "miscmap", NULL);
  cts->typecache = ctype_envtab(L, "typecache", NULL);
  lua_setfenv(L, -2);
  lua_setfield(L, LUA_REGISTRYINDEX, "_FFI_CTSTATE");
  ctype_grow(cts, 128);
  setthreadV(L, lu_tab_setint(L, cts->envt, 2), L);  /* env[2] = cts->L. */
  for (i = 0; i < CTID__BUILTIN; i++) {
    CType *ct = &cts->tab[i];
    ct->kind = ctype_builtin[i].kind;
    ct->flags = ctype_builtin[i].flags;
    ct->size = ctype_builtin[i].size;
    ct->align = (uint8_t)(ct->size ? ct->size : 1);
    if (ct->kind == CT_VOID) ct->size = CTSIZE_INVALID;
  }
  cts->tab[CTID_LDOUBLE].align = 16;
  cts->tab[CTID_P_VOID].cid = CTID_VOID;
  cts->tab[CTID_P_CVOID].cid = CTID_CVOID;
  cts->tab[CTID_P_CHAR].cid = CTID_CHAR;
  cts->tab[CTID_P_CCHAR].cid = CTID_CCHAR;
  cts->tab[CTID_A_CCHAR].cid = CTID_CCHAR;
  cts->tab[CTID_A_CCHAR].size = CTSIZE_INVALID;
  cts->tab[CTID_A_CCHAR].flags = CTF_VLA;
  cts->tab[CTID_A_CCHAR].align = 1;
  cts->top = CTID__BUILTIN;
  /* Intern the built-in anonymous types so that lookups find them. */
  for (i = 1; i < CTID__BUILTIN; i++) {
    CType *ct = &cts->tab[i];
    uint32_t h = (ct->kind * 31u + ct->flags * 7u + ct->cid * 13u + ct->size) &
                 (CTHASH_SIZE - 1);
    ct->next = cts->hash[h];
    cts->hash[h] = i;
  }
  return cts;
}

void lu_ctype_setthread(CTState *cts, lua_State *L)
{
  cts->L = L;
  /* The slot exists since lu_ctype_init: this store does not allocate. */
  setthreadV(L, lu_tab_setint(L, cts->envt, 2), L);
  lu_gc_anybarriert(L, cts->envt);
}

/* -- Entries ------------------------------------------------------------- */

CTypeID lu_ctype_new(CTState *cts, CTKind kind)
{
  CTypeID id = cts->top;
  CType *ct;
  if (id >= cts->sizetab) ctype_grow(cts, id + 1);
  cts->top++;
  ct = &cts->tab[id];
  memset(ct, 0, sizeof(*ct));
  ct->kind = (uint8_t)kind;
  ct->align = 1;
  return id;
}

static uint32_t ctype_hash(CTKind kind, uint32_t flags, CTypeID cid,
                           CTSize size)
{
  return (kind * 31u + flags * 7u + cid * 13u + size) & (CTHASH_SIZE - 1);
}

CTypeID lu_ctype_intern(CTState *cts, CTKind kind, uint32_t flags,
                        CTypeID cid, CTSize size, int64_t value)
{
  uint32_t h = ctype_hash(kind, flags, cid, size);
  CTypeID id;
  CType *ct;
  for (id = cts->hash[h]; id != 0; id = cts->tab[id].next) {
    ct = &cts->tab[id];
    if (ct->name == NULL && ct->kind == kind && ct->flags == flags &&
        ct->cid == cid && ct->size == size && ct->value == value)
      return id;
  }
  id = lu_ctype_new(cts, kind);
  ct = &cts->tab[id];
  ct->flags = flags;
  ct->cid = cid;
  ct->size = size;
  ct->value = value;
  ct->next = cts->hash[h];
  cts->hash[h] = id;
  return id;
}

static uint32_t ctype_namehash(GCstr *s, int tag)
{
  return (s->hash + (tag ? 0x9e37u : 0)) & (CTHASH_SIZE - 1);
}

void lu_ctype_setname(CTState *cts, CTypeID id, GCstr *s, int tag)
{
  lua_State *L = cts->L;
  uint32_t h = ctype_namehash(s, tag);
  CType *ct = &cts->tab[id];
  TValue key;
  setstrV(L, &key, s);
  setboolV(lu_tab_set(L, cts->anchor, &key), 1);
  lu_gc_anybarriert(L, cts->anchor);
  ct->name = s;
  if (tag) ct->flags |= CTF_TAG;
  ct->next = cts->hash[h];
  cts->hash[h] = id;
}

CTypeID lu_ctype_lookup(CTState *cts, GCstr *s, int tag)
{
  CTypeID id;
  for (id = cts->hash[ctype_namehash(s, tag)]; id != 0;
       id = cts->tab[id].next) {
    CType *ct = &cts->tab[id];
    if (ct->name == s && !!(ct->flags & CTF_TAG) == !!tag &&
        ct->kind != CT_FIELD)
      return id;
  }
  return 0;
}

CTypeID lu_ctype_ptrto(CTState *cts, CTypeID id, uint32_t qual)
{
  return lu_ctype_intern(cts, CT_PTR, qual, id, 8, 0);
}

CTypeID lu_ctype_qualify(CTState *cts, CTypeID id, uint32_t qual)
{
  CType *ct;
  id = lu_ctype_resolve(cts, id);
  ct = &cts->tab[id];
  if (qual == 0 || (ct->flags & qual) == qual) return id;
  switch (ct->kind) {
  case CT_NUM: case CT_VOID: case CT_PTR: {
    /* Same type with more qualifier bits (interned, also for builtins). */
    CTKind kind = (CTKind)ct->kind;
    uint32_t flags = ct->flags | qual;
    CTypeID cid = ct->cid;
    CTSize size = ct->size;
    uint8_t align = ct->align;
    CTypeID nid = lu_ctype_intern(cts, kind, flags, cid, size, 0);
    cts->tab[nid].align = align;
    return nid;
  }
  case CT_ARRAY: {
    /* const applies to the elements. */
    CTypeID elem = lu_ctype_qualify(cts, ct->cid, qual);
    CType *a = &cts->tab[id];
    CTypeID nid = lu_ctype_intern(cts, CT_ARRAY, a->flags, elem, a->size,
                                  a->value);
    cts->tab[nid].align = cts->tab[elem].align;
    return nid;
  }
  default:
    return id;  /* Qualified structs/enums/functions: the type itself. */
  }
}

CTSize lu_ctype_vlsize(CTState *cts, CTypeID id, uint64_t n)
{
  CType *ct = lu_ctype_raw(cts, id);
  uint64_t sz;
  if (ct->kind == CT_ARRAY) {
    CTSize esz = lu_ctype_raw(cts, ct->cid)->size;
    if (esz == CTSIZE_INVALID) return CTSIZE_INVALID;
    sz = n * esz;
    if (n != 0 && sz / n != esz) return CTSIZE_INVALID;
  } else if (ct->kind == CT_STRUCT) {
    /* The last field is the VLA. */
    CTypeID fid = ct->sib, last = 0;
    CType *arr;
    CTSize esz;
    while (fid) { last = fid; fid = cts->tab[fid].sib; }
    if (last == 0) return CTSIZE_INVALID;
    arr = lu_ctype_raw(cts, cts->tab[last].cid);
    esz = lu_ctype_raw(cts, arr->cid)->size;
    sz = (uint64_t)cts->tab[last].value + n * esz;
    if (n != 0 && esz != 0 && n > ((uint64_t)1 << 40) / esz)
      return CTSIZE_INVALID;
    sz = (sz + ct->align - 1) & ~(uint64_t)(ct->align - 1);
  } else {
    return CTSIZE_INVALID;
  }
  if (sz >= 0x7fffff00u) return CTSIZE_INVALID;
  return (CTSize)sz;
}

/* -- Printing types -------------------------------------------------------
** The declarator grows in a buffer from the middle: pointer stars are
** prepended, array and function suffixes appended (see ctype.h for the
** layout LuaJIT prints: "int *", "int (*)[3]", "char *const").
*/

typedef struct CTRepr {
  char buf[400];
  char *b, *e;     /* Current declarator [b, e). */
  int ok;
} CTRepr;

static void repr_prepend(CTRepr *r, const char *s)
{
  size_t n = strlen(s);
  if ((size_t)(r->b - r->buf) < n) { r->ok = 0; return; }
  r->b -= n;
  memcpy(r->b, s, n);
}

static void repr_append(CTRepr *r, const char *s)
{
  size_t n = strlen(s);
  if ((size_t)(r->buf + sizeof(r->buf) - r->e) < n + 1) { r->ok = 0; return; }
  memcpy(r->e, s, n);
  r->e += n;
}

GCstr *lu_ctype_repr(lua_State *L, CTState *cts, CTypeID id,
                     const char *inner)
{
  CTRepr r;
  char base[160];
  const char *decl;
  r.b = r.e = r.buf + 200;
  r.ok = 1;
  base[0] = '\0';
  if (inner != NULL) repr_append(&r, inner);
  for (;;) {
    CType *ct = &cts->tab[id];
    int needparen = r.b < r.e && (*r.b == '*' || *r.b == '&');
    switch (ct->kind) {
    case CT_TYPEDEF:
      id = ct->cid;
      continue;
    case CT_PTR: case CT_REF:
      if (ct->flags & CTF_CONST) repr_prepend(&r, "const");
      if (ct->flags & CTF_VOLATILE) repr_prepend(&r, "volatile");
      repr_prepend(&r, ct->kind == CT_PTR ? "*" : "&");
      id = ct->cid;
      continue;
    case CT_ARRAY: {
      char num[32];
      if (needparen) { repr_prepend(&r, "("); repr_append(&r, ")"); }
      if (ct->flags & CTF_VLA) snprintf(num, sizeof(num), "[?]");
      else if (ct->size == CTSIZE_INVALID) snprintf(num, sizeof(num), "[]");
      else snprintf(num, sizeof(num), "[%lld]", (long long)ct->value);
      repr_append(&r, num);
      id = ct->cid;
      continue;
    }
    case CT_FUNC:
      if (needparen) { repr_prepend(&r, "("); repr_append(&r, ")"); }
      repr_append(&r, "()");
      id = ct->cid;
      continue;
    case CT_STRUCT: case CT_ENUM: {
      const char *kw = ct->kind == CT_ENUM ? "enum" :
                       (ct->flags & CTF_UNION) ? "union" : "struct";
      if (ct->name != NULL)
        snprintf(base, sizeof(base), "%s%s%s %s",
                 (ct->flags & CTF_CONST) ? "const " : "",
                 (ct->flags & CTF_VOLATILE) ? "volatile " : "", kw,
                 strdata(ct->name));
      else
        snprintf(base, sizeof(base), "%s %u", kw, (unsigned)id);
      break;
    }
    default: {
      /* Numbers and void: the builtin name of the unqualified type. */
      uint32_t q = ct->flags & CTF_QUAL;
      MSize i;
      const char *name = "?";
      for (i = 1; i < CTID__BUILTIN; i++) {
        if (ctype_builtin[i].kind == ct->kind &&
            (ctype_builtin[i].flags & ~CTF_QUAL) == (ct->flags & ~CTF_QUAL) &&
            !(ctype_builtin[i].flags & CTF_QUAL) &&
            (ct->kind == CT_VOID || ctype_builtin[i].size == ct->size)) {
          name = ctype_builtin[i].name;
          break;
        }
      }
      snprintf(base, sizeof(base), "%s%s%s",
               (q & CTF_CONST) ? "const " : "",
               (q & CTF_VOLATILE) ? "volatile " : "", name);
      break;
    }
    }
    break;
  }
  *r.e = '\0';
  decl = r.b;
  if (!r.ok) decl = "...";
  {
    char out[600];
    if (*decl) snprintf(out, sizeof(out), "%s %s", base, decl);
    else snprintf(out, sizeof(out), "%s", base);
    return lu_str_newz(L, out);
  }
}

const char *lu_ctype_name(lua_State *L, CTState *cts, CTypeID id)
{
  GCstr *s = lu_ctype_repr(L, cts, id, NULL);
  /* Keep it reachable until the caller's error is raised. */
  lu_state_checkstack(L, 2);
  setstrV(L, L->top, s);
  L->top++;
  return strdata(s);
}
