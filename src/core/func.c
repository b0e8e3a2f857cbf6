/*
** lunar: function prototypes, closures and upvalues (see func.h).
**
** Open upvalues are not on gc.root. Each one is on two lists at once:
**   - its thread's L->openupval, chained through GCHeader.nextgc and sorted
**     by slot address, highest first, so that closing the upvalues of a
**     dying frame only looks at the head of the list;
**   - the global list anchored at GG_State.uvhead, chained through
**     uv.prev / uv.next, which the GC walks in its atomic phase to mark the
**     values of open upvalues whose thread it may never traverse.
** Closing an upvalue unlinks it from both, copies the value into uv.tv
** (which overlays prev/next) and links it into gc.root like any object.
** The GC sweeps a thread's open upvalue list together with the thread.
*/
#include "func.h"
#include "mem.h"
#include "gc.h"
#include "err.h"
#include "state.h"

const BCIns lu_func_cins[2] = {
  BCINS_AD(BC_FUNCC, LUA_MINSTACK, 0),
  BCINS_AD(BC_FUNCCW, LUA_MINSTACK, 0)
};

/* -- Prototypes ---------------------------------------------------------- */

GCproto *lu_func_newproto(lua_State *L, MSize sizept)
{
  GCproto *pt;
  lu_assert(sizept >= sizeof(GCproto), "prototype block too small");
  pt = &lu_mem_newgco(L, sizept)->pt;
  memset((char *)pt + offsetof(GCproto, gct), 0,
         sizept - offsetof(GCproto, gct));
  pt->gct = LU_GCT_PROTO;
  pt->sizept = sizept;
  return pt;
}

void lu_func_freeproto(global_State *g, GCproto *pt)
{
  lu_mem_free(g, pt, pt->sizept);
}

/* -- Upvalues ------------------------------------------------------------ */

/* A disambiguation hash for an upvalue: different upvalues should rarely
** share one (the JIT uses it to tell upvalues apart cheaply). */
static uint32_t func_dhash(const void *p, uint32_t salt)
{
  uint64_t x = (uint64_t)(uintptr_t)p ^ ((uint64_t)salt << 32);
  x ^= x >> 29;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 32;
  return (uint32_t)x;
}

/* Unlink an open upvalue from the global list of open upvalues. */
static void func_unlinkuv(GCupval *uv)
{
  uv->prev->next = uv->next;
  uv->next->prev = uv->prev;
}

GCupval *lu_func_finduv(lua_State *L, TValue *slot)
{
  global_State *g = G(L);
  GCupval **pp = &L->openupval;
  GCupval *p;
  GCupval *uv;
  GCupval *head;
  while ((p = *pp) != NULL && p->v >= slot) {
    if (p->v == slot) {
      if (isdead(g, obj2gco(p)))   /* Unreached but wanted again. */
        flipwhite(obj2gco(p));
      return p;
    }
    pp = (GCupval **)&p->nextgc;
  }
  /* Not found: make a new open upvalue and insert it at pp. */
  uv = (GCupval *)lu_mem_new(L, sizeof(GCupval));
  memset(uv, 0, sizeof(GCupval));
  uv->gct = LU_GCT_UPVAL;
  uv->marked = lu_mem_curwhite(g);
  uv->closed = 0;
  uv->v = slot;
  uv->dhash = func_dhash(uv, (uint32_t)(slot - L->stack));
  uv->nextgc = obj2gco(*pp);
  *pp = uv;
  head = &G2GG(g)->uvhead;
  uv->prev = head;
  uv->next = head->next;
  head->next->prev = uv;
  head->next = uv;
  return uv;
}

void lu_func_closeuv(lua_State *L, TValue *level)
{
  global_State *g = G(L);
  GCupval *uv;
  while ((uv = L->openupval) != NULL && uv->v >= level) {
    GCobj *o = obj2gco(uv);
    L->openupval = (GCupval *)uv->nextgc;
    func_unlinkuv(uv);
    if (isdead(g, o)) {
      lu_func_freeuv(g, uv);
    } else {
      uv->tv = *uv->v;
      uv->v = &uv->tv;
      uv->closed = 1;
      uv->nextgc = g->gc.root;
      g->gc.root = o;
      lu_gc_closeuv(g, uv);
    }
  }
}

void lu_func_freeuv(global_State *g, GCupval *uv)
{
  lu_mem_free(g, uv, sizeof(GCupval));
}

/* -- Closures ------------------------------------------------------------ */

GCfunc *lu_func_newC(lua_State *L, MSize nupvalues, GCtab *env)
{
  GCfunc *fn;
  MSize i;
  lu_assert(nupvalues <= 255, "too many C upvalues");
  fn = &lu_mem_newgco(L, sizeCfunc(nupvalues))->fn;
  fn->c.gct = LU_GCT_FUNC;
  fn->c.ffid = FF_C;
  fn->c.nupvalues = (uint8_t)nupvalues;
  fn->c.env = obj2gco(env);
  fn->c.gclist = NULL;
  fn->c.pc = &lu_func_cins[0];
  fn->c.f = NULL;
  for (i = 0; i < nupvalues; i++)
    setnilV(&fn->c.upvalue[i]);
  return fn;
}

/* A Lua closure of pt with all upvalue pointers NULL: the GC tolerates
** NULL upvalues, so the closure is safe to sweep if filling it throws.
** Inlined into both callers (FNEW's path is hot). */
static LU_AINLINE GCfunc *func_newL(lua_State *L, GCproto *pt, GCtab *env)
{
  MSize nuv = pt->sizeuv;
  MSize i;
  GCfunc *fn = &lu_mem_newgco(L, sizeLfunc(nuv))->fn;
  fn->l.gct = LU_GCT_FUNC;
  fn->l.ffid = FF_LUA;
  fn->l.nupvalues = (uint8_t)nuv;
  fn->l.env = obj2gco(env);
  fn->l.gclist = NULL;
  fn->l.pc = proto_bc(pt);
  for (i = 0; i < nuv; i++) {
    /* A plain loop: gcc would use rep stos, whose start-up costs far more
    ** than the one to three stores a closure usually needs. */
    __asm__("" : "+r"(i));
    fn->l.uvptr[i] = NULL;
  }
  return fn;
}

GCfunc *lu_func_newL_empty(lua_State *L, GCproto *pt, GCtab *env)
{
  GCfunc *fn = func_newL(L, pt, env);
  MSize i;
  for (i = 0; i < fn->l.nupvalues; i++) {
    GCupval *uv = &lu_mem_newgco(L, sizeof(GCupval))->uv;
    uv->gct = LU_GCT_UPVAL;
    uv->closed = 1;
    uv->immutable = 0;
    setnilV(&uv->tv);
    uv->v = &uv->tv;
    uv->dhash = func_dhash(uv, i);
    fn->l.uvptr[i] = uv;
  }
  return fn;
}

GCfunc *lu_func_newL_gc(lua_State *L, GCproto *pt, GCfuncL *parent,
                        TValue *base)
{
  GCfunc *fn = func_newL(L, pt, &parent->env->tab);
  MSize i;
  for (i = 0; i < fn->l.nupvalues; i++) {
    uint16_t desc = pt->uv[i];
    GCupval *uv;
    if (desc & PROTO_UV_LOCAL) {
      uv = lu_func_finduv(L, base + (desc & 0xff));
      if (desc & PROTO_UV_IMMUTABLE) uv->immutable = 1;
    } else {
      uv = parent->uvptr[desc & 0xff];
    }
    fn->l.uvptr[i] = uv;
  }
  return fn;
}

void lu_func_free(global_State *g, GCfunc *fn)
{
  lu_mem_free(g, fn, lu_func_size(fn));
}
