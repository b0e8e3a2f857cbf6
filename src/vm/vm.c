/*
** lunar: the C interpreter.
**
** One function, vm_run, with one handler per opcode and per fast
** function. Labels-as-values: every handler ends with its own
** decode-and-dispatch through the dispatch table in GG_State (the C
** equivalent of LuaJIT's ins_next), so hooks and the JIT can redirect
** opcodes by rewriting the table (src/vm/dispatch.c).
**
** Registers (locals the compiler keeps in registers):
**   base    the current frame's base (slot 0); base[-2] is the function,
**           base[-1] the frame link (see obj.h)
**   pc      the next instruction (the current one is pc[-1])
**   kbase   the current prototype's constants: kbase[i] numbers,
**           ((GCobj **)kbase)[~i] GC constants
**   disp    the dispatch table
**   multres the number of values produced by the last multi-result
**           instruction (CALL with B=0, VARG with B=0); CALLM/RETM/TSETM
**           consume it
**   nargs   on function entry: number of arguments at base[0..]
**
** Calls never recurse on the C stack for Lua callees: CALL sets the frame
** link to the return pc and jumps to the callee's header instruction.
** Metamethods called by an instruction get a continuation frame
** (FRAME_CONT) above the current frame:
**
**   top[0]  continuation kind (CONT_*)     \  top = base + framesize
**   top[1]  saved pc of the calling frame   |
**   top[2]  the metamethod                  |  = newbase[-4 .. -1]
**   top[3]  delta | FRAME_CONT             /
**   top[4]  arguments ...                     = newbase[0 ..]
**
** When the metamethod returns to that frame, the continuation completes
** the instruction (store the result in R(A), take a branch, continue a
** concatenation...). Yields and errors see ordinary frames throughout.
**
** Slow paths are out-of-line C functions. Before calling anything that may
** throw, allocate or reallocate the stack, the handler saves its state
** (SAVE_STATE: L->base, L->top = base + framesize, L->savedpc) and
** reloads base from L->base afterwards when the stack may have moved.
**
** Speed tricks (each measured with callgrind, see docs/performance.md):
**   - comparisons take the following JMP themselves (pc += 1 + j), one
**     dispatch per compare-and-branch;
**   - RET1 and the fast functions' single-value return to a Lua caller go
**     through VM_RET1_LUA (no result loop, no frame-type switch);
**   - TGETS follows __index chains of tables inline (vm_metaindex: the
**     nomm negative cache answers for tables without __index);
**   - pairs() loops: ISNEXT puts a position marker (VM_ITERMARK) in the
**     hidden control slot and ITERN walks the table by position
**     (lu_tab_iternext), taking the following ITERL's branch itself;
**     ipairs() loops run ipairs_aux inline in ITERC (not under a call
**     hook, which must see the call);
**   - bit.*, setmetatable and the common base/math/string functions are
**     fast functions: handled here for the plain cases, C otherwise;
**   - code shaped for the compiler: ins is a zero-extended 64-bit value,
**     the number test reads the upper word only (vm_isnum), table and
**     function tests take the pointer from the same xor (vm_tabof,
**     vm_funcof), slow paths decode operands again (VM_REDECODE) so fast
**     paths keep nothing alive for them; returns do not close upvalues
**     (VM_ASSERT_CLOSED).
*/
#include <math.h>

#include "call.h"
#include "ff.h"
#include "meta.h"
#include "../core/err.h"
#include "../core/func.h"
#include "../core/gc.h"
#include "../core/str.h"
#include "../core/strfmt.h"
#include "../core/strscan.h"
#include "../core/buf.h"
#include "../core/tab.h"
#include "debug.h"

/* Continuation kinds (stored raw in the CONT frame, see above). */
enum {
  CONT_RA,      /* R(A) of the calling instruction = result. */
  CONT_NOP,     /* Discard the result (__newindex). */
  CONT_CONDT,   /* Take the following JMP if the result is true. */
  CONT_CONDF,   /* Take the following JMP if the result is false. */
  CONT_CAT      /* Concatenation: result into slot (kind >> 8), go on. */
};

/* -- Small helpers ---------------------------------------------------------- */

static LU_AINLINE GCproto *vm_curproto(TValue *base)
{
  return funcproto(funcV(base - 2));
}

static LU_AINLINE TValue *vm_frametop(TValue *base)
{
  return base + vm_curproto(base)->framesize;
}

/* lu_meta_fast(L, mt, MM_index) with the hit inlined (method lookups). */
static LU_AINLINE const TValue *vm_metaindex(lua_State *L, GCtab *mt)
{
  const TValue *mo;
  if (mt == NULL || (mt->nomm & (1u << MM_index))) return NULL;
  mo = lu_tab_getstr_fast(mt, G(L)->gcname[MM_index]);
  if (LU_LIKELY(mo != NULL && !tvisnil(mo))) return mo;
  return lu_meta_cache(mt, MM_index, G(L)->gcname[MM_index]);
}

/* ipairs_aux's lookup of t[n]: n truncated to an integer as LuaJIT does
** (the control value itself is returned unchanged). */
static LU_AINLINE const TValue *vm_ipairs_get(GCtab *t, double n)
{
  if (n >= 0 && n < (double)t->asize)
    return &t->array[(uint32_t)n];
  if (n > -2147483649.0 && n < 2147483648.0)
    return lu_tab_getint(t, (int32_t)n);
  return lu_tab_getnum(t, n);
}

/* The traversal position ISNEXT/ITERN keep in the hidden control slot of
** a pairs() loop: a light userdata (never traced by the GC) whose upper
** payload bits hold a pattern no real pointer has, the position below. */
#define VM_ITERMARK  (((uint64_t)LU_TLIGHTUD << 47) | ((uint64_t)0x7ffd << 32))

static LU_AINLINE int vm_isitermark(const TValue *o)
{
  return (o->u64 >> 32) == (VM_ITERMARK >> 32);
}

/* bit.tobit: add 2^52 + 2^51, keep the low 32 bits of the double. */
static LU_AINLINE int32_t vm_tobit(double n)
{
  union { double d; uint64_t u; } c;
  c.d = n + 6755399441055744.0;
  return (int32_t)(uint32_t)c.u;
}

/* tvisnumber from the upper 32 bits alone: the compiler then tests the tag
** with one compare against memory (no 64-bit immediate) and loads the
** double straight into an SSE register. */
static LU_AINLINE int vm_isnum(const TValue *o)
{
  uint32_t hi;
  memcpy(&hi, (const char *)o + 4, sizeof(hi));
  return hi < ((uint32_t)LU_TISNUM << 15);
}

/* The sign bit of the number in o (set for -0 and negative NaNs too). */
static LU_AINLINE int vm_signbit(const TValue *o)
{
  return (int64_t)o->u64 < 0;
}

/* Is the number in o an integer index into t's array part? One
** truncation (straight from memory), one compare of the round trip, one
** unsigned bound check; *idx gets the index. The x86-64 truncation is
** defined for every input (out of range gives INT64_MIN, which fails the
** round trip unless the key is exactly -2^63, and then the bound check). */
static LU_AINLINE int vm_arrayidx(GCtab *t, const TValue *o, uint64_t *idx)
{
#if defined(__x86_64__)
  int64_t i;
  __asm__("cvttsd2si %1, %0" : "=r"(i) : "m"(o->n));
  *idx = (uint64_t)i;
  return (double)i == o->n && (uint64_t)i < t->asize;
#else
  double n = o->n;
  if (!(n >= 0 && n < (double)t->asize)) return 0;
  *idx = (uint64_t)n;
  return (double)*idx == n;
#endif
}

/* floor and ceil inline (libm's are calls on baseline x86-64). floor:
** truncate through an int64 when |x| < 2^52 (beyond that every double is
** an integer, and inf and NaN pass through), step down when the
** truncation rounded up, and keep the sign of x so that floor(-0) is -0. */
static LU_AINLINE double vm_floor(double x)
{
  if (LU_LIKELY(fabs(x) < 4503599627370496.0)) {
    double t = (double)(int64_t)x;
    return copysign(t - (double)(t > x), x);
  }
  return x;
}

/* a % b as Lua defines it, a - floor(a/b)*b, with floor's sign of zero
** left out: a zero quotient only matters for a = -0, whose remainder the
** final + 0.0 turns into +0 as libm's floor would (x - x is +0 in every
** other case). Infinite and NaN operands give NaN through the formula. */
static LU_AINLINE double vm_mod(double a, double b)
{
  double q = a / b, t = q;
  if (LU_LIKELY(fabs(q) < 4503599627370496.0)) {
    t = (double)(int64_t)q;
    t -= (double)(t > q);
  }
  return (a - t * b) + 0.0;
}

/* ceil: round |x| to nearest by adding and subtracting 2^52, give it x's
** sign, step up if that rounded down. As LuaJIT's, the result of a step
** up from -1 is +0 (ceil(-0.9999999999999999) is 0, ceil(-0.5) is -0). */
static LU_AINLINE double vm_ceil(double x)
{
  double r;
  if (!(fabs(x) < 4503599627370496.0)) return x;  /* Big, inf or NaN. */
  r = copysign((fabs(x) + 4503599627370496.0) - 4503599627370496.0, x);
  if (r < x) r += 1.0;
  return r;
}

/* Is o a table? *t gets the pointer either way: the tag test and the
** payload come from one xor (a table's payload is what is left). */
static LU_AINLINE int vm_tabof(const TValue *o, GCtab **t)
{
  uint64_t u = o->u64 ^ ((uint64_t)LU_TTAB << 47);
  *t = (GCtab *)(uintptr_t)u;
  return (u >> 47) == 0;
}

/* The same for functions (vm_funcof). */
static LU_AINLINE int vm_funcof(const TValue *o, GCfunc **fn)
{
  uint64_t u = o->u64 ^ ((uint64_t)LU_TFUNC << 47);
  *fn = (GCfunc *)(uintptr_t)u;
  return (u >> 47) == 0;
}

static LU_AINLINE int vm_isstrnum(const TValue *o)
{
  return tvisstr(o) || vm_isnum(o);
}

/* Number value of o for arithmetic (with string coercion). */
static LU_AINLINE int vm_tonum(const TValue *o, double *n)
{
  if (LU_LIKELY(vm_isnum(o))) {
    *n = numV(o);
    return 1;
  }
  return tvisstr(o) && lu_strscan_tonum(o, n);
}

static double vm_arith(double a, double b, int op)
{
  switch (op) {
  case 0: return a + b;
  case 1: return a - b;
  case 2: return a * b;
  case 3: return a / b;
  case 4: return vm_mod(a, b);
  case 5: return pow(a, b);
  default: return -a;
  }
}

/* -- Frames for metamethods ----------------------------------------------- */

/* Push a continuation frame above the current Lua frame for calling mm
** with nargs (1..3) arguments a1..a3, remembering pc and the continuation
** kind. Returns the new frame's base (the stack may have moved: L->base is
** the current frame's base afterwards). */
static LU_NOINLINE TValue *vm_mmframe(lua_State *L, TValue *base,
                                      const BCIns *pc, uint64_t kind,
                                      const TValue *mm, const TValue *a1,
                                      const TValue *a2, const TValue *a3,
                                      int nargs)
{
  TValue f = *mm, v1 = *a1, v2, v3;
  TValue *top, *nb;
  setnilV(&v2);
  setnilV(&v3);
  if (nargs > 1) v2 = *a2;
  if (nargs > 2) v3 = *a3;
  L->base = base;
  L->top = vm_frametop(base);
  L->savedpc = pc;
  lu_state_checkstack(L, 4 + 4 + LUA_MINSTACK);
  base = L->base;
  top = vm_frametop(base);
  nb = top + 4;
  top[0].u64 = kind;
  top[1].u64 = (uint64_t)(uintptr_t)pc;
  top[2] = f;
  top[3].u64 = (uint64_t)((char *)nb - (char *)base) | FRAME_CONT;
  nb[0] = v1;
  nb[1] = v2;
  nb[2] = v3;
  return nb;
}

/* Metamethod mm of o (NULL if none). */
static const TValue *vm_mm(lua_State *L, const TValue *o, MMS mm)
{
  const TValue *m = lu_meta_lookup(L, o, mm);
  return (m != NULL && !tvisnil(m)) ? m : NULL;
}

/* -- Indexing ----------------------------------------------------------------
** Result of a slow index/newindex: either done (NULL returned) or a
** metamethod frame to call (its base returned, 2 or 3 arguments).
*/

/* R(A) = o[k] with __index. *out receives the value when done. */
static LU_NOINLINE TValue *vm_index(lua_State *L, TValue *base,
                                    const BCIns *pc, const TValue *o,
                                    const TValue *k, TValue *out)
{
  TValue obj = *o, key = *k;
  const TValue *cur = o;   /* Points into the frame for naming, first. */
  int loop;
  L->base = base;
  L->top = vm_frametop(base);
  L->savedpc = pc;
  for (loop = 0; loop < LU_MAX_IDXCHAIN; loop++) {
    const TValue *mm;
    if (tvistab(&obj)) {
      GCtab *t = tabV(&obj);
      const TValue *v = lu_tab_get(L, t, &key);
      if (!tvisnil(v)) {
        *out = *v;
        return NULL;
      }
      mm = lu_meta_fast(L, t->metatable, MM_index);
      if (mm == NULL || tvisnil(mm)) {
        setnilV(out);
        return NULL;
      }
    } else {
      mm = vm_mm(L, &obj, MM_index);
      if (mm == NULL)
        lu_err_optype(L, cur, LU_ERR_OPINDEX);
    }
    if (tvisfunc(mm))
      return vm_mmframe(L, base, pc, CONT_RA, mm, &obj, &key, NULL, 2);
    obj = *mm;
    cur = &obj;
  }
  lu_err_msg(L, LU_ERR_GETLOOP);
  return NULL;
}

/* o[k] = v with __newindex. */
static LU_NOINLINE TValue *vm_newindex(lua_State *L, TValue *base,
                                       const BCIns *pc, const TValue *o,
                                       const TValue *k, const TValue *v)
{
  TValue obj = *o, key = *k, val = *v;
  const TValue *cur = o;
  int loop;
  L->base = base;
  L->top = vm_frametop(base);
  L->savedpc = pc;
  for (loop = 0; loop < LU_MAX_IDXCHAIN; loop++) {
    const TValue *mm;
    if (tvistab(&obj)) {
      GCtab *t = tabV(&obj);
      const TValue *slot = lu_tab_get(L, t, &key);
      if (!tvisnil(slot) ||
          (mm = lu_meta_fast(L, t->metatable, MM_newindex)) == NULL ||
          tvisnil(mm)) {
        TValue *dst;
        if (!tvisnil(slot)) {
          dst = (TValue *)slot;
        } else {
          dst = lu_tab_set(L, t, &key);
        }
        *dst = val;
        t->nomm = 0;
        lu_gc_barriert(L, t, &val);
        return NULL;
      }
    } else {
      mm = vm_mm(L, &obj, MM_newindex);
      if (mm == NULL)
        lu_err_optype(L, cur, LU_ERR_OPINDEX);
    }
    if (tvisfunc(mm))
      return vm_mmframe(L, base, pc, CONT_NOP, mm, &obj, &key, &val, 3);
    obj = *mm;
    cur = &obj;
  }
  lu_err_msg(L, LU_ERR_SETLOOP);
  return NULL;
}

/* -- Arithmetic, length, concatenation, comparison slow paths -------------- */

/* out = a op b with string coercion or the metamethod. op 0..5 is
** add..pow, 6 is unm (b is a). */
static LU_NOINLINE TValue *vm_arith_slow(lua_State *L, TValue *base,
                                         const BCIns *pc, const TValue *a,
                                         const TValue *b, int op, TValue *out)
{
  double x, y;
  const TValue *mm;
  L->base = base;
  L->top = vm_frametop(base);
  L->savedpc = pc;
  if (vm_tonum(a, &x) && vm_tonum(b, &y)) {
    setnumV_canon(out, vm_arith(x, y, op));
    return NULL;
  }
  mm = vm_mm(L, a, (MMS)(MM_add + op));
  if (mm == NULL) mm = vm_mm(L, b, (MMS)(MM_add + op));
  if (mm == NULL) {
    const TValue *bad = vm_tonum(a, &x) ? b : a;
    lu_err_optype(L, bad, LU_ERR_OPARITH);
  }
  return vm_mmframe(L, base, pc, CONT_RA, mm, a, b, NULL, 2);
}

static LU_NOINLINE TValue *vm_len_slow(lua_State *L, TValue *base,
                                       const BCIns *pc, const TValue *o,
                                       TValue *out)
{
  const TValue *mm;
  L->base = base;
  L->top = vm_frametop(base);
  L->savedpc = pc;
  mm = tvistab(o) ? NULL : vm_mm(L, o, MM_len);
  if (mm == NULL) {
    if (tvistab(o)) {
      setnumV(out, (double)lu_tab_len(tabV(o)));
      return NULL;
    }
    lu_err_optype(L, o, LU_ERR_OPLEN);
  }
  return vm_mmframe(L, base, pc, CONT_RA, mm, o, o, NULL, 2);
}

/* Concatenate R(lo) .. R(top) of the current frame (top > lo): joins runs
** of strings and numbers; stops when a pair needs __concat, returning the
** metamethod frame (continuation CONT_CAT with the slot). Returns NULL when
** R(lo) holds the final string. */
static LU_NOINLINE TValue *vm_cat(lua_State *L, TValue *base, const BCIns *pc,
                                  BCReg lo, BCReg top)
{
  L->base = base;
  L->top = vm_frametop(base);
  L->savedpc = pc;
  while (top > lo) {
    TValue *x = base + top - 1, *y = base + top;
    if (vm_isstrnum(x) && vm_isstrnum(y)) {
      BCReg i = (BCReg)(top - 1);
      SBuf *sb;
      BCReg j;
      GCstr *s;
      size_t need = 0;
      while (i > lo && vm_isstrnum(base + i - 1)) i--;
      for (j = i; j <= top; j++)
        need += tvisstr(base + j) ? strV(base + j)->len : LUAI_MAXNUMBER2STR;
      sb = lu_buf_tmp(L, need);
      for (j = i; j <= top; j++) {
        if (tvisstr(base + j))
          lu_buf_putstr(sb, strV(base + j));
        else
          lu_buf_putnum(sb, numV(base + j));
      }
      s = lu_buf_tostr(sb);
      setstrV(L, base + i, s);
      top = i;
    } else {
      const TValue *mm = vm_mm(L, x, MM_concat);
      if (mm == NULL) mm = vm_mm(L, y, MM_concat);
      if (mm == NULL)
        lu_err_optype(L, vm_isstrnum(x) ? y : x, LU_ERR_OPCAT);
      return vm_mmframe(L, base, pc, CONT_CAT | ((uint64_t)(top - 1) << 8),
                        mm, x, y, NULL, 2);
    }
  }
  lu_gc_check(L);
  return NULL;
}

/* Comparison with metamethods. op: 0 ISLT, 1 ISGE, 2 ISLE, 3 ISGT.
** Returns NULL when decided (*cond set: take the branch) or a frame. */
static LU_NOINLINE TValue *vm_comp(lua_State *L, TValue *base,
                                   const BCIns *pc, const TValue *a,
                                   const TValue *b, int op, int *cond)
{
  L->base = base;
  L->top = vm_frametop(base);
  L->savedpc = pc;
  if (tvisstr(a) && tvisstr(b)) {
    int c = lu_str_cmp(strV(a), strV(b));
    int r = (op & 2) ? (c <= 0) : (c < 0);
    *cond = r ^ (op & 1);
    return NULL;
  }
  if (tviscdata(a) || tviscdata(b)) {
    /* FFI: the cdata __lt/__le compare mixed operands (1LL < 2). */
    const TValue *m = vm_mm(L, tviscdata(a) ? a : b,
                            (op & 2) ? MM_le : MM_lt);
    if (m != NULL)
      return vm_mmframe(L, base, pc, (op & 1) ? CONT_CONDF : CONT_CONDT,
                        m, a, b, NULL, 2);
  }
  if (itype(a) == itype(b) && !vm_isnum(a)) {
    for (;;) {
      MMS mm = (op & 2) ? MM_le : MM_lt;
      const TValue *m1 = vm_mm(L, a, mm);
      const TValue *m2 = vm_mm(L, b, mm);
      if (m1 == NULL || m2 == NULL || !lu_meta_rawequal(m1, m2)) {
        if (op & 2) {  /* No __le: try not (b < a). */
          const TValue *t = a;
          a = b;
          b = t;
          op ^= 3;
          continue;
        }
        break;
      }
      return vm_mmframe(L, base, pc, (op & 1) ? CONT_CONDF : CONT_CONDT,
                        m1, a, b, NULL, 2);
    }
  }
  lu_err_comp(L, a, b);
  return NULL;
}

/* Equality of two non-primitive, non-raw-equal values of the same type
** with __eq (Lua 5.1 rule: both must have the same metamethod). */
static LU_NOINLINE TValue *vm_equal(lua_State *L, TValue *base,
                                    const BCIns *pc, const TValue *a,
                                    const TValue *b, int ne, int *cond)
{
  const TValue *m1, *m2;
  GCtab *mt1, *mt2;
  *cond = ne;
  if (tviscdata(a) || tviscdata(b)) {
    /* FFI: the cdata __eq decides for any pair (1LL == 1, p == nil). */
    m1 = vm_mm(L, tviscdata(a) ? a : b, MM_eq);
    if (m1 == NULL) return NULL;
    return vm_mmframe(L, base, pc, ne ? CONT_CONDF : CONT_CONDT,
                      m1, a, b, NULL, 2);
  }
  if (itype(a) != itype(b) || !(tvistab(a) || tvisudata(a))) return NULL;
  mt1 = tvistab(a) ? tabV(a)->metatable : (GCtab *)udataV(a)->metatable;
  mt2 = tvistab(b) ? tabV(b)->metatable : (GCtab *)udataV(b)->metatable;
  m1 = lu_meta_fast(L, mt1, MM_eq);
  if (m1 == NULL || tvisnil(m1)) return NULL;
  if (mt1 != mt2) {
    m2 = lu_meta_fast(L, mt2, MM_eq);
    if (m2 == NULL || !lu_meta_rawequal(m1, m2)) return NULL;
  }
  return vm_mmframe(L, base, pc, ne ? CONT_CONDF : CONT_CONDT,
                    m1, a, b, NULL, 2);
}

/* -- Calls ------------------------------------------------------------------ */

/* The callee at base[-2] is not a function: insert it as the first
** argument and call its __call metamethod instead. Returns the new nargs.
** `name` is the slot to name in the error (in the caller's frame) or NULL. */
static LU_NOINLINE int vm_callmeta(lua_State *L, TValue *base, int nargs,
                                   TValue *name)
{
  const TValue *mm = vm_mm(L, base - 2, MM_call);
  int i;
  if (mm == NULL || !tvisfunc(mm))
    lu_err_optype_call(L, name != NULL ? name : base - 2);
  for (i = nargs; i > 0; i--) base[i] = base[i - 1];
  base[0] = base[-2];
  base[-2] = *mm;
  return nargs + 1;
}

/* Grow the stack for a frame at base needing n slots; returns the new base. */
static LU_NOINLINE TValue *vm_growstack(lua_State *L, TValue *base,
                                        const BCIns *pc, int nargs, MSize n)
{
  L->base = base;
  L->top = base + nargs;
  L->savedpc = pc;  /* The header instruction is the current one. */
  lu_state_growstack(L, n);
  return L->base;
}

/* Call the C function of the frame at base with nargs arguments; returns
** the number of results (at L->top - n). */
static LU_AINLINE int vm_callc(lua_State *L, TValue *base, int nargs)
{
  GCfunc *fn = funcV(base - 2);
  L->base = base;
  L->top = base + nargs;
  lu_state_checkstack(L, LUA_MINSTACK);
  return fn->c.f(L);
}

/* -- Fast function helpers ------------------------------------------------ */

/* math.ceil as LuaJIT computes it: round to nearest (keeping the sign),
** then step up if below. Differs from C's ceil only in the sign of zero:
** (-1, -0.5) gives +0, [-0.5, 0) gives -0. */

static LU_NOINLINE GCstr *vm_typestr(lua_State *L, const TValue *o)
{
  return lu_str_newz(L, lu_typename(o));
}

/* String positions as LuaJIT's string functions read them: a number
** outside the int32 range (or NaN) becomes INT32_MIN, others truncate;
** then negative positions count from the end (Lua 5.1 rules). */
/* d truncated to an int32, INT32_MIN when out of range or NaN (what
** x86-64's conversion gives by itself). */
static LU_AINLINE int32_t vm_toint32(double d)
{
#if defined(__x86_64__)
  int32_t i;
  __asm__("cvttsd2si %1, %0" : "=r"(i) : "xm"(d));
  return i;
#else
  return (d >= -2147483648.0 && d < 2147483648.0) ? (int32_t)d : INT32_MIN;
#endif
}

static LU_AINLINE int64_t vm_strpos(double d, int64_t len)
{
  int64_t p = vm_toint32(d);
  if (p < 0) p = -p > len ? 0 : len + p + 1;
  return p;
}

/* -- The interpreter ------------------------------------------------------ */

/* Dispatch: fetch the instruction at pc, advance, jump to its handler. */
#define DISPATCH()   do { ins = *pc++; goto *disp[bc_op(ins)]; } while (0)
/* Save the interpreter state before a call that may throw or move the
** stack (see the file header). */
#define SAVE_STATE() \
  do { L->base = base; L->top = vm_frametop(base); L->savedpc = pc; } while (0)
#define RA   (base + bc_a(ins))
#define RB   (base + bc_b(ins))
#define RC   (base + bc_c(ins))
#define RD   (base + bc_d(ins))
/* Operand C of the current instruction read from the bytecode rather than
** extracted from ins: one load instead of a copy, a shift and a
** zero-extension. Only where that pays: loads compete with the operand
** loads of every handler, and using this everywhere was slower in time. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define VM_INS_C_MEM  (((const uint8_t *)pc)[-2])
#else
#define VM_INS_C_MEM  bc_c(ins)
#endif
#define KNUM(i)  (kbase + (i))
#define KGC(i)   (((GCobj **)kbase)[~(ptrdiff_t)(i)])
#define KSTR(i)  (&KGC(i)->str)
#define JUMP(ins)  (pc += bc_j(ins))
/* The primitive value whose tag is ~d (KPRI, ISEQP, USETP operand D):
** tag ~d in the top 17 bits, all payload bits set, i.e. ~(d << 47). */
#define VM_KPRI(d)  (~((uint64_t)(d) << 47))
/* Make the compiler forget what it knows about ins, so that operand
** pointers computed from it again are not merged with earlier ones. */
#define VM_REDECODE()  __asm__("" : "+r"(ins))
#define LOADK()  (kbase = (TValue *)vm_curproto(base)->k)
/* Returns and tail calls do not close upvalues: a function that makes
** closures has UCLO 0 before each of them (the parser emits it as
** LuaJIT's does; the bytecode loader rejects code where a return can be
** reached with an upvalue open, see bcv_upvalues in src/parse/bcdump.c). */
#define VM_ASSERT_CLOSED(L, base) \
  lu_assert((L)->openupval == NULL || (L)->openupval->v < (base), \
            "upvalue left open at a return")
/* The base of the Lua caller of the frame at base, whose call instruction
** is ins: base - 2 - A, computed as base + (~A - 1) (a not and a lea). */
#define VM_CALLERBASE(base, ins)  ((base) + (~(ptrdiff_t)bc_a(ins) - 1))
/* The end of a return to a Lua caller (frame link of type FRAME_LUA):
** pc and ins are the caller's, its n results are at dst. Fill the slots
** the caller wants beyond them with nil (tested on the instruction word:
** B > n + 1), then continue in the caller. Results beyond what it wants
** land in its free slots, as vm_return's do. */
#define VM_RETLUA_TAIL(dst, n) \
  do { \
    if (LU_UNLIKELY(ins >= ((uint64_t)((n) + 2) << 24))) { \
      int i_ = (n), want_ = (int)bc_b(ins) - 1; \
      do setnilV(&(dst)[i_]); while (++i_ < want_); \
    } \
    multres = (n); \
    base = VM_CALLERBASE(base, ins); \
    LOADK(); \
    DISPATCH(); \
  } while (0)
/* Return the single value v from the frame at base to its Lua caller:
** vm_return's common case, unrolled. */
#define VM_RET1_LUA(v) \
  do { \
    TValue *dst_ = base - 2; \
    pc = (const BCIns *)(uintptr_t)frame_link(base); \
    ins = pc[-1]; \
    dst_[0] = (v); \
    VM_RETLUA_TAIL(dst_, 1); \
  } while (0)

static void vm_run(lua_State *L, int mode, int nret, const void **initout)
{
  const void *const *disp;
  TValue *base;
  const BCIns *pc;
  TValue *kbase;
  uint64_t ins;   /* The current instruction (zero-extended: 64-bit operand shifts). */
  int multres = 0;
  int nargs = 0;
  TValue *rv;     /* Return values. */
  int nres;       /* Number of return values. */
  TValue *nb;     /* New frame from a slow path. */
  TValue kv;      /* Constant operand of a cdata comparison (vm_eqcdata). */
  int ffmax;      /* math.min/max: which one. */
  int ffwrap;     /* coroutine.resume (0) or wrap's function (1). */

  static const void *const labels[VM_NLABELS] = {
#define BCLABEL(name, ma, mb, mc, mm)  &&L_##name,
    BCDEF(BCLABEL)
#undef BCLABEL
    &&L_badop, &&L_badop,   /* FF_LUA, FF_C: never dispatched as ff. */
#define FFLABEL(lib, name)  &&F_##lib##_##name,
#define FFCLABEL(lib, name)  &&ff_fallback,
    FFDEF(FFLABEL, FFCLABEL)
#undef FFLABEL
#undef FFCLABEL
    &&H_ins, &&H_call   /* Hook handlers (VM_HOOK_INS, VM_HOOK_CALL). */
  };

  if (mode == VMX_INIT) {
    memcpy(initout, labels, sizeof(labels));
    return;
  }
  disp = (const void *const *)L2GG(L)->dispatch;
  base = L->base;
  pc = NULL;
  kbase = NULL;
  ins = 0;
  if (mode == VMX_CALL) {
    nargs = (int)(L->top - base);
    goto vm_callframe;
  }
  rv = L->top - nret;
  nres = nret;
  goto vm_return;

  /* -- Calls and returns ------------------------------------------------ */

vm_callframe:
  /* Call the function at base[-2] with nargs arguments (link set). */
  if (LU_UNLIKELY(!tvisfunc(base - 2))) {
    L->base = base;
    L->top = base + nargs;
    nargs = vm_callmeta(L, base, nargs, NULL);
  }
  pc = funcV(base - 2)->l.pc;
  DISPATCH();

vm_return:
  /* Return nres values at rv from the frame at base. */
  for (;;) {
    uint64_t link = frame_link(base);
    if (LU_LIKELY((link & FRAME_TYPE) == FRAME_LUA)) {
      TValue *dst = base - 2;
      int want, i;
      pc = (const BCIns *)(uintptr_t)link;
      ins = pc[-1];
      want = (int)bc_b(ins) - 1;
      for (i = 0; i < nres; i++) dst[i] = rv[i];
      for (; i < want; i++) setnilV(&dst[i]);
      multres = nres;
      base = dst - bc_a(ins);
      LOADK();
      DISPATCH();
    }
    switch ((int)(link & FRAME_TYPEP)) {
    case FRAME_C: case FRAME_CP: {
      TValue *dst = base - 2;
      int i;
      if (LU_UNLIKELY(cframe_isinline(L->cframe))) {
        /* The end of an inline-resumed coroutine: back to the resumer. */
        lua_State *R = cframe_resumer(L->cframe);
        nres = lu_vm_coleave(L, base, rv, nres, 1);
        L = R;
        base = rv = R->base;
        continue;
      }
      L->base = frame_prevd(base);
      for (i = 0; i < nres; i++) dst[i] = rv[i];
      L->top = dst + nres;
      return;
    }
    case FRAME_VARG:
      base = frame_prevd(base);
      continue;
    case FRAME_PCALL: case FRAME_PCALLH: {
      TValue *dst = base - 2;
      int i;
      base = frame_prevd(base);
      for (i = 0; i < nres; i++) dst[i + 1] = rv[i];
      setboolV(dst, 1);
      rv = dst;
      nres++;
      continue;
    }
    case FRAME_CONT: {
      uint64_t kind = base[-4].u64;
      TValue res;
      if (nres > 0) res = rv[0]; else setnilV(&res);
      pc = (const BCIns *)(uintptr_t)base[-3].u64;
      base = frame_prevd(base);
      LOADK();
      switch ((int)(kind & 0xff)) {
      case CONT_RA:
        base[bc_a(pc[-1])] = res;
        DISPATCH();
      case CONT_NOP:
        DISPATCH();
      case CONT_CONDT: case CONT_CONDF: {
        int c = tvistruecond(&res);
        if (c == ((kind & 0xff) == CONT_CONDT)) pc += 1 + bc_j(*pc);
        else pc++;
        DISPATCH();
      }
      default: {  /* CONT_CAT */
        BCReg slot = (BCReg)(kind >> 8);
        ins = pc[-1];
        base[slot] = res;
        if (slot > bc_b(ins)) {
          nb = vm_cat(L, base, pc, bc_b(ins), slot);
          base = L->base;
          if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
        }
        base[bc_a(ins)] = base[bc_b(ins)];
        DISPATCH();
      }
      }
    }
    default:
      L->base = base;
      lu_err_msg(L, LU_ERR_XSTATE);
    }
  }

  /* -- Comparisons ---------------------------------------------------- */

#define CMP_NUM(name, op, cmpexpr) \
  L_##name: { \
    TValue *a = RA, *d = RD; \
    if (LU_LIKELY(vm_isnum(a) && vm_isnum(d))) { \
      if (cmpexpr) pc += 1 + bc_j(*pc); else pc++; \
      DISPATCH(); \
    } else { \
      int cond; \
      nb = vm_comp(L, base, pc, a, d, op, &cond); \
      base = L->base; \
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; } \
      if (cond) pc += 1 + bc_j(*pc); else pc++; \
      DISPATCH(); \
    } \
  }
  CMP_NUM(ISLT, 0, numV(a) < numV(d))
  CMP_NUM(ISGE, 1, !(numV(a) < numV(d)))
  CMP_NUM(ISLE, 2, numV(a) <= numV(d))
  CMP_NUM(ISGT, 3, !(numV(a) <= numV(d)))
#undef CMP_NUM

#define EQ_V(name, ne) \
  L_##name: { \
    TValue *a = RA, *d = RD; \
    int eq; \
    if (vm_isnum(a) && vm_isnum(d)) { \
      eq = numV(a) == numV(d); \
    } else if (a->u64 == d->u64) { \
      eq = 1; \
    } else if ((itype(a) == itype(d) && (tvistab(a) || tvisudata(a))) || \
               tviscdata(a) || tviscdata(d)) { \
      int cond; \
      SAVE_STATE(); \
      nb = vm_equal(L, base, pc, a, d, ne, &cond); \
      base = L->base; \
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; } \
      if (cond) pc += 1 + bc_j(*pc); else pc++; \
      DISPATCH(); \
    } else { \
      eq = 0; \
    } \
    if (eq ^ (ne)) pc += 1 + bc_j(*pc); else pc++; \
    DISPATCH(); \
  }
  EQ_V(ISEQV, 0)
  EQ_V(ISNEV, 1)
#undef EQ_V

  /* Equality with a constant: one handler per opcode, so that the
  ** dispatch does not have to keep the opcode alive. A cdata compared
  ** with a number or primitive constant (x == 0, p == nil) goes to
  ** vm_eqcdata with the constant in kv (setkv). */
#define EQ_K(name, ne, eqexpr, setkv) \
  L_##name: { \
    TValue *a = RA; \
    int eq_ = (eqexpr); \
    if (LU_UNLIKELY(!eq_ && tviscdata(a)) && (setkv)) goto vm_eqcdata; \
    if (eq_ ^ (ne)) pc += 1 + bc_j(*pc); else pc++; \
    DISPATCH(); \
  }
#define EQ_KSTR  (a->u64 == ((uint64_t)(uintptr_t)KSTR(bc_d(ins)) | \
                             ((uint64_t)LU_TSTR << 47)))
#define EQ_KPRI  (a->u64 == VM_KPRI(bc_d(ins)))
#define KV_PRI   (kv.u64 = VM_KPRI(bc_d(ins)), 1)
  EQ_K(ISEQS, 0, EQ_KSTR, 0)
  EQ_K(ISNES, 1, EQ_KSTR, 0)
  /* Numbers: the cdata test only off the number path. */
#define EQ_N(name, ne) \
  L_##name: { \
    TValue *a = RA; \
    int eq_ = 0; \
    if (LU_LIKELY(vm_isnum(a))) { \
      eq_ = numV(a) == numV(KNUM(bc_d(ins))); \
    } else if (LU_UNLIKELY(tviscdata(a))) { \
      kv = *KNUM(bc_d(ins)); \
      goto vm_eqcdata; \
    } \
    if (eq_ ^ (ne)) pc += 1 + bc_j(*pc); else pc++; \
    DISPATCH(); \
  }
  EQ_N(ISEQN, 0)
  EQ_N(ISNEN, 1)
#undef EQ_N
  EQ_K(ISEQP, 0, EQ_KPRI, KV_PRI)
  EQ_K(ISNEP, 1, EQ_KPRI, KV_PRI)
#undef EQ_KSTR
#undef EQ_KPRI
#undef KV_PRI
#undef EQ_K
  vm_eqcdata: {
    /* FFI: a cdata compared with a constant goes to the cdata __eq. Odd
    ** opcodes (ISNEN, ISNEP) are the negated ones. */
    int cond;
    SAVE_STATE();
    nb = vm_equal(L, base, pc, RA, &kv, bc_op(ins) & 1, &cond);
    base = L->base;
    if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
    if (cond) pc += 1 + bc_j(*pc); else pc++;
    DISPATCH();
  }

  /* -- Unary test and copy ---------------------------------------------- */

  L_ISTC: {
    TValue *d = RD;
    if (tvistruecond(d)) { *RA = *d; pc += 1 + bc_j(*pc); } else pc++;
    DISPATCH();
  }
  L_ISFC: {
    TValue *d = RD;
    if (tvisfalsy(d)) { *RA = *d; pc += 1 + bc_j(*pc); } else pc++;
    DISPATCH();
  }
  L_IST: {
    if (tvistruecond(RD)) pc += 1 + bc_j(*pc); else pc++;
    DISPATCH();
  }
  L_ISF: {
    if (tvisfalsy(RD)) pc += 1 + bc_j(*pc); else pc++;
    DISPATCH();
  }
  L_ISTYPE: {
    TValue *a = RA;
    uint32_t it = ~(uint32_t)bc_d(ins) & 0x1ffff;
    if (LU_UNLIKELY(vm_isnum(a) ? it != LU_TISNUM : itype(a) != it)) {
      SAVE_STATE();
      lu_err_optype(L, a, LU_ERR_OPINDEX);
    }
    DISPATCH();
  }
  L_ISNUM: {
    TValue *a = RA;
    if (LU_UNLIKELY(!vm_isnum(a))) {
      SAVE_STATE();
      lu_err_optype(L, a, LU_ERR_OPARITH);
    }
    DISPATCH();
  }

  /* -- Unary ops ------------------------------------------------------ */

  L_MOV: { *RA = *RD; DISPATCH(); }
  L_NOT: { setboolV(RA, tvisfalsy(RD)); DISPATCH(); }
  L_UNM: {
    TValue *d = RD;
    if (LU_LIKELY(vm_isnum(d))) {
      setnumV(RA, -numV(d));
    } else {
      TValue r;
      nb = vm_arith_slow(L, base, pc, d, d, 6, &r);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
      *RA = r;
    }
    DISPATCH();
  }
  L_LEN: {
    TValue *d = RD;
    if (LU_LIKELY(tvisstr(d))) {
      setnumV(RA, (double)strV(d)->len);
    } else if (tvistab(d)) {
      setnumV(RA, (double)lu_tab_len(tabV(d)));
    } else {
      TValue r;
      nb = vm_len_slow(L, base, pc, d, &r);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
      *RA = r;
    }
    DISPATCH();
  }

  /* -- Binary arithmetic ----------------------------------------------- */

  /* chk tests the variable operands: a numeric constant (KNUM) is always
  ** a number (the bytecode loader only makes numbers there). */
#define ARITH(name, op, xa, xb, chk, expr) \
  L_##name: { \
    const TValue *pa = (xa), *pb = (xb); \
    if (LU_LIKELY(chk)) { \
      double a = numV(pa), b = numV(pb); \
      setnumV(RA, (expr)); \
    } else { \
      TValue r; \
      nb = vm_arith_slow(L, base, pc, pa, pb, op, &r); \
      base = L->base; \
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; } \
      *RA = r; \
    } \
    DISPATCH(); \
  }
  ARITH(ADDVN, 0, RB, KNUM(bc_c(ins)), vm_isnum(pa), a + b)
  ARITH(SUBVN, 1, RB, KNUM(bc_c(ins)), vm_isnum(pa), a - b)
  ARITH(MULVN, 2, RB, KNUM(bc_c(ins)), vm_isnum(pa), a * b)
  ARITH(DIVVN, 3, RB, KNUM(bc_c(ins)), vm_isnum(pa), a / b)
  ARITH(MODVN, 4, RB, KNUM(bc_c(ins)), vm_isnum(pa), vm_mod(a, b))
  ARITH(ADDNV, 0, KNUM(bc_c(ins)), RB, vm_isnum(pb), a + b)
  ARITH(SUBNV, 1, KNUM(bc_c(ins)), RB, vm_isnum(pb), a - b)
  ARITH(MULNV, 2, KNUM(bc_c(ins)), RB, vm_isnum(pb), a * b)
  ARITH(DIVNV, 3, KNUM(bc_c(ins)), RB, vm_isnum(pb), a / b)
  ARITH(MODNV, 4, KNUM(bc_c(ins)), RB, vm_isnum(pb), vm_mod(a, b))
  ARITH(ADDVV, 0, RB, RC, vm_isnum(pa) && vm_isnum(pb), a + b)
  ARITH(SUBVV, 1, RB, RC, vm_isnum(pa) && vm_isnum(pb), a - b)
  ARITH(MULVV, 2, RB, RC, vm_isnum(pa) && vm_isnum(pb), a * b)
  ARITH(DIVVV, 3, RB, RC, vm_isnum(pa) && vm_isnum(pb), a / b)
  ARITH(MODVV, 4, RB, RC, vm_isnum(pa) && vm_isnum(pb), vm_mod(a, b))
  ARITH(POW, 5, RB, RC, vm_isnum(pa) && vm_isnum(pb), pow(a, b))
#undef ARITH

  L_CAT: {
    nb = vm_cat(L, base, pc, bc_b(ins), bc_c(ins));
    base = L->base;
    if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
    *RA = *RB;
    DISPATCH();
  }

  /* -- Constants ----------------------------------------------------- */

  L_KSTR: { setstrV(L, RA, KSTR(bc_d(ins))); DISPATCH(); }
  L_KCDATA: { setcdataV(L, RA, &KGC(bc_d(ins))->cd); DISPATCH(); }
  L_KSHORT: { setnumV(RA, (double)(int16_t)bc_d(ins)); DISPATCH(); }
  L_KNUM: { *RA = *KNUM(bc_d(ins)); DISPATCH(); }
  L_KPRI: {
    RA->u64 = VM_KPRI(bc_d(ins));
    DISPATCH();
  }
  L_KNIL: {
    TValue *a = RA, *d = RD;
    while (a <= d) setnilV(a++);
    DISPATCH();
  }

  /* -- Upvalues and closures ---------------------------------------- */

  L_UGET: {
    *RA = *funcV(base - 2)->l.uvptr[bc_d(ins)]->v;
    DISPATCH();
  }
  L_USETV: {
    GCupval *uv = funcV(base - 2)->l.uvptr[bc_a(ins)];
    TValue *d = RD;
    *uv->v = *d;
    if (uv->closed) lu_gc_uvbarrier(L, uv, d);
    DISPATCH();
  }
  L_USETS: {
    GCupval *uv = funcV(base - 2)->l.uvptr[bc_a(ins)];
    setstrV(L, uv->v, KSTR(bc_d(ins)));
    if (uv->closed) lu_gc_uvbarrier(L, uv, uv->v);
    DISPATCH();
  }
  L_USETN: {
    GCupval *uv = funcV(base - 2)->l.uvptr[bc_a(ins)];
    *uv->v = *KNUM(bc_d(ins));
    DISPATCH();
  }
  L_USETP: {
    GCupval *uv = funcV(base - 2)->l.uvptr[bc_a(ins)];
    uv->v->u64 = VM_KPRI(bc_d(ins));
    DISPATCH();
  }
  L_UCLO: {
    TValue *a = RA;
    if (L->openupval != NULL && L->openupval->v >= a) {
      SAVE_STATE();
      lu_func_closeuv(L, a);
    }
    JUMP(ins);
    DISPATCH();
  }
  L_FNEW: {
    GCfunc *fn;
    SAVE_STATE();
    fn = lu_func_newL_gc(L, &KGC(bc_d(ins))->pt, &funcV(base - 2)->l, base);
    setfuncV(L, RA, fn);
    lu_gc_check(L);
    base = L->base;
    DISPATCH();
  }

  /* -- Tables --------------------------------------------------------- */

  L_TNEW: {
    GCtab *t;
    uint32_t d = bc_d(ins);
    uint32_t asize = d & 0x7ff;
    if (asize == 0x7ff) asize = 0x801;
    SAVE_STATE();
    t = lu_tab_new(L, asize, d >> 11);
    settabV(L, RA, t);
    lu_gc_check(L);
    base = L->base;
    DISPATCH();
  }
  L_TDUP: {
    GCtab *t;
    SAVE_STATE();
    t = lu_tab_dup(L, &KGC(bc_d(ins))->tab);
    settabV(L, RA, t);
    lu_gc_check(L);
    base = L->base;
    DISPATCH();
  }
  L_GGET: {
    GCfunc *fn = funcV(base - 2);
    GCtab *env = &fn->l.env->tab;
    GCstr *key = KSTR(bc_d(ins));
    const TValue *v = lu_tab_getstr_fast(env, key);
    if (LU_LIKELY(v != NULL && !tvisnil(v))) {
      *RA = *v;
    } else {
      TValue o, k, r;
      settabV(L, &o, env);
      setstrV(L, &k, key);
      nb = vm_index(L, base, pc, &o, &k, &r);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
      *RA = r;
    }
    DISPATCH();
  }
  L_GSET: {
    GCfunc *fn = funcV(base - 2);
    GCtab *env = &fn->l.env->tab;
    GCstr *key = KSTR(bc_d(ins));
    TValue *v = (TValue *)lu_tab_getstr_fast(env, key);
    if (LU_LIKELY(v != NULL && !tvisnil(v))) {
      *v = *RA;
      lu_gc_barriert(L, env, v);
    } else {
      TValue o, k;
      settabV(L, &o, env);
      setstrV(L, &k, key);
      nb = vm_newindex(L, base, pc, &o, &k, RA);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 3; goto vm_callframe; }
    }
    DISPATCH();
  }

  /* Table get: o = R(B), fast path in the array or hash part. */
  L_TGETV: {
    TValue *o = RB, *k = RC;
    GCtab *t;
    if (LU_LIKELY(vm_tabof(o, &t))) {
      const TValue *v;
      uint64_t i;
      if (vm_isnum(k)) {
        if (vm_arrayidx(t, k, &i)) v = &t->array[i];
        else v = lu_tab_get(L, t, k);
      } else if (tvisstr(k)) {
        v = lu_tab_getstr_fast(t, strV(k));
        if (v == NULL) v = &lu_tab_nilvalue;
      } else {
        v = lu_tab_get(L, t, k);
      }
      if (LU_LIKELY(!tvisnil(v)) ||
          lu_meta_fast(L, t->metatable, MM_index) == NULL) {
        *RA = *v;
        DISPATCH();
      }
    }
    {
      TValue r;
      VM_REDECODE();  /* See TSETV. */
      nb = vm_index(L, base, pc, RB, RC, &r);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
      *RA = r;
    }
    DISPATCH();
  }
  L_TGETS: {
    TValue *o = RB;
    GCstr *key = KSTR(bc_c(ins));
    GCtab *t;
    if (LU_LIKELY(vm_tabof(o, &t))) {
      const TValue *v = lu_tab_getstr_fast(t, key);
      if (LU_LIKELY(v != NULL && !tvisnil(v))) {
        *RA = *v;
        DISPATCH();
      }
      /* Method lookups: follow __index while it is a table (a few
      ** levels, then the general path), the negative cache (nomm)
      ** answering for tables without __index. */
      for (int lvl = 0; lvl < 4; lvl++) {
        const TValue *mm = vm_metaindex(L, t->metatable);
        if (mm == NULL) {
          setnilV(RA);
          DISPATCH();
        }
        if (!tvistab(mm)) break;
        t = tabV(mm);
        v = lu_tab_getstr_fast(t, key);
        if (v != NULL && !tvisnil(v)) {
          *RA = *v;
          DISPATCH();
        }
      }
    }
    {
      TValue k, r;
      VM_REDECODE();  /* See TSETV. */
      setstrV(L, &k, KSTR(bc_c(ins)));
      nb = vm_index(L, base, pc, RB, &k, &r);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
      *RA = r;
    }
    DISPATCH();
  }
  L_TGETB: {
    TValue *o = RB;
    uint32_t c = bc_c(ins);
    GCtab *t;
    if (LU_LIKELY(vm_tabof(o, &t))) {
      const TValue *v;
      if (LU_LIKELY(c < t->asize)) {
        v = &t->array[c];
      } else {
        v = lu_tab_getint(t, (int32_t)c);
        if (v == NULL) v = &lu_tab_nilvalue;
      }
      if (LU_LIKELY(!tvisnil(v)) ||
          lu_meta_fast(L, t->metatable, MM_index) == NULL) {
        *RA = *v;
        DISPATCH();
      }
    }
    {
      TValue k, r;
      VM_REDECODE();  /* See TSETV. */
      setnumV(&k, (double)bc_c(ins));
      nb = vm_index(L, base, pc, RB, &k, &r);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 2; goto vm_callframe; }
      *RA = r;
    }
    DISPATCH();
  }
  L_TGETR: {
    TValue *o = RB;
    if (LU_UNLIKELY(!tvistab(o))) {
      SAVE_STATE();
      lu_err_optype(L, o, LU_ERR_OPINDEX);
    }
    *RA = *lu_tab_get(L, tabV(o), RC);
    DISPATCH();
  }

  /* Table set: R(B)[key] = R(A). Existing non-nil slots are overwritten
  ** directly; otherwise __newindex is checked (cached negatively). */
  L_TSETV: {
    TValue *o = RB, *k = RC;
    GCtab *t;
    if (LU_LIKELY(vm_tabof(o, &t))) {
      TValue *v;
      uint64_t i;
      if (vm_isnum(k)) {
        /* A number key cannot name a metamethod: nomm stays valid. */
        if (vm_arrayidx(t, k, &i)) {
          v = &t->array[i];
          if (!tvisnil(v) ||
              lu_meta_fast(L, t->metatable, MM_newindex) == NULL) {
            *v = *RA;
            lu_gc_barriert(L, t, v);
            DISPATCH();
          }
        }
      } else if (tvisstr(k)) {
        v = (TValue *)lu_tab_getstr_fast(t, strV(k));
        if (v != NULL && (!tvisnil(v) ||
                          lu_meta_fast(L, t->metatable, MM_newindex) == NULL)) {
          *v = *RA;
          t->nomm = 0;
          lu_gc_barriert(L, t, v);
          DISPATCH();
        }
      }
    }
    /* Operands decoded again (VM_REDECODE: the compiler may not reuse
    ** o and k, whose spill would cost the fast path a store). */
    VM_REDECODE();
    nb = vm_newindex(L, base, pc, RB, RC, RA);
    base = L->base;
    if (nb != NULL) { base = nb; nargs = 3; goto vm_callframe; }
    DISPATCH();
  }
  L_TSETS: {
    TValue *o = RB;
    GCstr *key = KSTR(bc_c(ins));
    GCtab *t;
    if (LU_LIKELY(vm_tabof(o, &t))) {
      TValue *v = (TValue *)lu_tab_getstr_fast(t, key);
      if (v != NULL && (!tvisnil(v) ||
                        lu_meta_fast(L, t->metatable, MM_newindex) == NULL)) {
        *v = *RA;
        t->nomm = 0;
        lu_gc_barriert(L, t, v);
        DISPATCH();
      }
    }
    {
      TValue k;
      VM_REDECODE();  /* See TSETV. */
      setstrV(L, &k, KSTR(bc_c(ins)));
      nb = vm_newindex(L, base, pc, RB, &k, RA);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 3; goto vm_callframe; }
    }
    DISPATCH();
  }
  L_TSETB: {
    TValue *o = RB;
    uint32_t c = bc_c(ins);
    GCtab *t;
    if (LU_LIKELY(vm_tabof(o, &t))) {
      if (c < t->asize) {
        TValue *v = &t->array[c];
        if (!tvisnil(v) || lu_meta_fast(L, t->metatable, MM_newindex) == NULL) {
          *v = *RA;
          lu_gc_barriert(L, t, v);
          DISPATCH();
        }
      }
    }
    {
      TValue k;
      VM_REDECODE();  /* See TSETV. */
      setnumV(&k, (double)bc_c(ins));
      nb = vm_newindex(L, base, pc, RB, &k, RA);
      base = L->base;
      if (nb != NULL) { base = nb; nargs = 3; goto vm_callframe; }
    }
    DISPATCH();
  }
  L_TSETR: {
    TValue *o = RB;
    TValue *v;
    if (LU_UNLIKELY(!tvistab(o))) {
      SAVE_STATE();
      lu_err_optype(L, o, LU_ERR_OPINDEX);
    }
    SAVE_STATE();
    v = lu_tab_set(L, tabV(o), RC);
    *v = *RA;
    lu_gc_barriert(L, tabV(o), v);
    DISPATCH();
  }
  L_TSETM: {
    /* R(A-1) is normally the constructor's table, but debug.setlocal can
    ** replace it; the start index (low word of KN(D)) comes from possibly
    ** loaded bytecode, so it is range-checked before growing the array. */
    TValue *a = RA;
    GCtab *t;
    int64_t i = (int32_t)(uint32_t)KNUM(bc_d(ins))->u64;
    int j;
    SAVE_STATE();
    if (LU_UNLIKELY(!tvistab(a - 1)))
      lu_err_optype(L, a - 1, LU_ERR_OPINDEX);
    t = tabV(a - 1);
    if (multres > 0 && i >= 0 && i + multres <= (int64_t)LU_MAX_ASIZE &&
        (uint32_t)(i + multres) > t->asize)
      lu_tab_reasize(L, t, (uint32_t)(i + multres));
    base = L->base;
    a = RA;
    for (j = 0; j < multres; j++) {
      TValue *v;
      if (LU_LIKELY(i + j <= INT32_MAX)) {
        v = lu_tab_setint(L, t, (int32_t)(i + j));
      } else {
        TValue k;
        setnumV(&k, (double)(i + j));
        v = lu_tab_set(L, t, &k);
      }
      *v = a[j];
    }
    lu_gc_anybarriert(L, t);
    DISPATCH();
  }

  /* -- Calls ------------------------------------------------------------ */

  /* Call R(A) with nargs arguments at R(A+2)...: link the frame, enter
  ** the callee's header. The tag test and the pointer come from one xor
  ** (a function's payload is what is left). CALL has its own copy: the
  ** most frequent call saves a jump. */
#define VM_CALL() \
  do { \
    TValue *ra = RA; \
    uint64_t fu = ra->u64 ^ ((uint64_t)LU_TFUNC << 47); \
    if (LU_UNLIKELY(fu >> 47)) { \
      SAVE_STATE(); \
      nargs = vm_callmeta(L, ra + 2, nargs, ra); \
      fu = ra->u64 ^ ((uint64_t)LU_TFUNC << 47); \
    } \
    ra[1].u64 = (uint64_t)(uintptr_t)pc; \
    base = ra + 2; \
    pc = ((GCfunc *)(uintptr_t)fu)->l.pc; \
    DISPATCH(); \
  } while (0)
  L_CALL: {
    nargs = (int)VM_INS_C_MEM - 1;
    VM_CALL();
  }
  L_CALLM: {
    nargs = bc_c(ins) + multres;
  do_call:
    VM_CALL();
  }
  L_CALLMT: {
    nargs = bc_d(ins) + multres;
    goto do_callt;
  }
  L_CALLT: {
    nargs = bc_d(ins) - 1;
  do_callt: {
      TValue *ra = RA;
      int i;
      if (LU_UNLIKELY(!tvisfunc(ra))) {
        SAVE_STATE();
        nargs = vm_callmeta(L, ra + 2, nargs, ra);
      }
      VM_ASSERT_CLOSED(L, base);
      if ((frame_link(base) & FRAME_TYPEP) == FRAME_VARG)
        base = frame_prevd(base);
      base[-2] = ra[0];
      for (i = 0; i < nargs; i++) base[i] = ra[2 + i];
      pc = funcV(base - 2)->l.pc;
      DISPATCH();
    }
  }
  L_ITERC: {
    /* ipairs() loops run ipairs_aux inline (what its fast function does)
    ** unless a call hook wants to see the call. */
    TValue *ra = RA;
    GCfunc *fn;
    GCtab *t;
    if (vm_funcof(ra - 3, &fn) && fn->c.ffid == FF_base_ipairs_aux &&
        vm_tabof(ra - 2, &t) && vm_isnum(ra - 1) &&
        !(G(L)->hookmask & LUA_MASKCALL)) {
      double n = numV(ra - 1) + 1;
      const TValue *v;
      int want = (int)bc_b(ins) - 1, i = 0;
      v = vm_ipairs_get(t, n);
      if (v != NULL && !tvisnil(v)) {
        setnumV(&ra[0], n);
        ra[1] = *v;
        i = 2;
      }
      for (; i < want; i++) setnilV(&ra[i]);
      DISPATCH();
    }
    ra[0] = ra[-3];
    ra[2] = ra[-2];
    ra[3] = ra[-1];
    nargs = 2;
    goto do_call;
  }
  L_ITERN: {
    /* Specialised generic for over next(). When ISNEXT found a fresh
    ** (next, table, nil) triple it put an iteration marker in the hidden
    ** control slot R(A-1): the traversal position (lu_tab_iternext), so
    ** no key lookup per step. The following ITERL is done here too (it
    ** would overwrite R(A-1) with the key): take its branch while there
    ** are pairs, skip it at the end. Otherwise this is a plain ITERC. */
    TValue *ra = RA;
    GCfunc *fn;
    GCtab *t;
    if (LU_LIKELY(vm_isitermark(ra - 1) && vm_tabof(ra - 2, &t) &&
                  vm_funcof(ra - 3, &fn) && fn->c.ffid == FF_base_next &&
                  (bc_op(*pc) == BC_ITERL || bc_op(*pc) == BC_IITERL))) {
      uint32_t idx = (uint32_t)ra[-1].u64;
      int want = (int)bc_b(ins) - 1, i;
      if (lu_tab_iternext(t, &idx, ra)) {
        ra[-1].u64 = VM_ITERMARK | idx;
        for (i = 2; i < want; i++) setnilV(&ra[i]);
        pc += 1 + bc_j(*pc);
      } else {
        pc++;
      }
      DISPATCH();
    }
    ra[0] = ra[-3];
    ra[2] = ra[-2];
    ra[3] = ra[-1];
    nargs = 2;
    goto do_call;
  }
  L_VARG: {
    TValue *a = RA;
    GCproto *pt = vm_curproto(base);
    int nvar = (int)(frame_sized(base) / (ptrdiff_t)sizeof(TValue)) - 2 -
               pt->numparams;
    TValue *src = frame_prevd(base) + pt->numparams;
    int want = (int)bc_b(ins) - 1, i;
    if (nvar < 0) nvar = 0;
    if (want < 0) {
      want = nvar;
      multres = nvar;
      if (a + nvar > L->maxstack) {
        ptrdiff_t ao = bc_a(ins);
        SAVE_STATE();
        lu_state_growstack(L, (MSize)(nvar + bc_a(ins)));
        base = L->base;
        a = base + ao;
        src = frame_prevd(base) + pt->numparams;
      }
    }
    for (i = 0; i < want && i < nvar; i++) a[i] = src[i];
    for (; i < want; i++) setnilV(&a[i]);
    DISPATCH();
  }
  L_ISNEXT: {
    TValue *ra = RA;
    if (tvisnil(ra - 1) && tvistab(ra - 2) && tvisfunc(ra - 3) &&
        funcV(ra - 3)->c.ffid == FF_base_next)
      ra[-1].u64 = VM_ITERMARK;
    JUMP(ins);
    DISPATCH();
  }

  /* -- Returns -------------------------------------------------------- */

  L_RETM: {
    nres = bc_d(ins) + multres;
    goto do_ret;
  }
  L_RET: {
    nres = bc_d(ins) - 1;
    goto do_ret;
  }
  L_RET0: {
    /* Fast path: no values back to a Lua caller. */
    if (LU_LIKELY((frame_link(base) & FRAME_TYPE) == FRAME_LUA)) {
      TValue *dst = base - 2;
      VM_ASSERT_CLOSED(L, base);
      pc = (const BCIns *)(uintptr_t)frame_link(base);
      ins = pc[-1];
      VM_RETLUA_TAIL(dst, 0);
    }
    nres = 0;
    goto do_ret;
  }
  L_RET1: {
    /* Fast path: one value back to a Lua caller. */
    if (LU_LIKELY((frame_link(base) & FRAME_TYPE) == FRAME_LUA)) {
      TValue v = *RA;
      VM_ASSERT_CLOSED(L, base);
      VM_RET1_LUA(v);
    }
    nres = 1;
  do_ret:
    rv = RA;
    VM_ASSERT_CLOSED(L, base);
    goto vm_return;
  }

  /* -- Loops and branches --------------------------------------------- */

  L_FORI: L_JFORI: {
    TValue *a = RA;
    double idx, stop;
    if (LU_UNLIKELY(!(vm_isnum(a) && vm_isnum(a + 1) &&
                      vm_isnum(a + 2)))) {
      double n;
      SAVE_STATE();
      if (!vm_tonum(a, &n)) lu_err_msg(L, LU_ERR_FORINIT);
      setnumV(a, n);
      if (!vm_tonum(a + 1, &n)) lu_err_msg(L, LU_ERR_FORLIM);
      setnumV(a + 1, n);
      if (!vm_tonum(a + 2, &n)) lu_err_msg(L, LU_ERR_FORSTEP);
      setnumV(a + 2, n);
    }
    idx = numV(a);
    stop = numV(a + 1);
    if (!vm_signbit(a + 2) ? idx <= stop : idx >= stop) {
      a[3] = a[0];
    } else {
      JUMP(ins);
    }
    DISPATCH();
  }
  L_FORL: L_IFORL: {
    TValue *a = RA;
    double step = numV(a + 2);
    double idx = numV(a) + step;
    setnumV(a, idx);
    /* Two plain branches: a conditional expression here compiles to a
    ** setcc + test. The direction is the sign bit of step (-0 counts
    ** down, as in LuaJIT), tested on the integer word. */
    if (LU_LIKELY(!vm_signbit(a + 2))) {
      if (idx <= numV(a + 1)) {
        setnumV(a + 3, idx);
        JUMP(ins);
      }
    } else if (idx >= numV(a + 1)) {
      setnumV(a + 3, idx);
      JUMP(ins);
    }
    DISPATCH();
  }
  L_ITERL: L_IITERL: {
    TValue *a = RA;
    if (!tvisnil(a)) {
      a[-1] = a[0];
      JUMP(ins);
    }
    DISPATCH();
  }
  L_LOOP: L_ILOOP: {
    DISPATCH();
  }
  L_JMP: {
    JUMP(ins);
    DISPATCH();
  }
  L_JFORL: L_JITERL: L_JLOOP: L_JFUNCF: L_JFUNCV: {
    SAVE_STATE();
    lu_err_str(L, "JIT traces are not implemented");
  }

  /* -- Function headers -------------------------------------------------
  ** Entered with base = the new frame, pc = bc[1], nargs arguments.
  */

  L_FUNCF: L_IFUNCF: {
    GCproto *pt = (GCproto *)(pc - 1) - 1;
    kbase = (TValue *)pt->k;
    if (LU_UNLIKELY(base + pt->framesize > L->maxstack)) {
      VM_REDECODE();
      base = vm_growstack(L, base, pc, nargs,
                          ((GCproto *)(pc - 1) - 1)->framesize);
    }
    if (LU_UNLIKELY(nargs < pt->numparams)) {
      int i = nargs;
      do setnilV(&base[i]); while (++i < pt->numparams);
    }
    DISPATCH();
  }
  L_FUNCV: L_IFUNCV: {
    GCproto *pt = (GCproto *)(pc - 1) - 1;
    TValue *nbase;
    int i;
    kbase = (TValue *)pt->k;
    if (LU_UNLIKELY(base + nargs + 2 + pt->framesize > L->maxstack))
      base = vm_growstack(L, base, pc, nargs, (MSize)(nargs + 2 + pt->framesize));
    nbase = base + nargs + 2;
    nbase[-2] = base[-2];
    nbase[-1].u64 = (uint64_t)((nargs + 2) * sizeof(TValue)) | FRAME_VARG;
    for (i = 0; i < pt->numparams; i++) {
      if (i < nargs) {
        nbase[i] = base[i];
        setnilV(&base[i]);
      } else {
        setnilV(&nbase[i]);
      }
    }
    base = nbase;
    DISPATCH();
  }
  L_FUNCC: L_FUNCCW: {
    GCfunc *fn = funcV(base - 2);
    if (fn->c.ffid > FF_C) goto *disp[BC__MAX + fn->c.ffid];
  ff_fallback:
    nres = vm_callc(L, base, nargs);
    base = L->base;
    rv = L->top - nres;
    goto vm_return;
  }

  /* -- Fast functions ---------------------------------------------------
  ** Entered like a C function: base = the frame, nargs arguments. Each
  ** either returns (rv/nres, goto vm_return) or falls back to the C
  ** function for the uncommon cases (errors included).
  */

#define FF_RET1()  FF_RETTV(base[0])
/* Return the value v (not yet stored anywhere: a Lua caller gets it
** without a round trip through base[0]). */
#define FF_RETTV(v) \
  do { \
    TValue v1_ = (v); \
    if (LU_LIKELY((frame_link(base) & FRAME_TYPE) == FRAME_LUA)) \
      VM_RET1_LUA(v1_); \
    base[0] = v1_; \
    rv = base; nres = 1; goto vm_return; \
  } while (0)
#define FF_RETNUM(x) \
  do { TValue n1_; setnumV(&n1_, (x)); FF_RETTV(n1_); } while (0)
#define FF_ROOM(n) \
  do { if (LU_UNLIKELY(base + (n) > L->maxstack)) goto ff_fallback; } while (0)

  F_base_assert: {
    if (nargs >= 1 && tvistruecond(base)) {
      rv = base;
      nres = nargs;
      goto vm_return;
    }
    goto ff_fallback;
  }
  F_base_type: {
    GCstr *s;
    if (nargs < 1) goto ff_fallback;
    L->base = base;
    L->top = base + nargs;
    s = vm_typestr(L, base);
    setstrV(L, base, s);
    FF_RET1();
  }
  F_base_next: {
    FF_ROOM(2);
    if (nargs >= 1 && tvistab(base)) {
      GCtab *t = tabV(base);
      if (nargs < 2) setnilV(&base[1]);
      base[0] = base[1];
      L->base = base;
      L->top = base + 2;
      if (lu_tab_next(L, t, base)) {
        if (LU_LIKELY((frame_link(base) & FRAME_TYPE) == FRAME_LUA)) {
          /* Key and value back to a Lua caller (vm_return's copy loop
          ** unrolled). */
          TValue *dst = base - 2;
          pc = (const BCIns *)(uintptr_t)frame_link(base);
          ins = pc[-1];
          dst[0] = base[0];
          dst[1] = base[1];
          VM_RETLUA_TAIL(dst, 2);
        }
        rv = base;
        nres = 2;
      } else {
        setnilV(base);
        rv = base;
        nres = 1;
      }
      goto vm_return;
    }
    goto ff_fallback;
  }
  F_base_ipairs_aux: {
    if (nargs >= 2 && tvistab(base) && vm_isnum(base + 1)) {
      GCtab *t = tabV(base);
      double n = numV(base + 1) + 1;
      const TValue *v;
      v = vm_ipairs_get(t, n);
      if (v == NULL || tvisnil(v)) {
        rv = base;
        nres = 0;
      } else {
        setnumV(base, n);
        base[1] = *v;
        rv = base;
        nres = 2;
      }
      goto vm_return;
    }
    goto ff_fallback;
  }
  F_base_select: {
    if (nargs >= 1 && vm_isnum(base)) {
      double n = numV(base);
      int32_t i = (int32_t)n;
      if ((double)i == n) {
        if (i < 0) i = nargs + i;
        else if (i > nargs) i = nargs;
        if (i >= 1) {
          rv = base + i;
          nres = nargs - i;
          goto vm_return;
        }
      }
    } else if (nargs >= 1 && tvisstr(base) && strV(base)->len == 1 &&
               strdata(strV(base))[0] == '#') {
      FF_RETNUM((double)(nargs - 1));
    }
    goto ff_fallback;
  }
  F_base_rawget: {
    if (nargs >= 2 && tvistab(base)) {
      base[0] = *lu_tab_get(L, tabV(base), base + 1);
      FF_RET1();
    }
    goto ff_fallback;
  }
  F_base_rawset: {
    if (nargs >= 3 && tvistab(base) && !tvisnil(base + 1) &&
        !(vm_isnum(base + 1) && numV(base + 1) != numV(base + 1))) {
      GCtab *t = tabV(base);
      TValue *v;
      L->base = base;
      L->top = base + nargs;
      v = lu_tab_set(L, t, base + 1);
      *v = base[2];
      lu_gc_barriert(L, t, v);
      FF_RET1();
    }
    goto ff_fallback;
  }
  F_base_rawequal: {
    if (nargs >= 2) {
      setboolV(base, lu_meta_rawequal(base, base + 1));
      FF_RET1();
    }
    goto ff_fallback;
  }
  F_base_getmetatable: {
    if (nargs >= 1 && tvistab(base)) {
      GCtab *mt = tabV(base)->metatable;
      if (mt == NULL) {
        setnilV(base);
      } else {
        const TValue *p = lu_tab_getstr(mt, G(L)->gcname[MM_metatable]);
        if (p != NULL && !tvisnil(p)) base[0] = *p;
        else settabV(L, base, mt);
      }
      FF_RET1();
    }
    goto ff_fallback;
  }
  F_base_setmetatable: {
    /* Tables only, and only when the old metatable is not protected by
    ** __metatable; the rest (errors included) in the C function. */
    if (nargs >= 2 && tvistab(base) && (tvistab(base + 1) || tvisnil(base + 1))) {
      GCtab *t = tabV(base);
      GCtab *mt = tvistab(base + 1) ? tabV(base + 1) : NULL;
      const TValue *p = t->metatable == NULL ? NULL :
        lu_tab_getstr(t->metatable, G(L)->gcname[MM_metatable]);
      if (p == NULL || tvisnil(p)) {
        t->metatable = mt;
        if (mt != NULL) lu_gc_objbarriert(L, t, mt);
        FF_RET1();
      }
    }
    goto ff_fallback;
  }
  F_base_tostring: {
    if (nargs >= 1 && tvisstr(base)) FF_RET1();
    if (nargs >= 1 && vm_isnum(base)) {
      GCstr *s;
      L->base = base;
      L->top = base + nargs;
      s = lu_strfmt_num(L, numV(base));
      setstrV(L, base, s);
      lu_gc_check(L);
      base = L->base;
      FF_RET1();
    }
    goto ff_fallback;
  }
  F_base_tonumber: {
    if (nargs == 1 && vm_isnum(base)) FF_RET1();
    if (nargs == 1 && tvisstr(base)) {
      double n;
      if (lu_strscan_tonum(base, &n)) setnumV(base, n);
      else setnilV(base);
      FF_RET1();
    }
    goto ff_fallback;
  }
  F_base_pcall: {
    /* pcall(f, ...): f's frame sits at base+2 with a PCALL link. */
    int i;
    if (nargs < 1) goto ff_fallback;
    FF_ROOM(nargs + 2);
    for (i = nargs; i > 1; i--) base[i] = base[i - 1];
    base += 2;
    base[-1].u64 = (uint64_t)(2 * sizeof(TValue)) | FRAME_PCALL;
    nargs--;
    goto vm_callframe;
  }
  F_base_xpcall: {
    /* xpcall(f, h, ...): h stays at base[0], f's frame at base+3. */
    TValue f;
    int i;
    if (nargs < 2 || !tvisfunc(base + 1)) goto ff_fallback;
    FF_ROOM(nargs + 3);
    f = base[0];
    base[0] = base[1];
    for (i = nargs; i > 2; i--) base[i] = base[i - 1];
    base[1] = f;
    base += 3;
    base[-1].u64 = (uint64_t)(3 * sizeof(TValue)) | FRAME_PCALLH;
    nargs -= 2;
    goto vm_callframe;
  }
  /* One-argument math builtins: a number (or numeric string) in, the
  ** result of expr out; anything else goes to the C function. */
#define FF_MATH1(label, expr) \
  label: { \
    double n; \
    if (nargs >= 1 && vm_tonum(base, &n)) { \
      FF_RETNUM(expr); \
    } \
    goto ff_fallback; \
  }
  FF_MATH1(F_math_floor, vm_floor(n))
  FF_MATH1(F_math_ceil, vm_ceil(n))
  FF_MATH1(F_math_abs, fabs(n))
  FF_MATH1(F_math_sqrt, sqrt(n))
#undef FF_MATH1
  F_math_min: {
    ffmax = 0;
    goto ff_minmax;
  }
  F_math_max: {
    ffmax = 1;
  ff_minmax: {
    int i, ismax = ffmax;
    double r;
    if (nargs < 1) goto ff_fallback;
    for (i = 0; i < nargs; i++)
      if (!vm_isnum(base + i)) goto ff_fallback;
    r = numV(base);
    for (i = 1; i < nargs; i++) {
      double x = numV(base + i);
      /* As SSE maxsd/minsd (LuaJIT): NaN or equal operands give x. */
      r = ismax ? (r > x ? r : x) : (r < x ? r : x);
    }
    FF_RETNUM(r);
  }
  }
  F_string_byte: {
    if (nargs == 1 && tvisstr(base)) {
      GCstr *s = strV(base);
      if (s->len == 0) { rv = base; nres = 0; goto vm_return; }
      FF_RETNUM((double)(uint8_t)strdata(s)[0]);
    }
    if (nargs == 2 && tvisstr(base) && vm_isnum(base + 1)) {
      GCstr *s = strV(base);
      int64_t p = vm_strpos(numV(base + 1), (int64_t)s->len);
      if (p >= 1 && p <= (int64_t)s->len) {
        FF_RETNUM((double)(uint8_t)strdata(s)[p - 1]);
      }
      rv = base;
      nres = 0;
      goto vm_return;
    }
    goto ff_fallback;
  }
  F_string_char: {
    char buf[8];
    int i;
    GCstr *s;
    if (nargs > 8) goto ff_fallback;
    for (i = 0; i < nargs; i++) {
      double n;
      if (!vm_isnum(base + i)) goto ff_fallback;
      n = numV(base + i);
      if (!(n >= 0 && n <= 255 && (double)(int)n == n)) goto ff_fallback;
      buf[i] = (char)(int)n;
    }
    L->base = base;
    L->top = base + nargs;
    s = lu_str_new(L, buf, (size_t)nargs);
    setstrV(L, base, s);
    FF_RET1();
  }
  F_string_sub: {
    if (nargs >= 2 && nargs <= 3 && tvisstr(base) && vm_isnum(base + 1) &&
        (nargs == 2 || vm_isnum(base + 2))) {
      GCstr *s = strV(base), *r;
      int64_t len = (int64_t)s->len;
      int64_t i = vm_strpos(numV(base + 1), len);
      int64_t j = nargs == 3 ? vm_strpos(numV(base + 2), len) : len;
      if (i < 1) i = 1;
      if (j > len) j = len;
      L->base = base;
      L->top = base + nargs;
      if (i > j) r = G(L)->strempty;
      else r = lu_str_new(L, strdata(s) + i - 1, (size_t)(j - i + 1));
      setstrV(L, base, r);
      FF_RET1();
    }
    goto ff_fallback;
  }
  /* bit.*: numbers only (strings and errors go to the C functions);
  ** vm_tobit normalises like bit.tobit. */
#define FF_BIT1(name, expr) \
  F_bit_##name: { \
    if (nargs >= 1 && vm_isnum(base)) { \
      uint32_t x = (uint32_t)vm_tobit(numV(base)); \
      FF_RETNUM((double)(int32_t)(expr)); \
    } \
    goto ff_fallback; \
  }
#define FF_BIT2(name, expr) \
  F_bit_##name: { \
    if (nargs >= 2 && vm_isnum(base) && vm_isnum(base + 1)) { \
      uint32_t x = (uint32_t)vm_tobit(numV(base)); \
      uint32_t n = (uint32_t)vm_tobit(numV(base + 1)) & 31; \
      FF_RETNUM((double)(int32_t)(expr)); \
    } \
    goto ff_fallback; \
  }
#define FF_BITN(name, op) \
  F_bit_##name: { \
    uint32_t x; \
    int i; \
    if (nargs < 1 || !vm_isnum(base)) goto ff_fallback; \
    x = (uint32_t)vm_tobit(numV(base)); \
    for (i = 1; i < nargs; i++) { \
      if (!vm_isnum(base + i)) goto ff_fallback; \
      x op (uint32_t)vm_tobit(numV(base + i)); \
    } \
    FF_RETNUM((double)(int32_t)x); \
  }
  FF_BIT1(tobit, x)
  FF_BIT1(bnot, ~x)
  FF_BIT1(bswap, __builtin_bswap32(x))
  FF_BIT2(lshift, x << n)
  FF_BIT2(rshift, x >> n)
  FF_BIT2(arshift, (uint32_t)((int32_t)x >> n))
  FF_BIT2(rol, (x << n) | (x >> ((32 - n) & 31)))
  FF_BIT2(ror, (x >> n) | (x << ((32 - n) & 31)))
  FF_BITN(band, &=)
  FF_BITN(bor, |=)
  FF_BITN(bxor, ^=)
#undef FF_BIT1
#undef FF_BIT2
#undef FF_BITN

  /* -- Coroutine switches -------------------------------------------------
  ** resume and wrap's function switch L to the coroutine inside this
  ** activation (lu_vm_coenter, src/vm/call.c): it starts at its function
  ** or returns from its yield. yield in an inline-resumed coroutine (and
  ** its end, in vm_return) switches back: the resume frame returns the
  ** values (lu_vm_coleave). A yield under a real resume (lua_resume)
  ** leaves through its catch point; anything else goes to the C
  ** functions.
  */

  F_coroutine_resume:
    ffwrap = 0;
    goto ff_coenter;
  F_coroutine_wrap_aux:
    ffwrap = 1;
  ff_coenter: {
    /* resume(co, ...) and wrap's function(...): switch to the coroutine
    ** (resume's first argument is the coroutine itself). */
    int fresh;
    lua_State *co = lu_vm_coenter(L, base, nargs, ffwrap, &fresh);
    if (LU_UNLIKELY(co == NULL)) goto ff_fallback;
    if (!ffwrap) nargs--;
    L = co;
    base = co->base;
    if (fresh) goto vm_callframe;
    nres = nargs;
    rv = co->top - nres;
    goto ff_coreturn;
  }
  F_coroutine_yield: {
    const CFrame *cf = (const CFrame *)L->cframe;
    if (LU_LIKELY(cframe_isinline(cf))) {
      lua_State *R = cframe_resumer(cf);
      nres = lu_vm_coleave(L, base, base, nargs, 0);
      L = R;
      base = R->base;
      rv = base;
    ff_coreturn:
      /* Return nres values at rv from the frame at base (of L). */
      if (nres == 1 && (frame_link(base) & FRAME_TYPE) == FRAME_LUA) {
        TValue v1 = rv[0];
        VM_RET1_LUA(v1);
      }
      goto vm_return;
    }
    if (LU_UNLIKELY(cf == NULL || cf->kind != CFRAME_RESUME))
      goto ff_fallback;
    L->base = base;
    L->top = base + nargs;
    lu_vm_yieldnow(L, nargs);
  }
#undef FF_RET1
#undef FF_ROOM

  /* -- Hooks ------------------------------------------------------------
  ** With hooks set, lu_dispatch_update points opcodes at H_ins (line,
  ** count and return hooks: before every instruction, or before returns)
  ** and function headers and fast functions at H_call (call hook).
  */

  H_ins: {
    L->base = base;
    L->top = vm_frametop(base);
    lu_debug_hookins(L, pc);
    base = L->base;
    /* Reload ins rather than keep its opcode across the call: otherwise
    ** the compiler keeps the opcode live in a register through every
    ** DISPATCH, one extra move per instruction. */
    ins = pc[-1];
    goto *disp[GG_LEN_DDISP + bc_op(ins)];  /* The original handler. */
  }
  H_call: {
    int op = (int)bc_op(pc[-1]);
    if (op == BC_FUNCF || op == BC_IFUNCF || op == BC_FUNCV ||
        op == BC_IFUNCV) {
      GCproto *pt = (GCproto *)(pc - 1) - 1;
      int i;
      kbase = (TValue *)pt->k;
      if (LU_UNLIKELY(base + nargs + 2 + pt->framesize > L->maxstack))
        base = vm_growstack(L, base, pc, nargs,
                            (MSize)(nargs + 2 + pt->framesize));
      if (op == BC_FUNCV || op == BC_IFUNCV) {
        TValue *nbase = base + nargs + 2;
        nbase[-2] = base[-2];
        nbase[-1].u64 = (uint64_t)((nargs + 2) * sizeof(TValue)) | FRAME_VARG;
        for (i = 0; i < pt->numparams; i++) {
          if (i < nargs) {
            nbase[i] = base[i];
            setnilV(&base[i]);
          } else {
            setnilV(&nbase[i]);
          }
        }
        base = nbase;
      } else {
        for (i = nargs; i < pt->numparams; i++) setnilV(&base[i]);
      }
      L->base = base;
      L->top = base + pt->framesize;
      L->savedpc = pc;
      lu_debug_hookcall(L);
      /* Before the first instruction: the line hook then reports the
      ** callee's first line even when it is the header's line. */
      L->savedpc = pc - 1;
      base = L->base;
      DISPATCH();
    }
    /* C and fast functions: the hook, then the plain C call. */
    L->base = base;
    L->top = base + nargs;
    lu_state_checkstack(L, LUA_MINSTACK);
    lu_debug_hookcall(L);
    base = L->base;  /* The hook may have moved the stack. */
    /* As LuaJIT: the line hook reports the caller's line again after the
    ** call (savedpc outside its bytecode), except after a resume, where
    ** the caller's pc stays saved. */
    if (funcV(base - 2)->c.ffid != FF_coroutine_resume &&
        funcV(base - 2)->c.ffid != FF_coroutine_wrap_aux)
      L->savedpc = funcV(base - 2)->c.pc;
    goto ff_fallback;
  }

  L_badop: {
    SAVE_STATE();
    lu_err_msg(L, LU_ERR_XSTATE);
  }
}

/* -- Entry points --------------------------------------------------------- */

void lu_vm_exec(lua_State *L, int mode, int n)
{
  vm_run(L, mode, n, NULL);
}

void lu_vm_exec_init(const void **out)
{
  vm_run(NULL, VMX_INIT, 0, out);
}
