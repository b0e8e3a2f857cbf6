/*
** lunar: the public C API (lua.h), except the debug API (src/vm/debug.c).
**
** -- Indices -----------------------------------------------------------------
**
** A C function sees its own window of the stack: index 1 is L->base[0],
** index -1 is L->top[-1]. Pseudo-indices reach values outside the window:
**
**   LUA_REGISTRYINDEX        g->registrytv
**   LUA_ENVIRONINDEX         the running C function's environment table
**   LUA_GLOBALSINDEX         the thread's table of globals (L->env)
**   lua_upvalueindex(i)      upvalue i of the running C closure, which sits
**                            at L->base[-2] (two-slot frames, see obj.h)
**
** api_index2adr maps an index to a TValue. The two tables that are not
** stored in a TValue anywhere (globals, environment) are copied into
** g->tmptv, which is valid until the next API call. An acceptable index
** above the top (or an absent upvalue) maps to api_none, a nil that
** lua_type reports as LUA_TNONE. Misuse (an index outside the stack window,
** a write to api_none) is checked with luai_apicheck (LUA_USE_APICHECK).
**
** -- GC ----------------------------------------------------------------------
**
** Functions that allocate call lu_gc_check first, while everything they
** work on is anchored on the stack. Stores into objects go through the
** barriers of gc.h.
*/
#include <stdlib.h>

#include "../core/obj.h"
#include "../core/state.h"
#include "../core/err.h"
#include "../core/gc.h"
#include "../core/str.h"
#include "../core/strfmt.h"
#include "../core/strscan.h"
#include "../core/tab.h"
#include "../core/func.h"
#include "../core/udata.h"
#include "../vm/vm.h"
#include "../vm/call.h"
#include "../parse/parse.h"
#include "../parse/bcdump.h"
#include "lua.h"
#include "luajit.h"

/* API checks (LUA_USE_APICHECK, defined by `make debug`): a failed check
** names the API function and the violated condition on stderr, then
** aborts, so misuse fails loudly at the faulty call. */
#if defined(LUA_USE_APICHECK)
#include <stdio.h>
static LU_NORET LU_NOINLINE void api_fail(const char *func, const char *cond)
{
  fflush(stdout);
  fprintf(stderr, "lunar: C API check failed in %s: %s\n", func, cond);
  fflush(stderr);
  abort();
}
#define api_check(L, cond) \
  ((void)(L), (cond) ? (void)0 : api_fail(__func__, #cond))
/* The helpers below check on behalf of the API function that called them,
** whose name they receive as a hidden last argument (apifn). */
#define API_FNARG       , __func__
#define API_FNPASS      , apifn
#define API_FNPARAM     , const char *apifn
#define api_checkh(L, cond) \
  ((void)(L), (cond) ? (void)0 : api_fail(apifn, #cond))
#else
#define api_check(L, cond)   ((void)(L))
#define API_FNARG
#define API_FNPASS
#define API_FNPARAM
#define api_checkh(L, cond)  ((void)(L))
#endif

/* The "no value" nil returned for acceptable but absent indices. */
static const TValue api_none = { LU_VNIL };

/* -- Index translation ---------------------------------------------------- */

/* The function running in the current frame, or NULL at the top level of a
** thread (where L->base[-2] holds no function). */
static GCfunc *api_curfunc(lua_State *L)
{
  TValue *f = L->base - 2;
  if (f >= L->stack && tvisfunc(f)) return funcV(f);
  return NULL;
}

/* The environment for new C closures and userdata: the running function's,
** or the thread's globals at the top level. */
static GCtab *api_curenv(lua_State *L)
{
  GCfunc *fn = api_curfunc(L);
  if (fn != NULL && fn->c.env != NULL) return &fn->c.env->tab;
  return L->env;
}

/* Map an API index to its value (see the essay at the top). */
static TValue *api_index2adr_(lua_State *L, int idx API_FNPARAM)
{
  global_State *g = G(L);
  if (idx > 0) {
    TValue *o = L->base + (idx - 1);
    api_checkh(L, idx <= (int)(L->maxstack - L->base));
    return o < L->top ? o : (TValue *)&api_none;
  } else if (idx > LUA_REGISTRYINDEX) {
    api_checkh(L, idx != 0 && -idx <= (int)(L->top - L->base));
    return L->top + idx;
  } else if (idx == LUA_REGISTRYINDEX) {
    return &g->registrytv;
  } else if (idx == LUA_GLOBALSINDEX) {
    settabV(L, &g->tmptv, L->env);
    return &g->tmptv;
  } else {
    GCfunc *fn = api_curfunc(L);
    api_checkh(L, fn != NULL && iscfunc(fn));
    if (fn == NULL) return (TValue *)&api_none;
    if (idx == LUA_ENVIRONINDEX) {
      if (fn->c.env != NULL)
        settabV(L, &g->tmptv, &fn->c.env->tab);
      else
        setnilV(&g->tmptv);
      return &g->tmptv;
    } else {
      int n = LUA_GLOBALSINDEX - idx;
      if (iscfunc(fn) && n <= (int)fn->c.nupvalues)
        return &fn->c.upvalue[n - 1];
      return (TValue *)&api_none;
    }
  }
}

#define api_index2adr(L, idx)  api_index2adr_((L), (idx) API_FNARG)

/* Does o (from api_index2adr) name an existing value? */
#define api_valid(o)   ((o) != &api_none)

/* Push one slot: bump top, growing the stack if it ran out. */
static LU_AINLINE void api_incr_top(lua_State *L)
{
  L->top++;
  if (LU_UNLIKELY(L->top >= L->maxstack)) lu_state_growstack1(L);
}

/* The table at idx (API misuse if it is not one). */
static GCtab *api_tab_(lua_State *L, int idx API_FNPARAM)
{
  TValue *o = api_index2adr_(L, idx API_FNPASS);
  api_checkh(L, tvistab(o));
  if (!tvistab(o)) lu_err_msgv(L, LU_ERR_BADTYPE, "table", lu_typename(o));
  return tabV(o);
}
#define api_tab(L, idx)  api_tab_((L), (idx) API_FNARG)

/* Store v at idx (lua_replace, lua_copy): the pseudo-indices for globals
** and the environment replace the table itself; upvalues get a barrier. */
static void api_store_(lua_State *L, int idx, const TValue *v API_FNPARAM)
{
  if (idx == LUA_GLOBALSINDEX) {
    api_checkh(L, tvistab(v));
    if (tvistab(v)) L->env = tabV(v);
  } else if (idx == LUA_ENVIRONINDEX) {
    GCfunc *fn = api_curfunc(L);
    api_checkh(L, fn != NULL && tvistab(v));
    if (fn == NULL || !tvistab(v))
      lu_err_str(L, err2msg(LU_ERR_NOENV));
    fn->c.env = obj2gco(tabV(v));
    lu_gc_objbarrier(L, fn, tabV(v));
  } else {
    TValue *o = api_index2adr_(L, idx API_FNPASS);
    api_checkh(L, api_valid(o));
    if (!api_valid(o)) return;
    copyTV(L, o, v);
    if (idx < LUA_GLOBALSINDEX && tvisgcv(v)) {
      GCfunc *fn = api_curfunc(L);
      lu_gc_objbarrier(L, fn, gcval(v));
    }
  }
}
#define api_store(L, idx, v)  api_store_((L), (idx), (v) API_FNARG)

/* -- State manipulation --------------------------------------------------- */

LUA_API lua_State *lua_newstate(lua_Alloc f, void *ud)
{
  return lu_state_open(f, ud);
}

LUA_API void lua_close(lua_State *L)
{
  lu_state_close(G(L)->mainthread);
}

LUA_API lua_State *lua_newthread(lua_State *L)
{
  lua_State *L1;
  lu_gc_check(L);
  L1 = lu_state_new(L);
  setthreadV(L, L->top, L1);
  api_incr_top(L);
  return L1;
}

LUA_API lua_CFunction lua_atpanic(lua_State *L, lua_CFunction panicf)
{
  lua_CFunction old = G(L)->panic;
  G(L)->panic = panicf;
  return old;
}

/* -- Basic stack manipulation --------------------------------------------- */

LUA_API int lua_gettop(lua_State *L)
{
  return (int)(L->top - L->base);
}

LUA_API void lua_settop(lua_State *L, int idx)
{
  if (idx >= 0) {
    TValue *newtop = L->base + idx;
    api_check(L, newtop <= L->maxstack);
    while (L->top < newtop) setnilV(L->top++);
    L->top = newtop;
  } else {
    api_check(L, -(idx + 1) <= (int)(L->top - L->base));
    L->top += idx + 1;
  }
}

LUA_API void lua_pushvalue(lua_State *L, int idx)
{
  copyTV(L, L->top, api_index2adr(L, idx));
  api_incr_top(L);
}

LUA_API void lua_remove(lua_State *L, int idx)
{
  TValue *p = api_index2adr(L, idx);
  api_check(L, api_valid(p) && p >= L->base);
  while (++p < L->top) copyTV(L, p - 1, p);
  L->top--;
}

LUA_API void lua_insert(lua_State *L, int idx)
{
  TValue *p = api_index2adr(L, idx);
  TValue *q;
  api_check(L, api_valid(p) && p >= L->base);
  for (q = L->top; q > p; q--) copyTV(L, q, q - 1);
  copyTV(L, p, L->top);
}

LUA_API void lua_replace(lua_State *L, int idx)
{
  api_check(L, L->top > L->base);
  api_store(L, idx, L->top - 1);
  L->top--;
}

LUA_API void lua_copy(lua_State *L, int fromidx, int toidx)
{
  TValue v = *api_index2adr(L, fromidx);
  api_store(L, toidx, &v);
}

/* Room for sz more values: 0 when that would pass the C API's limit
** (LUAI_MAXCSTACK per C frame) or the stack's absolute limit. */
LUA_API int lua_checkstack(lua_State *L, int sz)
{
  if (sz < 0 || sz > LUAI_MAXCSTACK ||
      (L->top - L->base) + sz > LUAI_MAXCSTACK ||
      (L->top - L->stack) + sz > LU_MAX_STACK)
    return 0;
  if (sz > 0) lu_state_checkstack(L, (MSize)sz);
  return 1;
}

LUA_API void lua_xmove(lua_State *from, lua_State *to, int n)
{
  TValue *f, *t;
  if (from == to || n <= 0) return;
  api_check(from, G(from) == G(to));
  api_check(from, n <= (int)(from->top - from->base));
  lu_state_checkstack(to, (MSize)n);
  f = from->top - n;
  t = to->top;
  from->top = f;
  to->top = t + n;
  while (n-- > 0) copyTV(to, t++, f++);
}

LUA_API void lua_setlevel(lua_State *from, lua_State *to)
{
  to->nCcalls = from->nCcalls;
}

/* -- Access functions (stack -> C) ---------------------------------------- */

/* Public type tag of a value. */
static int api_typetag(const TValue *o)
{
  if (tvisnumber(o)) return LUA_TNUMBER;
  switch (itype(o)) {
  case LU_TNIL:     return LUA_TNIL;
  case LU_TFALSE:
  case LU_TTRUE:    return LUA_TBOOLEAN;
  case LU_TLIGHTUD: return LUA_TLIGHTUSERDATA;
  case LU_TSTR:     return LUA_TSTRING;
  case LU_TTAB:     return LUA_TTABLE;
  case LU_TFUNC:    return LUA_TFUNCTION;
  case LU_TUDATA:   return LUA_TUSERDATA;
  case LU_TTHREAD:  return LUA_TTHREAD;
  case LU_TCDATA:   return 10;  /* LuaJIT's LUA_TCDATA. */
  case LU_TPROTO:   return 9;   /* LuaJIT's proto tag (jit.util.funck). */
  default:          return LUA_TNONE;  /* Other internal objects never escape. */
  }
}

LUA_API int lua_type(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  if (!api_valid(o)) return LUA_TNONE;
  return api_typetag(o);
}

static const char *const api_typenames[] = {
  "no value", "nil", "boolean", "userdata", "number", "string", "table",
  "function", "userdata", "thread", "proto", "cdata"
};

LUA_API const char *lua_typename(lua_State *L, int t)
{
  (void)L;
  if (t < LUA_TNONE || t + 1 >= (int)lu_countof(api_typenames)) return "?";
  return api_typenames[t + 1];
}

LUA_API int lua_iscfunction(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  return tvisfunc(o) && iscfunc(funcV(o));
}

LUA_API int lua_isnumber(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  TValue tmp;
  if (tvisnumber(o)) return 1;
  return tvisstr(o) && lu_strscan_num(strdata(strV(o)), strV(o)->len, &tmp);
}

LUA_API int lua_isstring(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  return tvisstr(o) || tvisnumber(o);
}

LUA_API int lua_isuserdata(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  return tvisudata(o) || tvislightud(o);
}

/* Raw equality: numbers by value (so 0 == -0 and NaN ~= NaN), everything
** else by identity (strings are interned). */
static int api_rawequal(const TValue *a, const TValue *b)
{
  if (tvisnumber(a) && tvisnumber(b)) return numV(a) == numV(b);
  return a->u64 == b->u64;
}

LUA_API int lua_rawequal(lua_State *L, int idx1, int idx2)
{
  const TValue *a = api_index2adr(L, idx1);
  const TValue *b = api_index2adr(L, idx2);
  if (!api_valid(a) || !api_valid(b)) return 0;
  return api_rawequal(a, b);
}

LUA_API int lua_equal(lua_State *L, int idx1, int idx2)
{
  const TValue *a = api_index2adr(L, idx1);
  const TValue *b = api_index2adr(L, idx2);
  if (!api_valid(a) || !api_valid(b)) return 0;
  if (tvisnumber(a) && tvisnumber(b)) return numV(a) == numV(b);
  if (api_rawequal(a, b)) return 1;
  if (itype(a) != itype(b)) return 0;
  return lu_vm_equal(L, a, b);
}

LUA_API int lua_lessthan(lua_State *L, int idx1, int idx2)
{
  const TValue *a = api_index2adr(L, idx1);
  const TValue *b = api_index2adr(L, idx2);
  if (!api_valid(a) || !api_valid(b)) return 0;
  if (tvisnumber(a) && tvisnumber(b)) return numV(a) < numV(b);
  return lu_vm_lessthan(L, a, b);
}

/* The number value of o (numbers and numeric strings); 0 if it has none. */
static int api_tonum(const TValue *o, double *n)
{
  if (tvisnumber(o)) {
    *n = numV(o);
    return 1;
  } else if (tvisstr(o)) {
    TValue tmp;
    if (lu_strscan_num(strdata(strV(o)), strV(o)->len, &tmp)) {
      *n = numV(&tmp);
      return 1;
    }
  }
  *n = 0;
  return 0;
}

/* Truncate towards zero like a C cast on x86-64 (LuaJIT's 64 bit rule);
** NaN and out-of-range values give the "integer indefinite" value. */
static lua_Integer api_num2int(double n)
{
  if (n >= -9223372036854775808.0 && n < 9223372036854775808.0)
    return (lua_Integer)n;
  return (lua_Integer)INT64_MIN;
}

LUA_API lua_Number lua_tonumberx(lua_State *L, int idx, int *isnum)
{
  double n;
  int ok = api_tonum(api_index2adr(L, idx), &n);
  if (isnum) *isnum = ok;
  return n;
}

LUA_API lua_Number lua_tonumber(lua_State *L, int idx)
{
  return lua_tonumberx(L, idx, NULL);
}

LUA_API lua_Integer lua_tointegerx(lua_State *L, int idx, int *isnum)
{
  double n;
  int ok = api_tonum(api_index2adr(L, idx), &n);
  if (isnum) *isnum = ok;
  return ok ? api_num2int(n) : 0;
}

LUA_API lua_Integer lua_tointeger(lua_State *L, int idx)
{
  return lua_tointegerx(L, idx, NULL);
}

LUA_API int lua_toboolean(lua_State *L, int idx)
{
  return tvistruecond(api_index2adr(L, idx));
}

/* Strings as themselves; a number is converted to a string in place. */
LUA_API const char *lua_tolstring(lua_State *L, int idx, size_t *len)
{
  TValue *o = api_index2adr(L, idx);
  GCstr *s;
  if (tvisstr(o)) {
    s = strV(o);
  } else if (tvisnumber(o)) {
    lu_gc_check(L);
    o = api_index2adr(L, idx);  /* The GC does not move stacks, but be safe. */
    s = lu_strfmt_num(L, numV(o));
    api_check(L, api_valid(o));
    setstrV(L, o, s);
  } else {
    if (len != NULL) *len = 0;
    return NULL;
  }
  if (len != NULL) *len = s->len;
  return strdata(s);
}

LUA_API size_t lua_objlen(lua_State *L, int idx)
{
  TValue *o = api_index2adr(L, idx);
  if (tvisstr(o)) return strV(o)->len;
  if (tvistab(o)) return lu_tab_len(tabV(o));
  if (tvisudata(o)) return udataV(o)->len;
  if (tvisnumber(o)) {
    size_t len = 0;
    lua_tolstring(L, idx, &len);
    return len;
  }
  return 0;
}

LUA_API lua_CFunction lua_tocfunction(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  if (tvisfunc(o) && iscfunc(funcV(o))) return funcV(o)->c.f;
  return NULL;
}

LUA_API void *lua_touserdata(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  if (tvisudata(o)) return uddata(udataV(o));
  if (tvislightud(o)) return lightudV(o);
  return NULL;
}

LUA_API lua_State *lua_tothread(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  return tvisthread(o) ? threadV(o) : NULL;
}

LUA_API const void *lua_topointer(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  if (tvisudata(o)) return uddata(udataV(o));
  if (tvislightud(o)) return lightudV(o);
  if (tviscdata(o)) return cdataptr(cdataV(o));  /* LuaJIT: the payload. */
  if (tvisgcv(o)) return gcval(o);
  return NULL;
}

/* -- Push functions (C -> stack) ------------------------------------------ */

LUA_API void lua_pushnil(lua_State *L)
{
  setnilV(L->top);
  api_incr_top(L);
}

LUA_API void lua_pushnumber(lua_State *L, lua_Number n)
{
  setnumV_canon(L->top, n);
  api_incr_top(L);
}

LUA_API void lua_pushinteger(lua_State *L, lua_Integer n)
{
  setnumV(L->top, (double)n);
  api_incr_top(L);
}

LUA_API void lua_pushlstring(lua_State *L, const char *s, size_t len)
{
  GCstr *str;
  lu_gc_check(L);
  str = lu_str_new(L, s, len);
  setstrV(L, L->top, str);
  api_incr_top(L);
}

LUA_API void lua_pushstring(lua_State *L, const char *s)
{
  if (s == NULL)
    lua_pushnil(L);
  else
    lua_pushlstring(L, s, strlen(s));
}

LUA_API const char *lua_pushvfstring(lua_State *L, const char *fmt,
                                     va_list argp)
{
  const char *s;
  lu_gc_check(L);
  s = lu_str_pushvf(L, fmt, argp);
  if (LU_UNLIKELY(L->top >= L->maxstack)) lu_state_growstack1(L);
  return s;
}

LUA_API const char *lua_pushfstring(lua_State *L, const char *fmt, ...)
{
  const char *s;
  va_list argp;
  va_start(argp, fmt);
  s = lua_pushvfstring(L, fmt, argp);
  va_end(argp);
  return s;
}

LUA_API void lua_pushcclosure(lua_State *L, lua_CFunction f, int n)
{
  GCfunc *fn;
  int i;
  api_check(L, n >= 0 && n <= 255 && n <= (int)(L->top - L->base));
  if (LU_UNLIKELY(n < 0 || n > 255)) lu_err_str(L, "too many upvalues");
  lu_gc_check(L);
  fn = lu_func_newC(L, (MSize)n, api_curenv(L));
  fn->c.f = f;
  L->top -= n;
  for (i = 0; i < n; i++) copyTV(L, &fn->c.upvalue[i], L->top + i);
  setfuncV(L, L->top, fn);
  api_incr_top(L);
}

LUA_API void lua_pushboolean(lua_State *L, int b)
{
  setboolV(L->top, b != 0);
  api_incr_top(L);
}

LUA_API void lua_pushlightuserdata(lua_State *L, void *p)
{
  if (((uintptr_t)p & ~(uintptr_t)LU_GCVMASK) != 0)
    lu_err_msg(L, LU_ERR_BADLU);
  setlightudV(L->top, p);
  api_incr_top(L);
}

LUA_API int lua_pushthread(lua_State *L)
{
  setthreadV(L, L->top, L);
  api_incr_top(L);
  return L == G(L)->mainthread;
}

/* -- Get functions (Lua -> stack) ----------------------------------------- */

/* lu_vm_gettable pushed the result above the key: move it into the key's
** slot. */
static void api_replacekey(lua_State *L)
{
  copyTV(L, L->top - 2, L->top - 1);
  L->top--;
}

LUA_API void lua_gettable(lua_State *L, int idx)
{
  const TValue *t = api_index2adr(L, idx);
  api_check(L, L->top > L->base);
  lu_vm_gettable(L, t, L->top - 1);
  api_replacekey(L);
}

LUA_API void lua_getfield(lua_State *L, int idx, const char *k)
{
  TValue *t = api_index2adr(L, idx);
  TValue v = *t;   /* t may be g->tmptv, which interning cannot touch. */
  TValue key;
  lu_state_checkstack(L, 2);
  setstrV(L, &key, lu_str_newz(L, k));
  /* Anchor the key while metamethods may run. */
  copyTV(L, L->top, &key);
  L->top++;
  lu_vm_gettable(L, &v, &key);
  api_replacekey(L);
}

LUA_API void lua_rawget(lua_State *L, int idx)
{
  GCtab *t = api_tab(L, idx);
  const TValue *v = lu_tab_get(L, t, L->top - 1);
  copyTV(L, L->top - 1, v);
}

LUA_API void lua_rawgeti(lua_State *L, int idx, int n)
{
  GCtab *t = api_tab(L, idx);
  const TValue *v = lu_tab_getint(t, (int32_t)n);
  if (v != NULL)
    copyTV(L, L->top, v);
  else
    setnilV(L->top);
  api_incr_top(L);
}

LUA_API void lua_createtable(lua_State *L, int narr, int nrec)
{
  GCtab *t;
  lu_gc_check(L);
  t = lu_tab_new_ah(L, narr > 0 ? narr : 0, nrec > 0 ? nrec : 0);
  settabV(L, L->top, t);
  api_incr_top(L);
}

LUA_API void *lua_newuserdata(lua_State *L, size_t size)
{
  GCudata *ud;
  lu_gc_check(L);
  if (size > LU_MAX_STR) lu_err_msg(L, LU_ERR_UDATAOV);
  ud = lu_udata_new(L, (MSize)size, api_curenv(L));
  setudataV(L, L->top, ud);
  api_incr_top(L);
  return uddata(ud);
}

LUA_API int lua_getmetatable(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  GCtab *mt = NULL;
  if (tvistab(o))
    mt = tabV(o)->metatable;
  else if (tvisudata(o))
    mt = udataV(o)->metatable ? &udataV(o)->metatable->tab : NULL;
  else if (api_valid(o))
    mt = lu_meta_getmt(L, o);
  if (mt == NULL) return 0;
  settabV(L, L->top, mt);
  api_incr_top(L);
  return 1;
}

LUA_API void lua_getfenv(lua_State *L, int idx)
{
  const TValue *o = api_index2adr(L, idx);
  GCobj *env = NULL;
  if (tvisfunc(o))
    env = funcV(o)->c.env;
  else if (tvisudata(o))
    env = udataV(o)->env;
  else if (tvisthread(o))
    env = obj2gco(threadV(o)->env);
  if (env != NULL)
    settabV(L, L->top, &env->tab);
  else
    setnilV(L->top);
  api_incr_top(L);
}

/* -- Set functions (stack -> Lua) ----------------------------------------- */

LUA_API void lua_settable(lua_State *L, int idx)
{
  const TValue *t = api_index2adr(L, idx);
  api_check(L, L->top - L->base >= 2);
  lu_vm_settable(L, t, L->top - 2, L->top - 1);
  L->top -= 2;
}

LUA_API void lua_setfield(lua_State *L, int idx, const char *k)
{
  TValue *t = api_index2adr(L, idx);
  TValue v = *t;
  TValue key;
  api_check(L, L->top > L->base);
  lu_state_checkstack(L, 1);
  setstrV(L, &key, lu_str_newz(L, k));
  copyTV(L, L->top, &key);  /* Anchor the key above the value. */
  L->top++;
  lu_vm_settable(L, &v, L->top - 1, L->top - 2);
  L->top -= 2;
}

LUA_API void lua_rawset(lua_State *L, int idx)
{
  GCtab *t = api_tab(L, idx);
  TValue *slot;
  api_check(L, L->top - L->base >= 2);
  slot = lu_tab_set(L, t, L->top - 2);
  copyTV(L, slot, L->top - 1);
  lu_gc_anybarriert(L, t);
  L->top -= 2;
}

LUA_API void lua_rawseti(lua_State *L, int idx, int n)
{
  GCtab *t = api_tab(L, idx);
  TValue *slot;
  api_check(L, L->top > L->base);
  slot = lu_tab_setint(L, t, (int32_t)n);
  copyTV(L, slot, L->top - 1);
  lu_gc_barriert(L, t, L->top - 1);
  L->top--;
}

/* Base-type metatables live in g->basemt, indexed by the low 4 bits of the
** type's k (~itype); numbers use LU_TNUMX's slot. Both booleans share one
** metatable, so it is stored in the slots of false and true. */
#define api_basemt_idx(it)   ((~(uint32_t)(it)) & 15)

LUA_API int lua_setmetatable(lua_State *L, int idx)
{
  TValue *o = api_index2adr(L, idx);
  GCtab *mt = NULL;
  api_check(L, L->top > L->base);
  if (tvistab(L->top - 1))
    mt = tabV(L->top - 1);
  else
    api_check(L, tvisnil(L->top - 1));
  if (tvistab(o)) {
    tabV(o)->metatable = mt;
    if (mt != NULL) lu_gc_objbarriert(L, tabV(o), mt);
  } else if (tvisudata(o)) {
    udataV(o)->metatable = obj2gco(mt);
    if (mt != NULL) lu_gc_objbarrier(L, udataV(o), mt);
  } else if (api_valid(o)) {
    global_State *g = G(L);
    if (tvisnumber(o)) {
      g->basemt[api_basemt_idx(LU_TNUMX)] = mt;
    } else if (tvisbool(o)) {
      g->basemt[api_basemt_idx(LU_TFALSE)] = mt;
      g->basemt[api_basemt_idx(LU_TTRUE)] = mt;
    } else {
      g->basemt[api_basemt_idx(itype(o))] = mt;
    }
  }
  L->top--;
  return 1;
}

LUA_API int lua_setfenv(lua_State *L, int idx)
{
  TValue *o = api_index2adr(L, idx);
  GCtab *t;
  api_check(L, L->top > L->base && tvistab(L->top - 1));
  if (!tvistab(L->top - 1)) {
    L->top--;
    return 0;
  }
  t = tabV(L->top - 1);
  if (tvisfunc(o)) {
    funcV(o)->c.env = obj2gco(t);
    lu_gc_objbarrier(L, funcV(o), t);
  } else if (tvisudata(o)) {
    udataV(o)->env = obj2gco(t);
    lu_gc_objbarrier(L, udataV(o), t);
  } else if (tvisthread(o)) {
    threadV(o)->env = t;
    lu_gc_objbarrier(L, threadV(o), t);
  } else {
    L->top--;
    return 0;
  }
  L->top--;
  return 1;
}

/* -- Calls and loading ---------------------------------------------------- */

LUA_API void lua_call(lua_State *L, int nargs, int nresults)
{
  api_check(L, nargs >= 0 && nargs < (int)(L->top - L->base));
  api_check(L, nresults >= LUA_MULTRET);
  lu_vm_call(L, L->top - nargs - 1, nresults);
}

LUA_API int lua_pcall(lua_State *L, int nargs, int nresults, int errfunc)
{
  ptrdiff_t ef = 0;
  api_check(L, nargs >= 0 && nargs < (int)(L->top - L->base));
  api_check(L, nresults >= LUA_MULTRET);
  if (errfunc != 0) {
    TValue *o = api_index2adr(L, errfunc);
    api_check(L, api_valid(o) && o >= L->stack && o < L->top);
    ef = (char *)o - (char *)L->stack;
  }
  return lu_vm_pcall(L, L->top - nargs - 1, nresults, ef);
}

/* The C-level body of lua_cpcall: call func(ud) as a C function with one
** light userdata argument, discarding the results. */
static TValue *api_cpcall(lua_State *L, lua_CFunction func, void *ud)
{
  GCfunc *fn;
  TValue *base;
  lu_state_checkstack(L, 2);
  fn = lu_func_newC(L, 0, api_curenv(L));
  fn->c.f = func;
  base = L->top;
  setfuncV(L, L->top, fn);
  L->top++;
  setlightudV(L->top, ud);
  L->top++;
  lu_vm_call(L, base, 0);
  return NULL;
}

LUA_API int lua_cpcall(lua_State *L, lua_CFunction func, void *ud)
{
  return lu_vm_cpcall(L, func, ud, api_cpcall);
}

LUA_API int lua_loadx(lua_State *L, lua_Reader reader, void *data,
                      const char *chunkname, const char *mode)
{
  lu_state_checkstack(L, 2);
  return lu_parse_load(L, reader, data, chunkname ? chunkname : "?", mode);
}

LUA_API int lua_load(lua_State *L, lua_Reader reader, void *data,
                     const char *chunkname)
{
  return lua_loadx(L, reader, data, chunkname, NULL);
}

/* Dump the Lua function at the top of the stack in LuaJIT's bytecode
** format (with debug info, as LuaJIT's lua_dump); 1 if it is not a Lua
** function, else the writer's first nonzero status or 0. */
LUA_API int lua_dump(lua_State *L, lua_Writer writer, void *data)
{
  const TValue *o = L->top - 1;
  api_check(L, L->top > L->base);
  if (!tvisfunc(o) || !isluafunc(funcV(o))) return 1;
  return lu_bcwrite(L, funcproto(funcV(o)), writer, data, 0);
}

/* -- Coroutines ----------------------------------------------------------- */

LUA_API int lua_yield(lua_State *L, int nresults)
{
  return lu_vm_yield(L, nresults);
}

LUA_API int lua_resume(lua_State *L, int nargs)
{
  return lu_vm_resume(L, nargs);
}

LUA_API int lua_status(lua_State *L)
{
  return L->status;
}

/* A yield is possible when the innermost C frame is the resume that runs
** this coroutine: no C call (lua_call, lua_pcall, a metamethod called from
** C) sits in between. */
LUA_API int lua_isyieldable(lua_State *L)
{
  return lu_vm_isyieldable(L);
}

/* -- Garbage collection and miscellaneous --------------------------------- */

LUA_API int lua_gc(lua_State *L, int what, int data)
{
  return lu_gc_api(L, what, data);
}

LUA_API int lua_error(lua_State *L)
{
  api_check(L, L->top > L->base);
  lu_err_run(L);
  return 0;  /* Not reached. */
}

LUA_API int lua_next(lua_State *L, int idx)
{
  GCtab *t = api_tab(L, idx);
  int more;
  api_check(L, L->top > L->base);
  lu_state_checkstack(L, 1);
  more = lu_tab_next(L, t, L->top - 1);
  if (more)
    L->top++;   /* Key at top-2, value at top-1. */
  else
    L->top--;   /* Pop the key. */
  return more;
}

LUA_API void lua_concat(lua_State *L, int n)
{
  api_check(L, n >= 0 && n <= (int)(L->top - L->base));
  if (n >= 2) {
    lu_gc_check(L);
    lu_vm_concat(L, n);
  } else if (n == 0) {
    setstrV(L, L->top, G(L)->strempty);
    api_incr_top(L);
  }
}

LUA_API lua_Alloc lua_getallocf(lua_State *L, void **ud)
{
  if (ud != NULL) *ud = G(L)->allocd;
  return G(L)->allocf;
}

LUA_API void lua_setallocf(lua_State *L, lua_Alloc f, void *ud)
{
  G(L)->allocf = f;
  G(L)->allocd = ud;
}

LUA_API const lua_Number *lua_version(lua_State *L)
{
  static const lua_Number version = LUA_VERSION_NUM;
  (void)L;
  return &version;
}

/* -- LuaJIT extensions ---------------------------------------------------- */

/* The JIT compiler does not exist yet (phase 3): turning the engine on or
** off is accepted and remembered in the registry field "_LUNAR_JIT" so
** that the jit library can report it; the other modes are accepted too. */
LUA_API int luaJIT_setmode(lua_State *L, int idx, int mode)
{
  int m = mode & LUAJIT_MODE_MASK;
  (void)idx;
  if (m == LUAJIT_MODE_ENGINE) {
    if (mode & LUAJIT_MODE_FLUSH) return 1;
    lua_pushboolean(L, (mode & LUAJIT_MODE_ON) != 0);
    lua_setfield(L, LUA_REGISTRYINDEX, "_LUNAR_JIT");
    return 1;
  }
  return m < LUAJIT_MODE_MAX;
}

/* Referenced by luajit.h users to detect a version mismatch at link time. */
LUA_API void LUAJIT_VERSION_SYM(void)
{
}

/* The sampling profiler needs timer-driven VM support that lunar does not
** have yet: starting it raises a "not implemented" error; stopping is a
** no-op and stack dumps are empty. */
LUA_API void luaJIT_profile_start(lua_State *L, const char *mode,
                                  luaJIT_profile_callback cb, void *data)
{
  (void)mode;
  (void)cb;
  (void)data;
  lu_err_str(L, "luaJIT_profile_start: the profiler is not implemented");
}

LUA_API void luaJIT_profile_stop(lua_State *L)
{
  (void)L;
}

LUA_API const char *luaJIT_profile_dumpstack(lua_State *L, const char *fmt,
                                             int depth, size_t *len)
{
  (void)L;
  (void)fmt;
  (void)depth;
  if (len != NULL) *len = 0;
  return "";
}
