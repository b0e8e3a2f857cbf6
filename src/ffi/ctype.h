/*
** lunar FFI: the C type table.
**
** Every C type the FFI knows is a CType in one growable array per state
** (CTState.tab), named by its index, the CTypeID. Types refer to each
** other by id: a pointer's cid is its target, an array's cid its element,
** a function's cid its return type. Members of a struct/union (FIELD),
** parameters of a function (FIELD without name) and the constants of an
** enum (CONSTVAL) hang off their owner as a chain through sib.
**
**   kind       size            cid            sib          value/offset
**   NUM        1..8            -              -            -
**   VOID       CTSIZE_INVALID  -              -            -
**   PTR        8               target         -            -
**   REF        8               target         -            -
**   ARRAY      n*elem or INV.  element        -            n (or 0: VLA)
**   STRUCT     bytes or INV.   -              first field  -
**   FUNC       -               return type    first param  nparams
**   ENUM       4               underlying int first const  -
**   FIELD      -               field type     next field   byte offset
**              (bit-fields also have CType.bits, see there)
**   CONSTVAL   -               its type       next const   int32 value
**   TYPEDEF    -               aliased type   -            -
**   EXTERN     -               var/func type  -            -
**
** Types without a name are interned (lu_ctype_intern): the same
** (kind, flags, cid, size, value) gives the same id, so ids compare types.
** Named entries (typedefs, struct/union/enum tags, enum constants, extern
** symbols) are found through a small chained hash on the name; tags and
** ordinary identifiers live in separate namespaces (CTF_TAG).
**
** The state lives in a full userdata anchored in the registry; its
** environment table anchors the interned names (GCstr) the table uses.
*/
#ifndef LU_FFI_CTYPE_H
#define LU_FFI_CTYPE_H

#include "../core/obj.h"

typedef uint32_t CTypeID;
typedef uint32_t CTSize;

#define CTSIZE_INVALID  0xffffffffu
#define CTID_MAX        0x10000u   /* Hard limit on the number of types. */

/* Kinds of types. */
#define CTKINDDEF(_) \
  _(NUM) _(VOID) _(PTR) _(REF) _(ARRAY) _(STRUCT) _(FUNC) _(ENUM) \
  _(FIELD) _(CONSTVAL) _(TYPEDEF) _(EXTERN)

typedef enum {
#define CTKENUM(name) CT_##name,
  CTKINDDEF(CTKENUM)
#undef CTKENUM
  CT__MAX
} CTKind;

/* Flags (CType.flags). */
#define CTF_UNSIGNED  0x0001u   /* NUM: unsigned integer. */
#define CTF_FP        0x0002u   /* NUM: floating point. */
#define CTF_BOOL      0x0004u   /* NUM: bool. */
#define CTF_CONST     0x0008u   /* Qualifier const. */
#define CTF_VOLATILE  0x0010u   /* Qualifier volatile. */
#define CTF_UNION     0x0020u   /* STRUCT: a union. */
#define CTF_VLA       0x0040u   /* ARRAY: [?]; STRUCT: ends in a VLA. */
#define CTF_VARARG    0x0080u   /* FUNC: takes "...". */
#define CTF_TAG       0x0100u   /* Named by a struct/union/enum tag. */
#define CTF_INCOMPLETE 0x0200u  /* STRUCT/ENUM declared but not defined. */
#define CTF_CHAR      0x0400u   /* NUM: plain "char" (prints as char). */
#define CTF_LONGDBL   0x0800u   /* NUM: long double (not convertible). */
#define CTF_CTYPEID   0x1000u   /* NUM: the internal type of ctype objects. */
#define CTF_QUAL      (CTF_CONST | CTF_VOLATILE)

typedef struct CType {
  uint8_t kind;        /* CTKind. */
  uint8_t align;       /* Alignment in bytes (1..16). */
  uint16_t bits;       /* FIELD of a bit-field: bit position in the low
                          byte, width in the high byte (0: not one). The
                          field's value is the byte offset of its first
                          byte; the bits occupy ceil((pos+width)/8) bytes
                          from there (little endian). */
  uint32_t flags;      /* CTF_*. */
  CTSize size;         /* Size in bytes, CTSIZE_INVALID if unknown. */
  CTypeID cid;         /* Child type (see the table above). */
  CTypeID sib;         /* Next member of a chain. */
  CTypeID next;        /* Next entry of the same hash chain. */
  int64_t value;       /* Offset / count / constant (see above). */
  GCstr *name;         /* Name or NULL. */
} CType;

/* Built-in types with fixed ids (a type name string, kind, size, flags). */
#define CTBUILTINDEF(_) \
  _(NONE,   "",                VOID, 0, 0) \
  _(VOID,   "void",            VOID, 0, 0) \
  _(CVOID,  "const void",      VOID, 0, CTF_CONST) \
  _(BOOL,   "bool",            NUM, 1, CTF_BOOL | CTF_UNSIGNED) \
  _(CHAR,   "char",            NUM, 1, CTF_CHAR) \
  _(CCHAR,  "const char",      NUM, 1, CTF_CHAR | CTF_CONST) \
  _(UINT8,  "unsigned char",   NUM, 1, CTF_UNSIGNED) \
  _(INT16,  "short",           NUM, 2, 0) \
  _(UINT16, "unsigned short",  NUM, 2, CTF_UNSIGNED) \
  _(INT32,  "int",             NUM, 4, 0) \
  _(UINT32, "unsigned int",    NUM, 4, CTF_UNSIGNED) \
  _(INT64,  "int64_t",         NUM, 8, 0) \
  _(UINT64, "uint64_t",        NUM, 8, CTF_UNSIGNED) \
  _(FLOAT,  "float",           NUM, 4, CTF_FP) \
  _(DOUBLE, "double",          NUM, 8, CTF_FP) \
  _(LDOUBLE, "long double",    NUM, 16, CTF_FP | CTF_LONGDBL) \
  _(CTYPEID, "ctype",          NUM, 4, CTF_CTYPEID) \
  _(P_VOID, "void *",          PTR, 8, 0) \
  _(P_CVOID, "const void *",   PTR, 8, 0) \
  _(P_CHAR, "char *",          PTR, 8, 0) \
  _(P_CCHAR, "const char *",   PTR, 8, 0) \
  _(A_CCHAR, "const char []",  ARRAY, 0, 0)

enum {
#define CTIDENUM(id, str, kind, size, flags) CTID_##id,
  CTBUILTINDEF(CTIDENUM)
#undef CTIDENUM
  CTID__BUILTIN
};

#define CTHASH_SIZE  256u
#define CTCACHE_MAX  512u  /* Type strings kept in CTState.typecache. */

typedef struct CTState {
  CType *tab;          /* The types, indexed by CTypeID. */
  MSize top;           /* Number of types in use. */
  MSize sizetab;       /* Allocated entries. */
  CTypeID hash[CTHASH_SIZE]; /* Chains of named and interned types. */
  GCtab *envt;         /* The state's environment: [1] = the type array. */
  GCtab *anchor;       /* Anchors names (set of GCstr). */
  GCtab *metatypes;    /* [ctypeid] = metatable (ffi.metatype). */
  GCtab *finalizers;   /* Weak-keyed: [cdata] = finalizer (ffi.gc). */
  GCtab *miscmap;      /* [id] = ctype object cache etc. */
  GCtab *typecache;    /* [type string] = CTypeID (see cparse.c). */
  MSize ntypecache;    /* Entries added to typecache since it was last
                          cleared (bounded by CTCACHE_MAX). */
  struct CCallbackState *cb; /* The callback pool (ccallback.h). */
  lua_State *L;        /* The running thread (set on every entry through
                          lu_ctype_setL; anchored in envt[2], so that a
                          callback never finds a freed thread here). */
  int savederrno;      /* errno after the last C call (ffi.errno). */
} CTState;

/* The CTState of the global state, created on first use together with
** the cdata metatable (defined in src/lib/ffi.c). Sets cts->L = L. */
LU_FUNC CTState *lu_ctype_state(lua_State *L);
/* Initialise the state in userdata ud (at the top of the stack; popped):
** builtin types, environment tables, registry anchor. */
LU_FUNC CTState *lu_ctype_init(lua_State *L, void *ud);

#define ctype_get(cts, id)   (&(cts)->tab[(id)])

/* Make L the FFI's running thread (cts->L), anchoring it. */
LU_FUNC void lu_ctype_setthread(CTState *cts, lua_State *L);
static LU_AINLINE void lu_ctype_setL(CTState *cts, lua_State *L)
{
  if (LU_UNLIKELY(cts->L != L)) lu_ctype_setthread(cts, L);
}

/* A new, zeroed entry (not interned, not named). Throws "too many C
** types" beyond CTID_MAX. The table may move: re-fetch CType pointers. */
LU_FUNC CTypeID lu_ctype_new(CTState *cts, CTKind kind);
/* The id of the anonymous type (kind, flags, cid, size, value), created
** on first use. */
LU_FUNC CTypeID lu_ctype_intern(CTState *cts, CTKind kind, uint32_t flags,
                                CTypeID cid, CTSize size, int64_t value);
/* Give entry id the name s (tag: struct/union/enum namespace). */
LU_FUNC void lu_ctype_setname(CTState *cts, CTypeID id, GCstr *s, int tag);
/* Find a named entry (0 if none). */
LU_FUNC CTypeID lu_ctype_lookup(CTState *cts, GCstr *s, int tag);

/* Follow typedefs (and strip nothing else). Inline: every access does it. */
static LU_AINLINE CTypeID lu_ctype_resolve(CTState *cts, CTypeID id)
{
  while (cts->tab[id].kind == CT_TYPEDEF) id = cts->tab[id].cid;
  return id;
}
/* Strip typedefs, qualifiers are kept in flags of the final type. */
static LU_AINLINE CType *lu_ctype_raw(CTState *cts, CTypeID id)
{
  return ctype_get(cts, lu_ctype_resolve(cts, id));
}
/* Pointer to id (with qualifier flags for the pointer itself). */
LU_FUNC CTypeID lu_ctype_ptrto(CTState *cts, CTypeID id, uint32_t qual);
/* Add qualifiers to a type (number/pointer/struct copies get interned). */
LU_FUNC CTypeID lu_ctype_qualify(CTState *cts, CTypeID id, uint32_t qual);
/* Size of a VLA/VLS type with n elements, or CTSIZE_INVALID. */
LU_FUNC CTSize lu_ctype_vlsize(CTState *cts, CTypeID id, uint64_t n);
/* Append the C declaration of id (LuaJIT's layout: "int *", "struct 12",
** "int (*)()") to the buffer of L; pushes nothing. Returns a new string. */
LU_FUNC GCstr *lu_ctype_repr(lua_State *L, CTState *cts, CTypeID id,
                             const char *inner);
/* Type name as a C string (temporary, for error messages). */
LU_FUNC const char *lu_ctype_name(lua_State *L, CTState *cts, CTypeID id);

/* Classifiers on a resolved CType. */
#define ctype_isnum(ct)    ((ct)->kind == CT_NUM)
#define ctype_isint(ct)    ((ct)->kind == CT_NUM && !((ct)->flags & (CTF_FP | CTF_BOOL)))
#define ctype_isfp(ct)     ((ct)->kind == CT_NUM && ((ct)->flags & CTF_FP))
#define ctype_isbool(ct)   ((ct)->kind == CT_NUM && ((ct)->flags & CTF_BOOL))
#define ctype_isptr(ct)    ((ct)->kind == CT_PTR)
#define ctype_isref(ct)    ((ct)->kind == CT_REF)
#define ctype_isarray(ct)  ((ct)->kind == CT_ARRAY)
#define ctype_isstruct(ct) ((ct)->kind == CT_STRUCT)
#define ctype_isfunc(ct)   ((ct)->kind == CT_FUNC)
#define ctype_isenum(ct)   ((ct)->kind == CT_ENUM)
#define ctype_isvoid(ct)   ((ct)->kind == CT_VOID)

#endif
