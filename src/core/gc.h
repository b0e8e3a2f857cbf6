/*
** lunar: the garbage collector (incremental tri-colour mark and sweep with
** Lua 5.1 semantics). See gc.c for the essay on colours and invariants.
**
** Colour bits in GCHeader.marked:
**   WHITE0/WHITE1  white (not reached yet). Two whites alternate per cycle:
**                  objects created during a sweep get the new current
**                  white and survive; the other white is "dead".
**   BLACK          reached and traversed.
**   gray           neither white nor black: reached, not yet traversed.
**   FINALIZED      userdata: __gc already run (or separated for running).
**   WEAKKEY/VAL    tables: weak mode found during traversal.
**   FIXED          never collected (metamethod names, the strings of the
**                  lexer's reserved words, the "not enough memory" string).
**
** Invariant (outside the sweep): a black object never points to a white
** one. Stores that could break it go through a barrier:
**   tables        lu_gc_barriert / lu_gc_anybarriert (backward: the black
**                 table turns gray again and is re-traversed atomically);
**   upvalues      lu_gc_barrieruv for stores into a closed upvalue;
**   the rest      lu_gc_objbarrier (forward: the white value is marked),
**                 for metatables, environments, prototype constants.
** Thread stacks have no barrier: threads are always re-traversed in the
** atomic phase.
**
** When the GC may run (lu_gc_check at a safe point), every live slot of
** every thread must be below its L->top, or in the current Lua frame
** (L->base .. L->base + framesize of the function at L->base[-2]).
** The GC never moves the stack of the thread running the step, nor of a
** thread with a C frame (a resumer), but a step may run __gc finalizers
** (Lua code on the current thread), which may grow it: re-derive stack
** pointers after lu_gc_check. It shrinks the big stacks of threads that
** nothing runs on (suspended coroutines, idle threads; see gc.c).
**
** Test builds: -DLUNAR_GC_STRESS makes every lu_gc_check do a GC step
** (unless the GC is stopped) and, with LUNAR_USE_ASSERT, check the heap.
*/
#ifndef LU_GC_H
#define LU_GC_H

#include "obj.h"

/* -- Colours ------------------------------------------------------------- */

#define LU_GC_WHITE0     0x01
#define LU_GC_WHITE1     0x02
#define LU_GC_BLACK      0x04
#define LU_GC_FINALIZED  0x08   /* Userdata. */
#define LU_GC_WEAKKEY    0x10   /* Tables. */
#define LU_GC_WEAKVAL    0x20   /* Tables. */
#define LU_GC_FIXED      0x40
#define LU_GC_SFIXED     0x80   /* Survives even lu_gc_freeall (unused). */

#define LU_GC_WHITES     (LU_GC_WHITE0 | LU_GC_WHITE1)
#define LU_GC_COLORS     (LU_GC_WHITES | LU_GC_BLACK)
#define LU_GC_WEAK       (LU_GC_WEAKKEY | LU_GC_WEAKVAL)

#define iswhite(o)     ((o)->gch.marked & LU_GC_WHITES)
#define isblack(o)     ((o)->gch.marked & LU_GC_BLACK)
#define isgray(o)      (!((o)->gch.marked & (LU_GC_BLACK | LU_GC_WHITES)))
#define isfinalized(u) ((u)->marked & LU_GC_FINALIZED)
#define curwhite(g)    ((g)->gc.currentwhite & LU_GC_WHITES)
#define otherwhite(g)  (curwhite(g) ^ LU_GC_WHITES)
/* Dead: has the other (previous cycle's) white. Only during the sweep. */
#define isdead(g, o)   ((o)->gch.marked & otherwhite(g) & LU_GC_WHITES)
#define makewhite(g, o) \
  ((o)->gch.marked = (uint8_t)(((o)->gch.marked & (uint8_t)~LU_GC_COLORS) | curwhite(g)))
#define flipwhite(o)   ((o)->gch.marked ^= LU_GC_WHITES)
#define black2gray(o)  ((o)->gch.marked &= (uint8_t)~LU_GC_BLACK)
#define fixstring(s)   ((s)->marked |= LU_GC_FIXED)

/* GC states (g->gc.state). */
enum {
  GCSpause, GCSpropagate, GCSatomic, GCSsweepstring, GCSsweep, GCSfinalize
};

/* -- Collection ---------------------------------------------------------- */

/* One increment of work (about stepmul% of GCSTEPSIZE bytes). Returns
** nonzero when this step finished a cycle (state went back to pause). */
LU_FUNC int lu_gc_step(lua_State *L);
/* A full cycle (finishes the current one first), then finalizers. */
LU_FUNC void lu_gc_fullgc(lua_State *L);
/* Step if the allocation debt threshold is reached: cheap, call it at
** every safe point after allocating. */
#ifdef LUNAR_GC_STRESS
LU_FUNC void lu_gc_stress(lua_State *L);
#define lu_gc_check(L)  lu_gc_stress(L)
#else
#define lu_gc_check(L) \
  do { if (LU_UNLIKELY(G(L)->gc.total >= G(L)->gc.threshold)) \
         lu_gc_step(L); } while (0)
#endif

/* lua_gc: what is LUA_GCSTOP .. LUA_GCSETSTEPMUL; returns lua_gc's result
** (for LUA_GCSTEP: 1 if a cycle finished). */
LU_FUNC int lu_gc_api(lua_State *L, int what, int data);

/* Run one pending finalizer, if any (errors in __gc propagate). */
LU_FUNC void lu_gc_finalize(lua_State *L);
/* Call all pending finalizers (lu_state_close, after a full cycle). */
LU_FUNC void lu_gc_finalize_all(lua_State *L);
/* Finalize every userdata with __gc, reachable or not (lu_state_close). */
LU_FUNC void lu_gc_separate_all(lua_State *L);
/* Free every object on gc.root (lu_state_close, after finalizers). */
LU_FUNC void lu_gc_freeall(global_State *g);

/* -- Barriers ------------------------------------------------------------ */

/* Backward barrier: black table t turns gray, onto grayagain. */
LU_FUNC void lu_gc_barrierback(global_State *g, GCtab *t);
/* Forward barrier: black object o now points to white object v. */
LU_FUNC void lu_gc_barrierf(global_State *g, GCobj *o, GCobj *v);
/* A white value was stored into a black closed upvalue (tv is uv->v). */
LU_FUNC void lu_gc_barrieruv(global_State *g, TValue *tv);
/* An open upvalue was closed (called by lu_func_closeuv). */
LU_FUNC void lu_gc_closeuv(global_State *g, GCupval *uv);

/* Store of value tv into table t (key or value). Any store into a black
** table turns it gray, whatever tv is: the slot may be a node whose value
** was nil, so that its (unmarked) string key was interned again by the
** lookup and comes back to life with the new value; only re-traversing t
** marks it (found by make stress: tests/lua/tables/hash_churn.lua). */
#define lu_gc_barriert(L, t, tv) \
  do { (void)(tv); if (isblack(obj2gco(t))) \
         lu_gc_barrierback(G(L), (t)); } while (0)
/* Any store into table t (cheaper test, more re-traversals). */
#define lu_gc_anybarriert(L, t) \
  do { if (isblack(obj2gco(t))) lu_gc_barrierback(G(L), (t)); } while (0)
/* Store of object o into table t (see lu_gc_barriert for why o is not
** tested). */
#define lu_gc_objbarriert(L, t, o) \
  do { (void)(o); if (isblack(obj2gco(t))) \
         lu_gc_barrierback(G(L), (t)); } while (0)
/* Store of object o into non-table object p (metatable, env, ...). */
#define lu_gc_objbarrier(L, p, o) \
  do { if (isblack(obj2gco(p)) && iswhite(obj2gco(o))) \
         lu_gc_barrierf(G(L), obj2gco(p), obj2gco(o)); } while (0)
/* Store of tv into upvalue uv (after the store). */
#define lu_gc_uvbarrier(L, uv, tv) \
  do { if (tvisgcv(tv) && isblack(obj2gco(uv)) && iswhite(gcval(tv))) \
         lu_gc_barrieruv(G(L), (uv)->v); } while (0)

/* -- Debugging ----------------------------------------------------------- */

/* Walk the whole heap and check the colour invariant and all links;
** aborts with a message on the first violation (LUNAR_USE_ASSERT). */
LU_FUNC void lu_gc_check_heap(lua_State *L);

#endif
