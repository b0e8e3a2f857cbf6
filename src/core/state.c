/*
** lunar: the global state block and thread stacks (see state.h).
**
** lu_state_open allocates the GG_State (main thread, global state, hot
** counters, dispatch table) in one block, gives the main thread its stack,
** then builds the rest (string table, preallocated strings, registry,
** globals) under a protected call, so that running out of memory anywhere
** just frees what was made and returns NULL.
**
** The main thread is the first object linked into gc.root (see gc.c for
** why); it is marked FIXED so that the sweep never frees it.
*/
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>

#include "state.h"
#include "alloc.h"
#include "mem.h"
#include "str.h"
#include "tab.h"
#include "func.h"
#include "gc.h"
#include "err.h"
#include "buf.h"
#include "../vm/vm.h"
#include "../vm/call.h"

/* Stack sizes in slots. A thread's stacksize stays <= STACK_LIMIT except
** while a "stack overflow" error is being handled, when it may reach
** STACK_OVERFLOW (room for the error handler). */
#define STACK_LIMIT      (LU_MAX_STACK + LU_STACK_EXTRA)
#define STACK_OVERFLOW   (STACK_LIMIT + 2 * LUA_MINSTACK)
#define STACK_INITSIZE   (LU_STACK_START + LU_STACK_EXTRA)

#ifdef LUNAR_STACK_STRESS
#define LU_STACK_STRESS  1
#else
#define LU_STACK_STRESS  0
#endif

#define MINSIZE_GLOBALS_HBITS   6
#define MINSIZE_REGISTRY_HBITS  2

/* -- Stacks ---------------------------------------------------------------- */

static void state_setmaxstack(lua_State *L)
{
  L->maxstack = L->stack + L->stacksize - LU_STACK_EXTRA - 1;
}

/* Lay out a fresh stack st of size slots for thread L (see state.h). */
static void state_initstack(lua_State *L, TValue *st, MSize size)
{
  MSize i;
  for (i = 0; i < size; i++)
    setnilV(&st[i]);
  L->stack = st;
  L->stacksize = size;
  state_setmaxstack(L);
  setthreadV(L, &st[0], L);
  setnilV(&st[1]);
  L->base = L->top = st + 2;
}

/* L's stack now lives in st (n slots), copied from the block at old:
** relocate every pointer into it (base, top, maxstack, open upvalues) and
** clear the new slots. Frame links hold return PCs or byte deltas, never
** stack addresses. */
static void state_relocstack(lua_State *L, TValue *st, MSize n)
{
  TValue *old = L->stack;
  MSize i, oldsize = L->stacksize;
  uintptr_t delta = (uintptr_t)st - (uintptr_t)old;
  GCupval *uv;
  for (i = oldsize; i < n; i++)
    setnilV(&st[i]);
  L->stack = st;
  L->stacksize = n;
  state_setmaxstack(L);
  L->base = (TValue *)((uintptr_t)L->base + delta);
  L->top = (TValue *)((uintptr_t)L->top + delta);
  for (uv = L->openupval; uv != NULL; uv = (GCupval *)uv->nextgc)
    uv->v = (TValue *)((uintptr_t)uv->v + delta);
}

/* Reallocate L's stack to n slots (n must hold every slot below top) and
** relocate every pointer into it. Throws on failure, leaving the old
** stack untouched. */
static void state_resizestack(lua_State *L, MSize n)
{
  TValue *old = L->stack;
  MSize oldsize = L->stacksize;
  TValue *st;
  lu_assert((ptrdiff_t)n > L->top - old, "stack shrunk below top");
  if (LU_STACK_STRESS) {  /* Always move it, to catch stale pointers. */
    /* A move that the normal build would not make must not raise an
    ** error the normal build would not raise: when it cannot be had,
    ** reallocate in place as usual. */
    st = (TValue *)lu_mem_tryrealloc(G(L), NULL, 0, (size_t)n * sizeof(TValue));
    if (st != NULL) {
      memcpy(st, old, (size_t)(n < oldsize ? n : oldsize) * sizeof(TValue));
      lu_mem_free(G(L), old, (size_t)oldsize * sizeof(TValue));
    } else if (n == oldsize) {
      st = old;
    } else {
      st = (TValue *)lu_mem_realloc(L, old, (size_t)oldsize * sizeof(TValue),
                                    (size_t)n * sizeof(TValue));
    }
  } else {
    st = (TValue *)lu_mem_realloc(L, old, (size_t)oldsize * sizeof(TValue),
                                  (size_t)n * sizeof(TValue));
  }
  state_relocstack(L, st, n);
}

void lu_state_growstack(lua_State *L, MSize need)
{
  size_t used = (size_t)(L->top - L->stack);
  size_t want = used + need + LU_STACK_EXTRA + 1;
  if (LU_STACK_STRESS && L->top < L->maxstack &&
      (size_t)(L->maxstack - L->top) > need) {  /* Room: just move it. */
    state_resizestack(L, L->stacksize);
    return;
  }
  if (want <= STACK_LIMIT) {
    size_t n = 2 * (size_t)L->stacksize;
    if (n < want) n = want;
    if (n > STACK_LIMIT) n = STACK_LIMIT;
    state_resizestack(L, (MSize)n);
    return;
  }
  if (L->stacksize >= STACK_OVERFLOW) {
    /* Overflow while handling an overflow (the error handler used up the
    ** extra room). The message is set by the unwinder for LUA_ERRERR. */
    setstrV(L, L->top, lu_str_newz(L, err2msg(LU_ERR_ERRERR)));
    L->top++;
    lu_err_throw(L, LUA_ERRERR);
  }
  /* Overflow: give the error handler some room, then throw. Like LuaJIT,
  ** the message has no position. */
  state_resizestack(L, STACK_OVERFLOW);
  setstrV(L, L->top, lu_str_newz(L, err2msg(LU_ERR_STKOV)));
  L->top++;
  lu_err_throw(L, LUA_ERRRUN);
}

void lu_state_relimitstack(lua_State *L)
{
  if (L->stacksize > STACK_LIMIT &&
      (size_t)(L->top - L->stack) + LU_STACK_EXTRA + 1 < STACK_LIMIT)
    state_resizestack(L, STACK_LIMIT);
}

void lu_state_growstack1(lua_State *L)
{
  lu_state_growstack(L, 1);
}

/* The slots L's frames may use: up to L->top, and for every Lua frame
** up to its base + framesize (a caller's temporaries above the frame it
** called are dead, but its code may use those slots again once the call
** returns, without checking the stack). */
static MSize state_stackused(lua_State *L)
{
  TValue *bottom = L->stack + 2, *end = L->stack + L->stacksize;
  TValue *hi = L->top, *b = L->base;
  while (b > bottom && b <= end) {
    TValue *f = frame_func(b), *prev;
    if (tvisfunc(f) && isluafunc(funcV(f))) {
      TValue *e = b + funcproto(funcV(f))->framesize;
      if (e > hi) hi = e;
    }
    prev = lu_frame_prev(b);
    if (prev >= b) break;  /* Not a frame chain: keep everything. */
    b = prev;
  }
  if (b > bottom) hi = end;
  return (MSize)(hi - L->stack);
}

void lu_state_shrinkstack(lua_State *L, MSize used)
{
  MSize n = L->stacksize, inuse, want;
  TValue *st;
  /* Small stacks stay; above STACK_LIMIT an overflow is being handled
  ** (lu_state_relimitstack gives that back). */
  if (L->stack == NULL || n <= 2 * STACK_INITSIZE || n > STACK_LIMIT) return;
  inuse = state_stackused(L);
  if (used < inuse) used = inuse;
  if (4 * (size_t)used >= n) return;
  /* Twice the part in use leaves room to grow back a little; in any case
  ** top and the frames stay below maxstack with LUA_MINSTACK free slots
  ** above (what the C API promises without lua_checkstack). */
  want = 2 * used;
  if (want < used + LU_STACK_EXTRA + 1 + LUA_MINSTACK)
    want = used + LU_STACK_EXTRA + 1 + LUA_MINSTACK;
  if (want < STACK_INITSIZE) want = STACK_INITSIZE;
  if (want >= n) return;
  st = (TValue *)lu_mem_tryrealloc(G(L), L->stack,
                                   (size_t)n * sizeof(TValue),
                                   (size_t)want * sizeof(TValue));
  if (st != NULL)  /* Else keep the big stack: this must not throw. */
    state_relocstack(L, st, want);
}

/* -- Threads --------------------------------------------------------------- */

lua_State *lu_state_new(lua_State *L)
{
  lua_State *L1 = &lu_mem_newgco(L, sizeof(lua_State))->th;
  TValue *st;
  L1->gct = LU_GCT_THREAD;
  L1->dummy_ffid = FF_C;
  L1->status = LUA_OK;
  L1->glref = G(L);
  L1->gclist = NULL;
  L1->base = L1->top = L1->maxstack = L1->stack = NULL;
  L1->stacksize = 0;
  L1->openupval = NULL;
  L1->env = L->env;
  L1->cframe = NULL;
  L1->nCcalls = 0;
  /* The thread is on gc.root with a NULL stack if this throws. */
  st = (TValue *)lu_mem_new(L, STACK_INITSIZE * sizeof(TValue));
  state_initstack(L1, st, STACK_INITSIZE);
  return L1;
}

void lu_state_free(global_State *g, lua_State *L1)
{
  GCupval *uv;
  lu_assert(L1 != g->mainthread, "freeing the main thread");
  /* Normally closed already (sweep); at state close just freed. */
  while ((uv = L1->openupval) != NULL) {
    L1->openupval = (GCupval *)uv->nextgc;
    uv->prev->next = uv->next;
    uv->next->prev = uv->prev;
    lu_func_freeuv(g, uv);
  }
  lu_mem_free(g, L1->stack, (size_t)L1->stacksize * sizeof(TValue));
  lu_mem_free(g, L1, sizeof(lua_State));
}

/* -- Opening and closing --------------------------------------------------- */

/* A per-state random key for the string hash. The environment variable
** LUNAR_HASHSEED=n fixes it to n instead (e.g. 0), which makes pairs()
** order over string keys repeat from run to run (as LuaJIT's does), at the
** cost of the resistance to hash flooding the random key gives. */
static uint64_t state_seed(GG_State *GG)
{
  uint64_t seed = 0;
  const char *env = getenv("LUNAR_HASHSEED");
  if (env != NULL && *env != '\0') {
    char *end;
    unsigned long long v = strtoull(env, &end, 0);
    if (*end == '\0') return (uint64_t)v;
  }
  if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != (ssize_t)sizeof(seed)) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    seed = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ull ^
           (uint64_t)ts.tv_sec ^ (uint64_t)(uintptr_t)GG ^
           ((uint64_t)getpid() << 32);
  }
  return seed;
}

static const char *const state_mmnames[] = {
#define MMNAME(name) "__" #name,
  MMDEF(MMNAME)
#undef MMNAME
};

/* Everything that may throw, run under lu_vm_cpcall. */
static TValue *state_cpinit(lua_State *L, lua_CFunction dummy, void *ud)
{
  global_State *g = G(L);
  GG_State *GG = G2GG(g);
  GCstr *s;
  size_t i;
  (void)dummy;
  (void)ud;
  lu_str_init(L);
  s = lu_str_newz(L, err2msg(LU_ERR_ERRMEM));
  fixstring(s);
  GG->errmem = s;
  s = lu_str_new(L, "", 0);
  fixstring(s);
  g->strempty = s;
  for (i = 0; i < MM__MAX; i++) {
    s = lu_str_newz(L, state_mmnames[i]);
    fixstring(s);
    g->gcname[i] = s;
  }
  settabV(L, &g->registrytv, lu_tab_new(L, 0, MINSIZE_REGISTRY_HBITS));
  L->env = lu_tab_new(L, 0, MINSIZE_GLOBALS_HBITS);
  return NULL;
}

/* Free everything of a state except finalizers: used by lu_state_close
** and when lu_state_open fails half way. */
static void state_freeall(lua_State *L)
{
  global_State *g = G(L);
  GG_State *GG = G2GG(g);
  lu_func_closeuv(L, L->stack);
  lu_gc_freeall(g);
  lu_str_freeall(g);
  lu_buf_freetmp(g);
  lu_mem_free(g, L->stack, (size_t)L->stacksize * sizeof(TValue));
  L->stack = NULL;
  L->stacksize = 0;
  lu_assert(g->gc.total == sizeof(GG_State), "memory leak at state close");
  {
    lua_Alloc allocf = g->allocf;
    void *allocd = g->allocd;
    allocf(allocd, GG, sizeof(GG_State), 0);
    /* The default allocator's arena dies with its state. */
    if (allocf == lu_alloc_f) lu_alloc_destroy(allocd);
  }
}

lua_State *lu_state_open(lua_Alloc f, void *ud)
{
  GG_State *GG = (GG_State *)f(ud, NULL, 0, sizeof(GG_State));
  lua_State *L;
  global_State *g;
  TValue *st;
  if (GG == NULL) return NULL;
  memset(GG, 0, sizeof(GG_State));
  L = &GG->L;
  g = &GG->g;
  g->gg = GG;
  g->allocf = f;
  g->allocd = ud;
  g->mainthread = L;
  g->cur_L = L;
  g->strseed = state_seed(GG);
  g->gc.total = sizeof(GG_State);
  g->gc.currentwhite = LU_GC_WHITE0;
  g->gc.state = GCSpause;
  g->gc.threshold = (size_t)-1;   /* No GC while building the state. */
  g->gc.pause = LUAI_GCPAUSE;
  g->gc.stepmul = LUAI_GCMUL;
  setnilV(&g->registrytv);
  GG->uvhead.prev = GG->uvhead.next = &GG->uvhead;
  /* The main thread: FIXED, first (hence last) object on gc.root. */
  L->gct = LU_GCT_THREAD;
  L->marked = LU_GC_WHITE0 | LU_GC_FIXED | LU_GC_SFIXED;
  L->dummy_ffid = FF_C;
  L->status = LUA_OK;
  L->glref = g;
  L->nextgc = NULL;
  g->gc.root = obj2gco(L);
  st = (TValue *)f(ud, NULL, 0, STACK_INITSIZE * sizeof(TValue));
  if (st == NULL) {
    f(ud, GG, sizeof(GG_State), 0);
    return NULL;
  }
  g->gc.total += STACK_INITSIZE * sizeof(TValue);
  state_initstack(L, st, STACK_INITSIZE);
  lu_vm_init_dispatch(GG);
  if (lu_vm_cpcall(L, NULL, NULL, state_cpinit) != LUA_OK) {
    state_freeall(L);  /* Out of memory: free the partial state. */
    return NULL;
  }
  L->base = L->top = L->stack + 2;
  g->gc.threshold = 4 * g->gc.total;
  return L;
}

static TValue *state_cpfinalize(lua_State *L, lua_CFunction dummy, void *ud)
{
  (void)dummy;
  (void)ud;
  lu_gc_finalize_all(L);
  return NULL;
}

void lu_state_close(lua_State *L)
{
  global_State *g = G(L);
  L = g->mainthread;
  lu_func_closeuv(L, L->stack);
  /* Every userdata with __gc gets finalized, reachable or not. */
  lu_gc_separate_all(L);
  g->hookmask = 0;
  for (;;) {
    L->base = L->top = L->stack + 2;
    L->cframe = NULL;
    L->status = LUA_OK;
    L->nCcalls = 0;
    g->cur_L = L;
    if (lu_vm_cpcall(L, NULL, NULL, state_cpfinalize) == LUA_OK) break;
    /* An error in __gc: ignore it and go on with the others. */
  }
  state_freeall(L);
}
