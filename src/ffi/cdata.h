/*
** lunar FFI: cdata objects and conversions between Lua values and C data.
**
** A cdata (GCcdata, src/core/obj.h) holds a C value of one C type: the
** payload is the value itself (a number, a pointer, a struct, an array).
** Two internal kinds of cdata have special payloads:
**   ctype objects  (type CTID_CTYPEID): the payload is a CTypeID; what
**                  ffi.typeof returns, printed "ctype<int>".
**   references     (a REF type "T &"): the payload is a pointer to a T
**                  somewhere else; what reading a struct or array member
**                  gives, so that s.inner.x = 1 writes into s.
**
** Conversions follow LuaJIT's rules: numbers convert between all C number
** types, pointers between compatible pointer types (void * with all),
** arrays and strings decay to pointers, and anything else is an error
** "cannot convert 'X' to 'Y'". With CCF_CAST (ffi.cast) integers and
** pointers convert freely.
*/
#ifndef LU_FFI_CDATA_H
#define LU_FFI_CDATA_H

#include "ctype.h"

#define CDF_FIN   0x01   /* Has a finalizer (ffi.gc or a metatype __gc). */

#define CCF_CAST  0x01   /* Explicit cast. */
#define CCF_INIT  0x02   /* Initialiser (tables allowed for aggregates). */
#define CCF_CALLER 0x04   /* Errors get the Lua caller's position. */
#define CCF_CBRES 0x08   /* Callback result: errors get the position of
                            the end of the callback's function. */
#define CCF_ARGSHIFT 8   /* Argument number for messages (<< this). */

/* double to int64 as the x86-64 instruction does it: out of range and NaN
** give INT64_MIN. */
static LU_AINLINE int64_t lu_cconv_d2i64(double d)
{
  if (d != d || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
    return (int64_t)0x8000000000000000ull;
  return (int64_t)d;
}

/* double to an integer of the (resolved) NUM type ct: truncation, as C
** (but defined for out of range values: through int64/uint64 as LuaJIT
** does on x64); bool is d != 0. Inline: the C call path uses it. */
static LU_AINLINE int64_t lu_cconv_dbl2int(const CType *ct, double d)
{
  int64_t i;
  if (ct->flags & CTF_BOOL) return d != 0;
  i = lu_cconv_d2i64(d);
  if (ct->size == 8 && (ct->flags & CTF_UNSIGNED) && i < 0)
    i = lu_cconv_d2i64(d - 18446744073709551616.0);  /* LuaJIT's x64 rule. */
  return i;
}

/* A cdata of type id with sz payload bytes (zeroed). */
LU_FUNC GCcdata *lu_cdata_new(lua_State *L, CTypeID id, MSize sz);
/* A ctype object for id. */
LU_FUNC GCcdata *lu_cdata_newctype(lua_State *L, CTypeID id);
/* A reference "T &" to the T at p, inside the payload of owner (or NULL
** when p is memory the FFI does not own). */
LU_FUNC GCcdata *lu_cdata_newref(lua_State *L, CTState *cts, CTypeID id,
                                 void *p, GCcdata *owner);
/* The type a cdata stands for: a ctype object's id, else its own type. */
LU_FUNC CTypeID lu_cdata_typeof(CTState *cts, GCcdata *cd);
/* The data of cd and its type with references stripped. */
LU_FUNC uint8_t *lu_cdata_deref(CTState *cts, GCcdata *cd, CTypeID *idp);

/* Convert between C values: from type sid at sp to type did at dp. */
LU_FUNC void lu_cconv_ct_ct(CTState *cts, CTypeID did, CTypeID sid,
                            uint8_t *dp, uint8_t *sp, int flags);
/* Convert the Lua value o to C type did at dp. */
LU_FUNC void lu_cconv_ct_tv(CTState *cts, CTypeID did, uint8_t *dp,
                            const TValue *o, int flags);
/* Initialise a fresh object of type did at dp from the Lua values
** o[0..n-1] (ffi.new's arguments: none, one value, a table, or several
** positional values). */
LU_FUNC void lu_cconv_init(CTState *cts, CTypeID did, CTSize sz, uint8_t *dp,
                           const TValue *o, int n);
/* Read the C value of type sid at sp as a Lua value into *o (numbers up
** to 32 bits, floats and bools become Lua values; 64-bit integers and
** pointers new cdata; aggregates references, kept alive by owner: the
** cdata whose payload holds sp, or NULL). */
LU_FUNC void lu_cconv_tv_ct(CTState *cts, CTypeID sid, uint8_t *sp,
                            TValue *o, GCcdata *owner);
/* Read / write the bit-field f (a FIELD with bits) whose first byte is at
** p. Reads give a number (boolean for bool, a boxed integer for 64-bit
** types); writes convert like a store to the field's type. */
LU_FUNC void lu_cconv_bf_get(CTState *cts, CType *f, uint8_t *p, TValue *o);
LU_FUNC void lu_cconv_bf_put(CTState *cts, CType *f, uint8_t *p,
                             const TValue *o, int flags);

/* The cdata of a Lua value (or NULL if not cdata). */
#define lu_cdata_of(o)  (tviscdata(o) ? cdataV(o) : NULL)

/* Error "cannot convert 'X' to 'Y'" (X a C type or a Lua type name). */
LU_FUNC LU_NORET void lu_cconv_err(CTState *cts, CTypeID did, CTypeID sid,
                                   const TValue *o, int flags);

/* Integer value of a Lua number or integer/enum/bool cdata for indexing;
** returns 0 if o is not one. */
LU_FUNC int lu_cdata_toint64(CTState *cts, const TValue *o, int64_t *v);

/* The bit library on 64-bit integers (LuaJIT 2.1): called by src/lib/bit.c
** when an argument that matters is a cdata. op is one of LU_BIT64_*. */
enum {
  LU_BIT64_TOBIT, LU_BIT64_BNOT, LU_BIT64_BSWAP, LU_BIT64_BAND, LU_BIT64_BOR,
  LU_BIT64_BXOR, LU_BIT64_LSHIFT, LU_BIT64_RSHIFT, LU_BIT64_ARSHIFT,
  LU_BIT64_ROL, LU_BIT64_ROR, LU_BIT64_TOHEX
};
LU_FUNC int lu_ffi_bit64(lua_State *L, int op);


/* tonumber(cdata) for the base library (defined in src/lib/ffi.c): 1 and
** *n set if o is a numeric cdata, else 0. */
LU_FUNC int lu_ffi_tonumber(lua_State *L, const TValue *o, double *n);

#endif
