/*
** lunar: the garbage collector.
**
** -- The cycle ------------------------------------------------------------
**
** An incremental tri-colour mark and sweep collector with Lua 5.1's
** semantics. A cycle walks through the states
**
**   pause -> propagate -> atomic -> sweepstring -> sweep -> finalize -> pause
**
**   pause        nothing to do; the next step marks the roots (the main
**                thread, its environment, the registry, the base
**                metatables) gray.
**   propagate    one gray object per unit of work: turn it black and mark
**                (gray) every white object it refers to.
**   atomic       one indivisible step: re-traverse what may have changed
**                without a barrier (threads, weak tables, tables hit by the
**                backward barrier, open upvalues), separate unreachable
**                userdata with __gc, resurrect them, clear weak tables,
**                then flip the current white.
**   sweepstring  one chain of the string table per unit of work.
**   sweep        GCSWEEPMAX objects of gc.root per unit of work: objects
**                with the old white die, the others are made (new) white.
**   finalize     one pending __gc per unit of work.
**
** -- Colours --------------------------------------------------------------
**
** White: not reached (yet). Gray: reached, its references not yet marked
** (on one of the lists gray, grayagain, weak). Black: reached and
** traversed. Two whites alternate: at the end of the atomic phase the
** current white flips, so every object still carrying the old white is
** garbage, and objects allocated during the sweep (new white) survive it.
** Strings and userdata are never gray (they are blackened when marked);
** threads and weak tables stay gray for the whole cycle (they are always
** re-traversed by the atomic phase); open upvalues stay gray (their value
** lives in a stack and changes without barrier).
**
** The invariant "no black object points to a white one" holds during
** propagate and atomic; the write barriers of gc.h keep it. During the
** sweep the barriers only whiten the black object they see.
**
** -- Lists ----------------------------------------------------------------
**
** gc.root      every object except strings (in the string table) and open
**              upvalues (on their thread's openupval list). The main thread
**              is the first object ever linked, so it sits at the end of
**              the list; userdata are inserted right after it, so they form
**              the tail of gc.root and separating them does not walk the
**              whole heap.
** gc.mmudata   userdata waiting for their __gc, a circular list through
**              nextgc; gc.mmudata points at the last one.
** gray, grayagain, weak: chained through each object's gclist field.
**
** -- Weak tables ----------------------------------------------------------
**
** A table whose metatable has __mode containing 'k' and/or 'v' does not
** mark its weak parts. After the atomic phase, entries whose weak key or
** value is a white object are cleared (the value becomes nil; the key stays
** as a dead key so that next() keeps working). Strings are values, not
** references: they are never cleared (and get marked here). A finalized
** userdata is cleared from weak values but kept as a weak key (Lua 5.1).
*/
#include "gc.h"
#include "mem.h"
#include "str.h"
#include "tab.h"
#include "func.h"
#include "udata.h"
#include "err.h"
#include "state.h"
#include "../vm/vm.h"

#define GCSTEPSIZE      1024u   /* Bytes of work per step unit. */
#define GCSWEEPMAX      40      /* Objects swept per step. */
#define GCSWEEPCOST     10      /* Work charged per object swept. */
#define GCSWEEPSTRMAX   16      /* String chains swept per step unit. */
#define GCFINALIZECOST  100     /* Work charged per finalizer. */

#define GC_NOTHRESHOLD  ((size_t)-1)  /* collectgarbage("stop"). */

/* Only during propagate and atomic do the colours mean anything. */
#define gc_keepinvariant(g) \
  ((g)->gc.state == GCSpropagate || (g)->gc.state == GCSatomic)

#define gray2black(o)   ((o)->gch.marked |= LU_GC_BLACK)

/* -- Marking --------------------------------------------------------------- */

static void gc_mark(global_State *g, GCobj *o);

/* Tables and strings, the most common references, are marked right here
** (tables go gray, strings black); the other types through gc_mark. */
static LU_AINLINE void gc_markfast(global_State *g, GCobj *o)
{
  if (o->gch.gct == LU_GCT_TAB) {
    o->gch.marked &= (uint8_t)~LU_GC_WHITES;
    o->tab.gclist = g->gc.gray;
    g->gc.gray = o;
  } else if (o->gch.gct == LU_GCT_STR) {
    o->gch.marked = (uint8_t)((o->gch.marked & ~LU_GC_WHITES) | LU_GC_BLACK);
  } else {
    gc_mark(g, o);
  }
}

#define gc_marktv(g, tv) \
  do { if (tvisgcv(tv) && iswhite(gcval(tv))) gc_markfast((g), gcval(tv)); } \
  while (0)
#define gc_markobj(g, o) \
  do { if ((o) != NULL && iswhite(obj2gco(o))) gc_mark((g), obj2gco(o)); } \
  while (0)

/* The gclist field of an object that can be gray. */
static GCobj **gc_gclistp(GCobj *o)
{
  switch (o->gch.gct) {
  case LU_GCT_TAB:    return &o->tab.gclist;
  case LU_GCT_FUNC:   return &o->fn.c.gclist;
  case LU_GCT_THREAD: return &o->th.gclist;
  case LU_GCT_PROTO:  return &o->pt.gclist;
  case LU_GCT_UDATA:  return &o->ud.gclist;
  default:
    lu_assert(0, "object type without gclist");
    return NULL;
  }
}

/* Mark a white object: leaves (strings, userdata, closed upvalues) turn
** black at once, everything else turns gray and goes on the gray list. */
static void gc_mark(global_State *g, GCobj *o)
{
  lu_assert(iswhite(o), "marking a non-white object");
  o->gch.marked &= (uint8_t)~LU_GC_WHITES;
  switch (o->gch.gct) {
  case LU_GCT_STR:
    gray2black(o);
    break;
  case LU_GCT_UPVAL: {
    GCupval *uv = &o->uv;
    gc_marktv(g, uv->v);
    if (uv->closed) gray2black(o);  /* Open upvalues stay gray. */
    break;
  }
  case LU_GCT_UDATA:
    gray2black(o);
    gc_markobj(g, o->ud.metatable);
    gc_markobj(g, o->ud.env);
    break;
  case LU_GCT_CDATA:   /* Its type lives in the FFI's table. */
    gray2black(o);
    gc_markobj(g, o->cd.owner);  /* Owners are never references. */
    break;
  default: {
    GCobj **lp = gc_gclistp(o);
    *lp = g->gc.gray;
    g->gc.gray = o;
    break;
  }
  }
}

/* The roots that are not reached from the main thread. */
static void gc_mark_gcroot(global_State *g)
{
  size_t i;
  gc_marktv(g, &g->registrytv);
  for (i = 0; i < lu_countof(g->basemt); i++)
    gc_markobj(g, g->basemt[i]);
}

/* Start a cycle: reset the lists, mark the roots. */
static void gc_mark_start(global_State *g)
{
  g->gc.gray = NULL;
  g->gc.grayagain = NULL;
  g->gc.weak = NULL;
  gc_markobj(g, obj2gco(g->mainthread));
  gc_markobj(g, g->mainthread->env);
  gc_mark_gcroot(g);
  g->gc.state = GCSpropagate;
}

/* Mark the values of open upvalues that were reached (gray): their thread
** may be unreachable, so nobody else marks those stack slots. */
static void gc_mark_openuv(global_State *g)
{
  GCupval *head = &G2GG(g)->uvhead;
  GCupval *uv;
  for (uv = head->next; uv != head; uv = uv->next) {
    lu_assert(!uv->closed, "closed upvalue on the open list");
    if (isgray(obj2gco(uv)))
      gc_marktv(g, uv->v);
  }
}

/* Mark every userdata waiting for finalization (they are resurrected). */
static void gc_mark_mmudata(global_State *g)
{
  GCobj *last = g->gc.mmudata;
  GCobj *o;
  if (last == NULL) return;
  o = last;
  do {
    o = o->gch.nextgc;
    makewhite(g, o);
    gc_mark(g, o);
  } while (o != last);
}

/* -- Traversal ------------------------------------------------------------- */

/* The weak mode of table t (from its metatable's __mode), as GC bits. */
static uint8_t gc_weakmode(global_State *g, GCtab *t)
{
  GCtab *mt = t->metatable;
  const TValue *mode;
  uint8_t weak = 0;
  if (mt == NULL || g->gcname[MM_mode] == NULL) return 0;
  mode = lu_tab_getstr(mt, g->gcname[MM_mode]);
  if (mode != NULL && tvisstr(mode)) {
    GCstr *s = strV(mode);
    if (memchr(strdata(s), 'k', s->len)) weak |= LU_GC_WEAKKEY;
    if (memchr(strdata(s), 'v', s->len)) weak |= LU_GC_WEAKVAL;
  }
  return weak;
}

static size_t gc_traverse_tab(global_State *g, GCtab *t)
{
  GCobj *o = obj2gco(t);
  uint8_t weak = gc_weakmode(g, t);
  size_t size = sizeof(GCtab) + (size_t)t->asize * sizeof(TValue);
  MSize i;
  gc_markobj(g, t->metatable);
  t->marked = (uint8_t)((t->marked & ~LU_GC_WEAK) | weak);
  if (t->node != NULL && t->node != lu_tab_nilnode)
    size += ((size_t)t->hmask + 1) * sizeof(Node);
  if (weak) {  /* Keep it gray, on the weak list, for clearing. */
    black2gray(o);
    t->gclist = g->gc.weak;
    g->gc.weak = o;
    if (weak == LU_GC_WEAK) return size;
  }
  if (!(weak & LU_GC_WEAKVAL)) {
    for (i = 0; i < t->asize; i++)
      gc_marktv(g, &t->array[i]);
  }
  if (t->node != NULL) {
    for (i = 0; i <= t->hmask; i++) {
      Node *n = &t->node[i];
      if (tvisnil(&n->val)) continue;  /* Dead key: not a reference. */
      if (!(weak & LU_GC_WEAKKEY)) gc_marktv(g, &n->key);
      if (!(weak & LU_GC_WEAKVAL)) gc_marktv(g, &n->val);
    }
  }
  return size;
}

static size_t gc_traverse_func(global_State *g, GCfunc *fn)
{
  MSize i;
  gc_markobj(g, fn->c.env);
  if (isluafunc(fn)) {
    gc_markobj(g, funcproto(fn));
    for (i = 0; i < fn->l.nupvalues; i++)
      gc_markobj(g, fn->l.uvptr[i]);
    return sizeLfunc(fn->l.nupvalues);
  }
  for (i = 0; i < fn->c.nupvalues; i++)
    gc_marktv(g, &fn->c.upvalue[i]);
  return sizeCfunc(fn->c.nupvalues);
}

static size_t gc_traverse_proto(global_State *g, GCproto *pt)
{
  MSize i;
  gc_markobj(g, pt->chunkname);
  if (pt->k != NULL) {
    for (i = 0; i < pt->sizekgc; i++)
      gc_markobj(g, proto_kgc(pt, i));
  }
  if (pt->varinfo != NULL) {
    for (i = 0; i < pt->sizevarinfo; i++)
      gc_markobj(g, pt->varinfo[i].name);
  }
  return pt->sizept;
}

/* The highest stack slot that may hold a live value: L->top, or the end
** of the current Lua frame if that is higher. */
static TValue *gc_thread_top(lua_State *th)
{
  TValue *top = th->top;
  TValue *base = th->base;
  TValue *end = th->stack + th->stacksize;
  if (base != NULL && base >= th->stack + 2 && base <= end) {
    TValue *f = frame_func(base);
    if (tvisfunc(f) && isluafunc(funcV(f))) {
      TValue *ftop = base + funcproto(funcV(f))->framesize;
      if (ftop > top) top = ftop;
    }
  }
  if (top > end) top = end;
  return top;
}

/* Mark a thread's stack and environment. In the atomic phase, clear the
** unused part of the stack, so that stale slots never keep (or later
** point to) dead objects. */
static size_t gc_traverse_thread(global_State *g, lua_State *th)
{
  TValue *o, *top, *end;
  gc_markobj(g, th->env);
  if (th->stack == NULL) return sizeof(lua_State);
  top = gc_thread_top(th);
  end = th->stack + th->stacksize;
  for (o = th->stack; o < top; o++)
    gc_marktv(g, o);
  if (g->gc.state == GCSatomic) {
    for (; o < end; o++)
      setnilV(o);
  }
  return sizeof(lua_State) + (size_t)th->stacksize * sizeof(TValue);
}

/* Traverse the first gray object; returns the work done (bytes). */
static size_t gc_propagate_one(global_State *g)
{
  GCobj *o = g->gc.gray;
  GCobj **lp;
  if (LU_LIKELY(o->gch.gct == LU_GCT_TAB)) {
    g->gc.gray = o->tab.gclist;
    gray2black(o);
    return gc_traverse_tab(g, &o->tab);
  }
  lp = gc_gclistp(o);
  g->gc.gray = *lp;
  gray2black(o);
  switch (o->gch.gct) {
  case LU_GCT_FUNC:
    return gc_traverse_func(g, &o->fn);
  case LU_GCT_PROTO:
    return gc_traverse_proto(g, &o->pt);
  case LU_GCT_THREAD:
    black2gray(o);  /* Threads stay gray: re-traversed in atomic. */
    *lp = g->gc.grayagain;
    g->gc.grayagain = o;
    return gc_traverse_thread(g, &o->th);
  default:
    lu_assert(0, "bad object on the gray list");
    return 0;
  }
}

static size_t gc_propagate_all(global_State *g)
{
  size_t work = 0;
  while (g->gc.gray != NULL)
    work += gc_propagate_one(g);
  return work;
}

/* -- Finalization: separating userdata ------------------------------------- */

/* The __gc metamethod of userdata ud, or NULL. cdata share the cdata
** base metatable, whose __gc (src/lib/ffi.c) runs the finalizer that
** ffi.gc or a metatype registered; only cdata flagged CDF_FIN get here. */
static const TValue *gc_udata_gcmm(global_State *g, GCudata *ud)
{
  const TValue *mo;
  GCobj *mt = ud->gct == LU_GCT_CDATA ?
              obj2gco(g->basemt[~LU_TCDATA & 15]) : ud->metatable;
  if (mt == NULL || g->gcname[MM_gc] == NULL) return NULL;
  mo = lu_tab_getstr(&mt->tab, g->gcname[MM_gc]);
  return (mo != NULL && !tvisnil(mo)) ? mo : NULL;
}

#define CDF_FIN  0x01   /* As in src/ffi/cdata.h: has a finalizer. */

/* Append o to the circular mmudata list. */
static void gc_mmudata_append(global_State *g, GCobj *o)
{
  GCobj *last = g->gc.mmudata;
  if (last == NULL) {
    o->gch.nextgc = o;
  } else {
    o->gch.nextgc = last->gch.nextgc;
    last->gch.nextgc = o;
  }
  g->gc.mmudata = o;
}

/* Move userdata with a __gc metamethod to mmudata: the unreached ones, or
** all of them (all != 0, state close). Every userdata looked at is marked
** FINALIZED, so it is never considered again. Returns the bytes moved. */
static size_t gc_separate(global_State *g, int all)
{
  GCobj **p = &g->mainthread->nextgc;
  GCobj *o;
  size_t moved = 0;
  while ((o = *p) != NULL) {
    GCudata *ud = &o->ud;
    lu_assert(o->gch.gct == LU_GCT_UDATA || o->gch.gct == LU_GCT_CDATA,
              "non-userdata after main thread");
    if (!(all || iswhite(o)) || isfinalized(ud)) {
      p = &o->gch.nextgc;
    } else if ((o->gch.gct == LU_GCT_CDATA && !(o->cd.flags & CDF_FIN)) ||
               gc_udata_gcmm(g, ud) == NULL) {
      ud->marked |= LU_GC_FINALIZED;  /* Nothing to run. */
      p = &o->gch.nextgc;
    } else {
      ud->marked |= LU_GC_FINALIZED;
      *p = o->gch.nextgc;
      gc_mmudata_append(g, o);
      moved += o->gch.gct == LU_GCT_CDATA ? sizeof(GCcdata) + o->cd.len :
               lu_udata_size(ud);
    }
  }
  return moved;
}

static void gc_finish_sweep(lua_State *L);

void lu_gc_separate_all(lua_State *L)
{
  global_State *g = G(L);
  gc_finish_sweep(L);  /* No cycle in progress when finalizers run. */
  g->gc.state = GCSpause;
  gc_separate(g, 1);
}

/* -- Weak tables ----------------------------------------------------------- */

/* May the weak reference o be cleared? Strings are never cleared (they
** are marked instead). isval: o is a value (finalized userdata go). */
static int gc_mayclear(global_State *g, const TValue *o, int isval)
{
  if (!tvisgcv(o)) return 0;
  if (tvisstr(o)) {
    GCobj *s = gcval(o);
    if (iswhite(s)) gc_mark(g, s);
    return 0;
  }
  if (iswhite(gcval(o))) return 1;
  if (isval && tvisudata(o) && isfinalized(udataV(o))) return 1;
  return 0;
}

static void gc_clearweak(global_State *g, GCobj *o)
{
  while (o != NULL) {
    GCtab *t = &o->tab;
    uint8_t weak = t->marked & LU_GC_WEAK;
    MSize i;
    if (weak & LU_GC_WEAKVAL) {
      for (i = 0; i < t->asize; i++) {
        if (gc_mayclear(g, &t->array[i], 1))
          setnilV(&t->array[i]);
      }
    }
    if (t->node != NULL) {
      for (i = 0; i <= t->hmask; i++) {
        Node *n = &t->node[i];
        if (tvisnil(&n->val)) continue;
        if (((weak & LU_GC_WEAKKEY) && gc_mayclear(g, &n->key, 0)) ||
            ((weak & LU_GC_WEAKVAL) && gc_mayclear(g, &n->val, 1)))
          setnilV(&n->val);
      }
    }
    o = t->gclist;
  }
}

/* -- Atomic phase ---------------------------------------------------------- */

/* Give back the unused part of big thread stacks (a coroutine that once
** recursed deeply keeps its stack otherwise). At the end of the atomic
** phase gc.grayagain lists every reached thread (threads stay gray and
** each traversal puts them back). Only threads that nothing is running on
** are shrunk: cframe NULL means no interpreter activation or C function
** of this thread is in progress (a suspended, dead or unstarted coroutine,
** an idle main thread), and the thread running this step (L, whose C
** callers may hold stack pointers across lu_gc_check) is skipped. A
** resumer has a cframe, so it is never shrunk under a running coroutine.
** lu_state_shrinkstack never throws. */
static void gc_shrinkstacks(lua_State *L)
{
  global_State *g = G(L);
  GCobj *o;
  for (o = g->gc.grayagain; o != NULL; o = *gc_gclistp(o)) {
    if (o->gch.gct == LU_GCT_THREAD && &o->th != L && o->th.cframe == NULL)
      lu_state_shrinkstack(&o->th, 0);
  }
}

/* Finish marking in one step. Returns the bytes of userdata that were
** separated for finalization (they are not counted as live). */
static size_t gc_atomic(lua_State *L)
{
  global_State *g = G(L);
  size_t udsize;
  g->gc.state = GCSatomic;
  gc_propagate_all(g);
  gc_mark_openuv(g);
  gc_propagate_all(g);
  /* Re-traverse weak tables, the running thread and the roots. */
  g->gc.gray = g->gc.weak;
  g->gc.weak = NULL;
  gc_markobj(g, obj2gco(L));
  gc_markobj(g, g->mainthread->env);
  gc_mark_gcroot(g);
  gc_propagate_all(g);
  /* Re-traverse threads and tables hit by the backward barrier. */
  g->gc.gray = g->gc.grayagain;
  g->gc.grayagain = NULL;
  gc_propagate_all(g);
  /* Separate unreached userdata with __gc; resurrect all pending ones. */
  udsize = gc_separate(g, 0);
  gc_mark_mmudata(g);
  gc_propagate_all(g);
  gc_clearweak(g, g->gc.weak);
  gc_shrinkstacks(L);
  /* Flip the current white: everything still carrying the old one dies. */
  g->gc.currentwhite = (uint8_t)otherwhite(g);
  g->gc.grayagain = NULL;
  g->gc.weak = NULL;
  g->gc.sweepstr = 0;
  g->gc.strpeak = g->strnum;
  g->gc.sweep = &g->gc.root;
  g->gc.estimate = g->gc.total > udsize ? g->gc.total - udsize : 0;
  g->gc.state = GCSsweepstring;
  return udsize;
}

/* -- Sweep ----------------------------------------------------------------- */

#define gc_isdeadobj(o, ow) \
  (((o)->gch.marked & (ow)) && !((o)->gch.marked & LU_GC_FIXED))

/* Sweep a thread's open upvalues: free the unreached ones. */
static void gc_sweep_openuv(global_State *g, lua_State *th)
{
  GCupval **pp = &th->openupval;
  GCupval *uv;
  uint8_t ow = (uint8_t)otherwhite(g);
  while ((uv = *pp) != NULL) {
    GCobj *o = obj2gco(uv);
    if (gc_isdeadobj(o, ow)) {
      *pp = (GCupval *)uv->nextgc;
      uv->prev->next = uv->next;
      uv->next->prev = uv->prev;
      lu_func_freeuv(g, uv);
    } else {
      makewhite(g, o);
      pp = (GCupval **)&uv->nextgc;
    }
  }
}

/* Free a thread during the sweep: its live open upvalues are closed (they
** may still be referenced by closures), the dead ones freed. */
static void gc_free_thread(global_State *g, lua_State *th)
{
  if (th->stack != NULL) lu_func_closeuv(th, th->stack);
  lu_state_free(g, th);
}

static void gc_freeobj(global_State *g, GCobj *o)
{
  switch (o->gch.gct) {
  case LU_GCT_TAB:    lu_tab_free(g, &o->tab); break;
  case LU_GCT_FUNC:   lu_func_free(g, &o->fn); break;
  case LU_GCT_PROTO:  lu_func_freeproto(g, &o->pt); break;
  case LU_GCT_UPVAL:  lu_func_freeuv(g, &o->uv); break;
  case LU_GCT_UDATA:  lu_udata_free(g, &o->ud); break;
  case LU_GCT_CDATA:  lu_mem_free(g, o, sizeof(GCcdata) + o->cd.len); break;
  case LU_GCT_THREAD: gc_free_thread(g, &o->th); break;
  case LU_GCT_STR:    lu_str_free(g, &o->str); break;
  default:
    lu_assert(0, "sweeping an object of unknown type");
    break;
  }
}

/* Free the hash part of dead table t into the arena when it is a small
** block, leaving t without one (so that lu_tab_simplesize may see a
** one-block table). Returns the bytes freed. */
static LU_AINLINE size_t gc_tab_freehash(void *arena, GCtab *t)
{
  size_t hsz;
  if (t->node == NULL) return 0;
  hsz = ((size_t)t->hmask + 1) * sizeof(Node);
  if (hsz > LU_ALLOC_SMALL_MAX) return 0;
  lu_alloc_fastput(arena, t->node, hsz);
  t->node = lu_tab_nilnode;
  t->hmask = 0;
  return hsz;
}

/* Sweep up to lim objects of the list at p; returns where to go on, or
** NULL at the end of the list. Dead objects made of small blocks (most
** tables, closures, closed upvalues) go straight back to the arena's free
** queues; the arena test is made once per call, not once per object. */
static GCobj **gc_sweep(global_State *g, GCobj **p, MSize lim)
{
  uint8_t ow = (uint8_t)otherwhite(g);
  void *arena = lu_mem_fastarena(g) ? g->allocd : NULL;
  size_t freed = 0;
  GCobj *o;
  while ((o = *p) != NULL && lim-- > 0) {
    if (gc_isdeadobj(o, ow)) {
      size_t sz;
      *p = o->gch.nextgc;
      /* sz: the size when o is now a single block (no separate parts,
      ** nothing to close), else 0 (then gc_freeobj does the work). */
      switch (o->gch.gct) {
      case LU_GCT_TAB:
        if (o->tab.node != lu_tab_nilnode && arena != NULL)
          freed += gc_tab_freehash(arena, &o->tab);
        sz = lu_tab_simplesize(&o->tab);
        break;
      case LU_GCT_FUNC:  sz = lu_func_size(&o->fn); break;
      case LU_GCT_UPVAL: sz = sizeof(GCupval); break;
      default:           sz = 0; break;
      }
      if (LU_LIKELY(arena != NULL && sz - 1 < LU_ALLOC_SMALL_MAX)) {
        lu_alloc_fastput(arena, o, sz);
        freed += sz;
      } else if (sz != 0) {
        lu_mem_free(g, o, sz);
      } else {
        gc_freeobj(g, o);
      }
    } else {
      if (o->gch.gct == LU_GCT_THREAD) gc_sweep_openuv(g, &o->th);
      makewhite(g, o);
      p = &o->gch.nextgc;
    }
  }
  g->gc.total -= freed;
  return o == NULL ? NULL : p;
}

/* Sweep one chain of the string table. */
static void gc_sweep_strchain(global_State *g, GCstr **p)
{
  uint8_t ow = (uint8_t)otherwhite(g);
  GCstr *s;
  while ((s = *p) != NULL) {
    GCobj *o = obj2gco(s);
    if (gc_isdeadobj(o, ow)) {
      *p = (GCstr *)s->nextgc;
      lu_str_free(g, s);
    } else {
      makewhite(g, o);
      p = (GCstr **)&s->nextgc;
    }
  }
}

/* -- Finalizers ------------------------------------------------------------ */

/* Run the __gc of the first userdata on mmudata (moving it back to the
** userdata list first). An error in __gc propagates, as in LuaJIT. */
static void gc_finalize(lua_State *L)
{
  global_State *g = G(L);
  GCobj *last = g->gc.mmudata;
  GCobj *o = last->gch.nextgc;
  lua_State *mainth = g->mainthread;
  const TValue *mo;
  TValue *func;
  size_t oldthreshold;
  int oldhook;
  int status;
  if (o == last) g->gc.mmudata = NULL;
  else last->gch.nextgc = o->gch.nextgc;
  o->gch.nextgc = mainth->nextgc;
  mainth->nextgc = o;
  makewhite(g, o);
  mo = gc_udata_gcmm(g, &o->ud);
  if (mo == NULL) return;
  /* Call mo(o) with hooks and GC steps off. */
  lu_state_checkstack(L, 3);
  func = L->top;
  func[0] = *mo;
  if (o->gch.gct == LU_GCT_CDATA) setcdataV(L, &func[1], &o->cd);
  else setudataV(L, &func[1], &o->ud);
  L->top = func + 2;
  oldhook = g->hookmask;
  oldthreshold = g->gc.threshold;
  g->hookmask |= HOOK_ACTIVE | HOOK_GC;
  g->gc.threshold = GC_NOTHRESHOLD;
  status = lu_vm_pcall(L, func, 0, 0);
  g->hookmask = oldhook;
  g->gc.threshold = oldthreshold;
  if (status != LUA_OK) lu_err_throw(L, status);  /* Message at top-1. */
}

void lu_gc_finalize(lua_State *L)
{
  if (G(L)->gc.mmudata != NULL)
    gc_finalize(L);
}

void lu_gc_finalize_all(lua_State *L)
{
  global_State *g = G(L);
  while (g->gc.mmudata != NULL)
    gc_finalize(L);
}

/* -- Stepping -------------------------------------------------------------- */

static void gc_estimate_sub(global_State *g, size_t bytes)
{
  g->gc.estimate = g->gc.estimate > bytes ? g->gc.estimate - bytes : 0;
}

/* One unit of work in the current state; returns its cost. */
static size_t gc_onestep(lua_State *L)
{
  global_State *g = G(L);
  switch (g->gc.state) {
  case GCSpause:
    gc_mark_start(g);
    return 0;
  case GCSpropagate: {
    /* Several gray objects per call (up to about GCSTEPSIZE bytes of
    ** work): the state dispatch costs more than a small table. */
    size_t work = 0;
    while (g->gc.gray != NULL) {
      work += gc_propagate_one(g);
      if (work >= GCSTEPSIZE) return work;
    }
    g->gc.state = GCSatomic;
    return work;
  }
  case GCSatomic:
    gc_atomic(L);
    return GCSWEEPMAX * GCSWEEPCOST;
  case GCSsweepstring: {
    /* Several chains per call (each charged GCSWEEPCOST, as if swept
    ** one per call): most chains are short, and the dispatch of a step
    ** would cost more than sweeping them. */
    size_t old = g->gc.total;
    MSize n = 0;
    do {
      gc_sweep_strchain(g, &g->strhash[g->gc.sweepstr++]);
      n++;
    } while (n < GCSWEEPSTRMAX && g->gc.sweepstr <= g->strmask);
    if (g->gc.sweepstr > g->strmask)
      g->gc.state = GCSsweep;
    gc_estimate_sub(g, old - g->gc.total);
    return (size_t)n * GCSWEEPCOST;
  }
  case GCSsweep: {
    size_t old = g->gc.total;
    GCobj **next = gc_sweep(g, g->gc.sweep, GCSWEEPMAX);
    gc_estimate_sub(g, old - g->gc.total);
    if (next != NULL) {
      g->gc.sweep = next;
    } else {
      g->gc.sweep = &g->gc.root;
      /* Shrink the string table when it is mostly empty, and was so
      ** before this sweep too: a program that makes many short-lived
      ** strings per cycle would otherwise halve and regrow it (a full
      ** rehash) every cycle. */
      if (g->gc.strpeak <= (g->strmask >> 2) &&
          g->strmask > LU_MIN_STRTAB * 2 - 1)
        lu_str_resize(L, g->strmask >> 1);
      if (g->gc.mmudata != NULL) {
        g->gc.state = GCSfinalize;
      } else {
        g->gc.state = GCSpause;
        g->gc.debt = 0;
      }
    }
    return GCSWEEPMAX * GCSWEEPCOST;
  }
  case GCSfinalize:
    if (g->gc.mmudata != NULL) {
      gc_finalize(L);
      gc_estimate_sub(g, GCFINALIZECOST);
      return GCFINALIZECOST;
    }
    g->gc.state = GCSpause;
    g->gc.debt = 0;
    return 0;
  default:
    lu_assert(0, "bad GC state");
    return 0;
  }
}

static void gc_setthreshold(global_State *g)
{
  g->gc.threshold = (g->gc.estimate / 100) * g->gc.pause;
}

int lu_gc_step(lua_State *L)
{
  global_State *g = G(L);
  int64_t budget = (int64_t)(GCSTEPSIZE / 100) * g->gc.stepmul;
  if (budget == 0) budget = INT64_MAX;
  if (g->gc.total > g->gc.threshold)
    g->gc.debt += g->gc.total - g->gc.threshold;
  do {
    budget -= (int64_t)gc_onestep(L);
    if (g->gc.state == GCSpause) {
      gc_setthreshold(g);
      return 1;
    }
  } while (budget > 0);
  if (g->gc.debt < GCSTEPSIZE) {
    g->gc.threshold = g->gc.total + GCSTEPSIZE;
  } else {
    g->gc.debt -= GCSTEPSIZE;
    g->gc.threshold = g->gc.total;
  }
  return 0;
}

/* Bring the collector to the end of a sweep (finalize or pause state). */
static void gc_finish_sweep(lua_State *L)
{
  global_State *g = G(L);
  if (g->gc.state != GCSpause && g->gc.state <= GCSatomic) {
    /* Caught in the middle of marking: abandon it. A sweep now frees
    ** nothing (no object has the other white) and whitens everything. */
    g->gc.gray = NULL;
    g->gc.grayagain = NULL;
    g->gc.weak = NULL;
    g->gc.sweepstr = 0;
    g->gc.strpeak = g->strnum;
    g->gc.sweep = &g->gc.root;
    g->gc.state = GCSsweepstring;
  }
  while (g->gc.state == GCSsweepstring || g->gc.state == GCSsweep)
    gc_onestep(L);
}

void lu_gc_fullgc(lua_State *L)
{
  global_State *g = G(L);
  gc_finish_sweep(L);
  /* A full cycle, finalizers included. */
  g->gc.state = GCSpause;
  do {
    gc_onestep(L);
  } while (g->gc.state != GCSpause);
  gc_setthreshold(g);
}

int lu_gc_api(lua_State *L, int what, int data)
{
  global_State *g = G(L);
  int res = 0;
  switch (what) {
  case LUA_GCSTOP:
    g->gc.threshold = GC_NOTHRESHOLD;
    g->gc.stopped = 1;
    break;
  case LUA_GCRESTART:
    g->gc.threshold = g->gc.total;
    g->gc.stopped = 0;
    break;
  case LUA_GCCOLLECT:
    lu_gc_fullgc(L);
    break;
  case LUA_GCCOUNT:
    res = (int)(g->gc.total >> 10);
    break;
  case LUA_GCCOUNTB:
    res = (int)(g->gc.total & 0x3ff);
    break;
  case LUA_GCSTEP: {
    size_t a = (size_t)(data > 0 ? data : 0) << 10;
    g->gc.threshold = a <= g->gc.total ? g->gc.total - a : 0;
    while (g->gc.total >= g->gc.threshold) {
      if (lu_gc_step(L) > 0) {
        res = 1;
        break;
      }
    }
    g->gc.stopped = 0;
    break;
  }
  case LUA_GCSETPAUSE:
    res = (int)g->gc.pause;
    g->gc.pause = (MSize)data;
    break;
  case LUA_GCSETSTEPMUL:
    res = (int)g->gc.stepmul;
    g->gc.stepmul = (MSize)data;
    break;
  case LUA_GCISRUNNING:
    res = g->gc.threshold != GC_NOTHRESHOLD;
    break;
  default:
    res = -1;
    break;
  }
  return res;
}

#ifdef LUNAR_GC_STRESS
/* Test builds: a GC step at every safe point. */
void lu_gc_stress(lua_State *L)
{
  global_State *g = G(L);
  if (g->gc.threshold == GC_NOTHRESHOLD) return;  /* Stopped or in __gc. */
  /* Check the heap where the invariant matters most: just before the
  ** atomic phase, and after each cycle (checking at every step would make
  ** the test build quadratic). */
  if (g->gc.state == GCSpropagate && g->gc.gray == NULL)
    lu_gc_check_heap(L);
  if (lu_gc_step(L) > 0)
    lu_gc_check_heap(L);
}
#endif

/* -- Barriers -------------------------------------------------------------- */

void lu_gc_barrierback(global_State *g, GCtab *t)
{
  GCobj *o = obj2gco(t);
  lu_assert(isblack(o), "backward barrier on a non-black table");
  black2gray(o);
  t->gclist = g->gc.grayagain;
  g->gc.grayagain = o;
}

void lu_gc_barrierf(global_State *g, GCobj *o, GCobj *v)
{
  lu_assert(isblack(o) && iswhite(v), "bad forward barrier");
  if (gc_keepinvariant(g))
    gc_mark(g, v);       /* Keep the invariant: v is reached now. */
  else
    makewhite(g, o);     /* Sweep: o will not fire again this cycle. */
}

void lu_gc_barrieruv(global_State *g, TValue *tv)
{
  GCupval *uv = (GCupval *)((char *)tv - offsetof(GCupval, tv));
  if (gc_keepinvariant(g))
    gc_mark(g, gcval(tv));
  else
    makewhite(g, obj2gco(uv));
}

void lu_gc_closeuv(global_State *g, GCupval *uv)
{
  GCobj *o = obj2gco(uv);
  if (!isgray(o)) return;  /* White: fine either way. */
  if (gc_keepinvariant(g)) {
    gray2black(o);         /* It was reached: so is its value. */
    gc_marktv(g, &uv->tv);
  } else {
    makewhite(g, o);
  }
}

/* -- State close ----------------------------------------------------------- */

void lu_gc_freeall(global_State *g)
{
  GCobj *o = g->gc.root;
  GCobj *last;
  g->gc.root = NULL;
  while (o != NULL) {
    GCobj *next = o->gch.nextgc;
    if (o != obj2gco(g->mainthread)) {
      if (o->gch.gct == LU_GCT_THREAD) lu_state_free(g, &o->th);
      else gc_freeobj(g, o);
    }
    o = next;
  }
  g->mainthread->nextgc = NULL;
  g->gc.root = obj2gco(g->mainthread);
  last = g->gc.mmudata;
  if (last != NULL) {
    o = last->gch.nextgc;
    last->gch.nextgc = NULL;
    while (o != NULL) {
      GCobj *next = o->gch.nextgc;
      gc_freeobj(g, o);
      o = next;
    }
    g->gc.mmudata = NULL;
  }
}

/* -- Heap checker ---------------------------------------------------------- */

#ifdef LUNAR_USE_ASSERT
#include <stdio.h>
#include <stdlib.h>

static LU_NORET void gc_heapfail(const char *what, GCobj *o)
{
  fprintf(stderr, "lunar heap check failed: %s (object %p, type %d)\n",
          what, (void *)o, o != NULL ? o->gch.gct : -1);
  abort();
}

static int gc_validgct(int gct)
{
  return gct >= LU_GCT_STR && gct <= LU_GCT_UDATA && gct != LU_GCT_TRACE;
}

/* In propagate/atomic: black parent o must not point to white child. */
static void gc_check_ref(global_State *g, GCobj *o, GCobj *child)
{
  if (child == NULL) return;
  if (!gc_validgct(child->gch.gct)) gc_heapfail("bad reference", o);
  if (gc_keepinvariant(g) && isblack(o) && iswhite(child))
    gc_heapfail("black object points to white object", o);
}

static void gc_check_reftv(global_State *g, GCobj *o, const TValue *tv)
{
  if (tvisgcv(tv)) gc_check_ref(g, o, gcval(tv));
}

static void gc_check_obj(global_State *g, GCobj *o)
{
  MSize i;
  if (!gc_validgct(o->gch.gct) || o->gch.gct == LU_GCT_STR)
    gc_heapfail("bad object type on gc.root", o);
  if ((o->gch.marked & LU_GC_WHITES) == LU_GC_WHITES)
    gc_heapfail("object with both whites", o);
  /* During the sweep, garbage may point to garbage already freed. */
  if ((g->gc.state == GCSsweepstring || g->gc.state == GCSsweep) &&
      gc_isdeadobj(o, otherwhite(g)))
    return;
  switch (o->gch.gct) {
  case LU_GCT_TAB: {
    GCtab *t = &o->tab;
    uint8_t weak = t->marked & LU_GC_WEAK;
    gc_check_ref(g, o, obj2gco(t->metatable));
    if (!(weak & LU_GC_WEAKVAL))
      for (i = 0; i < t->asize; i++) gc_check_reftv(g, o, &t->array[i]);
    if (t->node != NULL)
      for (i = 0; i <= t->hmask; i++) {
        Node *n = &t->node[i];
        if (tvisnil(&n->val)) continue;
        if (!(weak & LU_GC_WEAKKEY)) gc_check_reftv(g, o, &n->key);
        if (!(weak & LU_GC_WEAKVAL)) gc_check_reftv(g, o, &n->val);
      }
    break;
  }
  case LU_GCT_FUNC: {
    GCfunc *fn = &o->fn;
    gc_check_ref(g, o, fn->c.env);
    if (isluafunc(fn)) {
      gc_check_ref(g, o, obj2gco(funcproto(fn)));
      for (i = 0; i < fn->l.nupvalues; i++)
        gc_check_ref(g, o, obj2gco(fn->l.uvptr[i]));
    } else {
      for (i = 0; i < fn->c.nupvalues; i++)
        gc_check_reftv(g, o, &fn->c.upvalue[i]);
    }
    break;
  }
  case LU_GCT_PROTO: {
    GCproto *pt = &o->pt;
    gc_check_ref(g, o, obj2gco(pt->chunkname));
    if (pt->k != NULL)
      for (i = 0; i < pt->sizekgc; i++) gc_check_ref(g, o, proto_kgc(pt, i));
    break;
  }
  case LU_GCT_UPVAL:
    if (!o->uv.closed || o->uv.v != &o->uv.tv)
      gc_heapfail("open upvalue on gc.root", o);
    gc_check_reftv(g, o, &o->uv.tv);
    break;
  case LU_GCT_UDATA:
    gc_check_ref(g, o, o->ud.metatable);
    gc_check_ref(g, o, o->ud.env);
    break;
  case LU_GCT_CDATA:
    gc_check_ref(g, o, o->cd.owner);
    break;
  case LU_GCT_THREAD: {
    lua_State *th = &o->th;
    GCupval *uv;
    TValue *prev = NULL;
    if (th->stack != NULL) {
      if (th->top < th->stack || th->top > th->stack + th->stacksize)
        gc_heapfail("thread top outside its stack", o);
      if (th->maxstack != th->stack + th->stacksize - LU_STACK_EXTRA - 1)
        gc_heapfail("thread maxstack inconsistent", o);
    }
    for (uv = th->openupval; uv != NULL; uv = (GCupval *)uv->nextgc) {
      if (uv->closed || uv->v < th->stack || uv->v >= th->stack + th->stacksize)
        gc_heapfail("open upvalue outside its thread's stack", o);
      if (prev != NULL && uv->v >= prev)
        gc_heapfail("open upvalue list not sorted", o);
      prev = uv->v;
    }
    break;
  }
  default:
    break;
  }
}

void lu_gc_check_heap(lua_State *L)
{
  global_State *g = G(L);
  GCobj *o;
  int seen_main = 0;
  MSize i, nstr = 0;
  for (o = g->gc.root; o != NULL; o = o->gch.nextgc) {
    if (o == obj2gco(g->mainthread)) {
      seen_main = 1;
    } else if (seen_main && o->gch.gct != LU_GCT_UDATA &&
               o->gch.gct != LU_GCT_CDATA) {
      gc_heapfail("non-userdata after the main thread", o);
    }
    gc_check_obj(g, o);
  }
  if (!seen_main) gc_heapfail("main thread not on gc.root", NULL);
  for (i = 0; i <= g->strmask; i++) {
    GCstr *s;
    for (s = g->strhash[i]; s != NULL; s = (GCstr *)s->nextgc) {
      if (s->gct != LU_GCT_STR) gc_heapfail("non-string in string table", obj2gco(s));
      if ((s->hash & g->strmask) != i) gc_heapfail("string in wrong chain", obj2gco(s));
      nstr++;
    }
  }
  if (nstr != g->strnum) gc_heapfail("string count mismatch", NULL);
  {
    GCupval *head = &G2GG(g)->uvhead;
    GCupval *uv;
    for (uv = head->next; uv != head; uv = uv->next) {
      if (uv->next->prev != uv) gc_heapfail("open upvalue list broken", obj2gco(uv));
      if (uv->closed) gc_heapfail("closed upvalue on open list", obj2gco(uv));
    }
  }
}
#else
void lu_gc_check_heap(lua_State *L)
{
  (void)L;
}
#endif
