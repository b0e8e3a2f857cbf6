/*
** lunar: metamethod lookup and metamethod-aware operations at C level.
**
** Lookup: tables and userdata carry their own metatable; every other type
** shares a per-type metatable in G(L)->basemt[] (strings have the string
** library's). Fast metamethods (__index .. __len, mm < MM_FAST) are cached
** negatively in the metatable's nomm bits; any store into a table clears
** them (the table may be somebody's metatable).
**
** The operations below (lu_vm_gettable ... lu_vm_lessequal) serve the C
** API and the libraries: they take operands anywhere (stack or not), copy
** them before the stack can move, and call metamethods through lu_vm_call,
** recursing on the C stack (lu_vm_call counts L->nCcalls against
** LU_MAX_CCALLS). The interpreter has its own frame-based paths for the
** same events and may use these for the unusual cases.
*/
#include <math.h>

#include "meta.h"
#include "call.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../core/strfmt.h"
#include "../core/strscan.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/buf.h"
#include "../core/state.h"

/* -- Lookup ---------------------------------------------------------------- */

const TValue *lu_meta_cache(GCtab *mt, MMS mm, GCstr *name)
{
  const TValue *mo = lu_tab_getstr(mt, name);
  if (mo == NULL || tvisnil(mo)) {
    if (mm < MM_FAST) mt->nomm |= (uint8_t)(1u << mm);
    return NULL;
  }
  return mo;
}

/* Index of the base metatable for a value's type. */
static int meta_basemt_index(const TValue *o)
{
  return tvisnumber(o) ? (int)(~LU_TNUMX & 15) : (int)(~itype(o) & 15);
}

GCtab *lu_meta_getmt(lua_State *L, const TValue *o)
{
  if (tvistab(o)) return tabV(o)->metatable;
  if (tvisudata(o)) return (GCtab *)udataV(o)->metatable;
  return G(L)->basemt[meta_basemt_index(o)];
}

const TValue *lu_meta_lookup(lua_State *L, const TValue *o, MMS mm)
{
  GCtab *mt = lu_meta_getmt(L, o);
  if (mt == NULL) return NULL;
  if (mm < MM_FAST) return lu_meta_fast(L, mt, mm);
  return lu_meta_cache(mt, mm, G(L)->gcname[mm]);
}

int lu_meta_rawequal(const TValue *a, const TValue *b)
{
  if (tvisnumber(a)) return tvisnumber(b) && numV(a) == numV(b);
  return a->u64 == b->u64;
}

/* -- Calling metamethods -----------------------------------------------------
** The metamethod and its arguments are pushed as one call; the results
** replace them (nres of them, at the old top).
*/

static void meta_call(lua_State *L, const TValue *mo, const TValue *a,
                      const TValue *b, const TValue *c, int nres)
{
  TValue fv = *mo, av = *a, bv = *b, cv;
  TValue *func;
  if (c != NULL) cv = *c;
  lu_state_checkstack(L, 4);
  func = L->top;
  func[0] = fv;
  func[1] = av;
  func[2] = bv;
  if (c != NULL) {
    func[3] = cv;
    L->top = func + 4;
  } else {
    L->top = func + 3;
  }
  lu_vm_call(L, func, nres);
}

/* -- Table access ------------------------------------------------------------ */

void lu_vm_gettable(lua_State *L, const TValue *o, const TValue *k)
{
  TValue key = *k;
  TValue cur = *o;
  int loop;
  for (loop = 0; loop < LU_MAX_IDXCHAIN; loop++) {
    const TValue *mo;
    if (tvistab(&cur)) {
      GCtab *t = tabV(&cur);
      const TValue *v = lu_tab_get(L, t, &key);
      if (!tvisnil(v)) {
        copyTV(L, L->top, v);
        L->top++;
        return;
      }
      mo = lu_meta_fast(L, t->metatable, MM_index);
      if (mo == NULL) {
        setnilV(L->top);
        L->top++;
        return;
      }
    } else {
      mo = lu_meta_lookup(L, &cur, MM_index);
      if (mo == NULL)
        lu_err_optype(L, loop == 0 ? o : &cur, LU_ERR_OPINDEX);
    }
    if (tvisfunc(mo)) {
      meta_call(L, mo, &cur, &key, NULL, 1);
      return;
    }
    cur = *mo;
  }
  lu_err_msg(L, LU_ERR_GETLOOP);
}

void lu_vm_settable(lua_State *L, const TValue *o, const TValue *k,
                    const TValue *v)
{
  TValue key = *k;
  TValue val = *v;
  TValue cur = *o;
  int loop;
  for (loop = 0; loop < LU_MAX_IDXCHAIN; loop++) {
    const TValue *mo;
    if (tvistab(&cur)) {
      GCtab *t = tabV(&cur);
      const TValue *slot = lu_tab_get(L, t, &key);
      if (tvisnil(slot))
        mo = lu_meta_fast(L, t->metatable, MM_newindex);
      else
        mo = NULL;
      if (mo == NULL) {
        TValue *dst = lu_tab_set(L, t, &key);
        copyTV(L, dst, &val);
        t->nomm = 0;
        lu_gc_barriert(L, t, &val);
        return;
      }
    } else {
      mo = lu_meta_lookup(L, &cur, MM_newindex);
      if (mo == NULL)
        lu_err_optype(L, loop == 0 ? o : &cur, LU_ERR_OPINDEX);
    }
    if (tvisfunc(mo)) {
      /* An offset, not a pointer: the call may reallocate the stack. */
      ptrdiff_t top = savestack(L, L->top);
      meta_call(L, mo, &cur, &key, &val, 0);
      L->top = restorestack(L, top);
      return;
    }
    cur = *mo;
  }
  lu_err_msg(L, LU_ERR_SETLOOP);
}

/* -- Concatenation ---------------------------------------------------------------
** Right to left, as the CAT instruction: runs of strings and numbers are
** joined in one go; any other pair goes to __concat.
*/

static int meta_catable(const TValue *o)
{
  return tvisstr(o) || tvisnumber(o);
}

void lu_vm_concat(lua_State *L, int n)
{
  while (n > 1) {
    TValue *top = L->top - 1;   /* Last operand. */
    if (meta_catable(top - 1) && meta_catable(top)) {
      /* Collect the longest run of strings/numbers ending at top. */
      int k = 2;
      SBuf *sb;
      GCstr *s;
      int i;
      while (k < n && meta_catable(top - k)) k++;
      sb = lu_buf_tmp(L, 0);
      for (i = k - 1; i >= 0; i--) {
        TValue *o = top - i;
        if (tvisstr(o))
          lu_buf_putstr(sb, strV(o));
        else
          lu_buf_putnum(sb, numV(o));
      }
      s = lu_buf_tostr(sb);
      top -= k - 1;
      setstrV(L, top, s);
      L->top = top + 1;
      n -= k - 1;
    } else {
      const TValue *mo = lu_meta_lookup(L, top - 1, MM_concat);
      ptrdiff_t res;
      if (mo == NULL) {
        mo = lu_meta_lookup(L, top, MM_concat);
        if (mo == NULL)
          lu_err_optype(L, meta_catable(top - 1) ? top : top - 1,
                        LU_ERR_OPCAT);
      }
      /* An offset, not a pointer: the call may reallocate the stack. */
      res = savestack(L, top - 1);
      meta_call(L, mo, top - 1, top, NULL, 1);
      /* Result is at the old top; move it down over the operands. */
      copyTV(L, restorestack(L, res), L->top - 1);
      L->top = restorestack(L, res) + 1;
      n--;
    }
  }
}

/* -- Comparison ------------------------------------------------------------------ */

int lu_vm_equal(lua_State *L, const TValue *a, const TValue *b)
{
  GCtab *mt1, *mt2;
  const TValue *mo;
  if (lu_meta_rawequal(a, b)) return 1;
  if (tviscdata(a) || tviscdata(b)) {  /* FFI: cdata __eq for any pair. */
    mo = lu_meta_lookup(L, tviscdata(a) ? a : b, MM_eq);
    if (mo == NULL || tvisnil(mo)) return 0;
    meta_call(L, mo, a, b, NULL, 1);
    L->top--;
    return tvistruecond(L->top);
  }
  if (itype(a) != itype(b) || tvisnumber(a)) return 0;
  if (tvistab(a)) {
    mt1 = tabV(a)->metatable;
    mt2 = tabV(b)->metatable;
  } else if (tvisudata(a)) {
    mt1 = (GCtab *)udataV(a)->metatable;
    mt2 = (GCtab *)udataV(b)->metatable;
  } else {
    return 0;
  }
  mo = lu_meta_fast(L, mt1, MM_eq);
  if (mo == NULL) return 0;
  if (mt1 != mt2) {
    const TValue *mo2 = lu_meta_fast(L, mt2, MM_eq);
    if (mo2 == NULL || !lu_meta_rawequal(mo, mo2)) return 0;
  }
  meta_call(L, mo, a, b, NULL, 1);
  L->top--;
  return tvistruecond(L->top);
}

/* Type class for "same type" in comparisons: both booleans are one type. */
static uint32_t meta_cmptype(const TValue *o)
{
  if (tvisnumber(o)) return LU_TNUMX;
  if (tvisbool(o)) return LU_TTRUE;
  return itype(o);
}

int lu_meta_compare(lua_State *L, const TValue *a, const TValue *b, MMS mm)
{
  if (tvisnumber(a) && tvisnumber(b))
    return mm == MM_lt ? numV(a) < numV(b) : numV(a) <= numV(b);
  if (tvisstr(a) && tvisstr(b)) {
    int c = lu_str_cmp(strV(a), strV(b));
    return mm == MM_lt ? c < 0 : c <= 0;
  }
  if (tviscdata(a) || tviscdata(b)) {  /* FFI: mixed operands allowed. */
    const TValue *mo = lu_meta_lookup(L, tviscdata(a) ? a : b, mm);
    if (mo != NULL && !tvisnil(mo)) {
      meta_call(L, mo, a, b, NULL, 1);
      L->top--;
      return tvistruecond(L->top);
    }
  }
  if (meta_cmptype(a) == meta_cmptype(b)) {
    const TValue *mo = lu_meta_lookup(L, a, mm);
    const TValue *mo2 = lu_meta_lookup(L, b, mm);
    if (mo != NULL && mo2 != NULL && lu_meta_rawequal(mo, mo2)) {
      meta_call(L, mo, a, b, NULL, 1);
      L->top--;
      return tvistruecond(L->top);
    }
    if (mm == MM_le) {
      /* Lua 5.1: a <= b is not (b < a) when only __lt is defined. */
      mo = lu_meta_lookup(L, b, MM_lt);
      mo2 = lu_meta_lookup(L, a, MM_lt);
      if (mo != NULL && mo2 != NULL && lu_meta_rawequal(mo, mo2)) {
        meta_call(L, mo, b, a, NULL, 1);
        L->top--;
        return !tvistruecond(L->top);
      }
    }
  }
  lu_err_comp(L, a, b);
  return 0;
}

int lu_vm_lessthan(lua_State *L, const TValue *a, const TValue *b)
{
  return lu_meta_compare(L, a, b, MM_lt);
}

int lu_vm_lessequal(lua_State *L, const TValue *a, const TValue *b)
{
  return lu_meta_compare(L, a, b, MM_le);
}
