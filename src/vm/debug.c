/*
** lunar: debug info and the debug API.
**
** Everything here reads the frame chain (obj.h) and the debug info of
** prototypes (debug.h); nothing changes the running program except
** lua_setlocal/lua_setupvalue/lua_upvaluejoin and the hook settings.
**
** Frame walking. A frame is named by its base. The innermost frame is
** L->base; the frame below a frame is found from its link: a Lua link is
** the caller's return PC (the caller's CALL is pc[-1], its A operand gives
** the caller's base), every other link is a byte delta. The walk stops at
** the bottom pseudo-frame (base == L->stack + 2). Two kinds of frames are
** invisible to levels: the vararg pseudo-frame of a vararg function (the
** frame below one linked as FRAME_VARG: the function's original frame,
** holding its varargs; the frame above it holds the locals) and dummy
** frames whose function slot holds no function.
**
** The PC of a Lua frame is the return PC stored in the link of the next
** inner frame when that one was called from Lua, or the PC saved in a
** continuation frame (metamethod call). For the innermost frame (or one
** below a hook/finalizer called from C) it is L->savedpc; see
** debug_savedpc and vm.h.
*/
#include <stdio.h>

#include "debug.h"
#include "vm.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../core/strfmt.h"
#include "../core/tab.h"
#include "../core/func.h"
#include "../core/gc.h"
#include "../core/state.h"
#include "../api/lauxlib.h"
#include "dispatch.h"

/* -- Line numbers and names ------------------------------------------------ */

BCLine lu_debug_line(GCproto *pt, BCPos pc)
{
  if (pt->lineinfo == NULL) return 0;
  if (pc >= pt->sizebc) return pt->firstline + pt->numline;
  return pt->lineinfo[pc];
}

/* Names of internal variables when the parser left VarInfo.name NULL.
** Numeric for loops keep three hidden slots, generic for loops three. */
static const char *const debug_fornames[2][3] = {
  { "(for index)", "(for limit)", "(for step)" },
  { "(for generator)", "(for state)", "(for control)" }
};

/* Name for an unnamed VarInfo entry vi (index i of pt->varinfo): count the
** unnamed entries just before it that start at the same pc. Whether the
** loop is numeric shows in the instruction before the loop starts. */
static const char *debug_internalname(const GCproto *pt, MSize i)
{
  const VarInfo *vi = &pt->varinfo[i];
  MSize k = 0;
  int generic = 1;
  while (i > 0 && pt->varinfo[i - 1].name == NULL &&
         pt->varinfo[i - 1].startpc == vi->startpc && k < 2) {
    i--;
    k++;
  }
  if (vi->startpc > 0 && vi->startpc <= pt->sizebc) {
    BCOp op = bc_op(proto_bc(pt)[vi->startpc - 1]);
    if (op == BC_FORI || op == BC_JFORI) generic = 0;
    else if (vi->startpc < pt->sizebc) {
      op = bc_op(proto_bc(pt)[vi->startpc]);
      if (op == BC_FORI || op == BC_JFORI) generic = 0;
    }
  }
  return debug_fornames[generic][k];
}

const char *lu_debug_varname(const GCproto *pt, BCPos pc, BCReg slot)
{
  MSize i;
  if (pt->varinfo == NULL) return NULL;
  for (i = 0; i < pt->sizevarinfo; i++) {
    const VarInfo *vi = &pt->varinfo[i];
    if (vi->startpc > pc) break;
    if (pc < vi->endpc && slot-- == 0)
      return vi->name ? strdata(vi->name) : debug_internalname(pt, i);
  }
  return NULL;
}

const char *lu_debug_uvname(const GCproto *pt, uint32_t idx)
{
  if (pt->uvnames != NULL && idx < pt->sizeuv && pt->uvnames[idx] != NULL)
    return pt->uvnames[idx];
  return "";
}

/* Scan backwards from the faulting instruction for the one that last
** wrote `slot`: a local's name wins; MOV follows the copy; GGET, TGETS
** and UGET name a global, field (method if the object was also copied to
** the self slot just before) or upvalue; any other write, or an
** instruction that may have clobbered the slot as a base range (calls,
** KNIL, varargs), means the value has no name. */
const char *lu_debug_slotname(GCproto *pt, const BCIns *pc, BCReg slot,
                              const char **name)
{
  const BCIns *bc = proto_bc(pt);
  const BCIns *ip;
  for (;;) {
    const char *lname = lu_debug_varname(pt, (BCPos)(pc - bc), slot);
    if (lname != NULL) {
      *name = lname;
      return "local";
    }
    for (ip = pc - 1; ip > bc; ip--) {
      BCIns ins = *ip;
      BCOp op = bc_op(ins);
      BCReg ra = bc_a(ins);
      BCMode ma = bcmode_a(op);
      if (ma == BCMbase) {
        if (slot >= ra && (op != BC_KNIL || slot <= bc_d(ins)))
          return NULL;
      } else if (ma == BCMdst && ra == slot) {
        break;
      }
    }
    if (ip <= bc) return NULL;
    switch (bc_op(*ip)) {
    case BC_MOV:
      slot = (BCReg)bc_d(*ip);
      pc = ip;
      continue;  /* Name the source of the copy, as seen at the MOV. */
    case BC_GGET:
      *name = strdata(gco2str(proto_kgc(pt, bc_d(*ip))));
      return "global";
    case BC_TGETS:
      *name = strdata(gco2str(proto_kgc(pt, bc_c(*ip))));
      if (ip > bc + 1) {
        BCIns prev = ip[-1];
        if (bc_op(prev) == BC_MOV && bc_a(prev) == bc_a(*ip) + 2 &&
            bc_d(prev) == bc_b(*ip))
          return "method";
      }
      return "field";
    case BC_UGET:
      *name = lu_debug_uvname(pt, bc_d(*ip));
      return "upvalue";
    default:
      return NULL;
    }
  }
}

/* -- Frames ---------------------------------------------------------------- */

TValue *lu_debug_frameprev(TValue *base)
{
  if (frame_islua(base)) {
    const BCIns *pc = frame_pc(base);
    return base - 2 - bc_a(pc[-1]);
  }
  return frame_prevd(base);
}

/* The bottom pseudo-frame (the state's first frame) ends every walk. */
static int debug_isbottom(lua_State *L, TValue *base)
{
  return base <= L->stack + 2;
}

static int debug_isdummy(TValue *base)
{
  return !tvisfunc(frame_func(base));
}

TValue *lu_debug_frame(lua_State *L, int level, int *size)
{
  TValue *nextframe = NULL;
  TValue *frame = L->base;
  while (frame != NULL && !debug_isbottom(L, frame)) {
    if (debug_isdummy(frame)) level++;
    if (level-- == 0) {
      *size = nextframe ? (int)(nextframe - frame) : 0;
      return frame;
    }
    if (frame_typep(frame) == FRAME_VARG) level++;
    nextframe = frame;
    frame = lu_debug_frameprev(frame);
  }
  *size = level;
  return NULL;
}

/* PC saved by the interpreter for the Lua frame at L->base (it points
** after the executing instruction), if it belongs to prototype pt. */
static const BCIns *debug_savedpc(lua_State *L, GCproto *pt)
{
  const BCIns *pc = L->savedpc;
  if (pc == NULL || pc < proto_bc(pt) || pc > proto_bc(pt) + pt->sizebc)
    return NULL;
  return pc;
}

/* PC of the frame below a continuation frame (a metamethod called by the
** instruction at pc - 1 of that frame): saved in base[-3] (see vm.h). */
static const BCIns *debug_contpc(TValue *base)
{
  return (const BCIns *)(uintptr_t)base[-3].u64;
}

BCPos lu_debug_framepc(lua_State *L, TValue *base, TValue *nextframe)
{
  const BCIns *ins = NULL;
  GCproto *pt;
  GCfunc *fn;
  BCPos pos;
  if (!tvisfunc(frame_func(base))) return NO_BCPOS;
  fn = funcV(frame_func(base));
  if (!isluafunc(fn)) return NO_BCPOS;
  pt = funcproto(fn);
  if (nextframe != NULL && frame_islua(nextframe))
    ins = frame_pc(nextframe);
  else if (nextframe != NULL && frame_typep(nextframe) == FRAME_CONT)
    ins = debug_contpc(nextframe);
  else
    ins = debug_savedpc(L, pt);
  if (ins == NULL) return NO_BCPOS;
  pos = (BCPos)(ins - proto_bc(pt));
  /* A frame stopped at its header (stack overflow while entering it)
  ** reports its first instruction, as LuaJIT does. */
  if (pos == 0) return pt->sizebc > 1 ? 1 : NO_BCPOS;
  /* Otherwise the saved PC points after the executing instruction. */
  if (pos > pt->sizebc) return NO_BCPOS;
  return pos - 1;
}

const char *lu_debug_funcname(lua_State *L, TValue *base, const char **name)
{
  TValue *pframe;
  GCproto *pt;
  const BCIns *ip;
  BCPos pc;
  MMS mm;
  if (debug_isbottom(L, base)) return NULL;
  if (frame_typep(base) == FRAME_VARG) base = frame_prevd(base);
  if (debug_isbottom(L, base)) return NULL;
  pframe = lu_debug_frameprev(base);
  if (debug_isbottom(L, pframe) && !tvisfunc(frame_func(pframe)))
    return NULL;
  pc = lu_debug_framepc(L, pframe, base);
  if (pc == NO_BCPOS) return NULL;
  pt = funcproto(funcV(frame_func(pframe)));
  ip = proto_bc(pt) + pc;
  mm = (MMS)bcmode_mm(bc_op(*ip));
  if (mm == MM_call) {
    BCReg slot = bc_a(*ip);
    if (bc_op(*ip) == BC_ITERC || bc_op(*ip) == BC_ITERN) slot -= 3;
    return lu_debug_slotname(pt, ip, slot, name);
  } else if (mm != MM__MAX) {
    *name = strdata(G(L)->gcname[mm]);
    return "metamethod";
  }
  return NULL;
}

/* -- Chunk names ----------------------------------------------------------- */

void lu_debug_shortsrc(char *out, const char *src, size_t len)
{
  if (*src == '=') {
    size_t n = len - 1;
    if (n > LUA_IDSIZE - 1) n = LUA_IDSIZE - 1;
    memcpy(out, src + 1, n);
    out[n] = '\0';
  } else if (*src == '@') {
    size_t n = len - 1;
    if (n <= LUA_IDSIZE - 1) {
      memcpy(out, src + 1, n);
      out[n] = '\0';
    } else {
      size_t keep = LUA_IDSIZE - 4;  /* "..." + tail + NUL. */
      memcpy(out, "...", 3);
      memcpy(out + 3, src + len - keep, keep);
      out[3 + keep] = '\0';
    }
  } else {
    /* [string "source"], cut at the first control character or after
    ** LUA_IDSIZE - 12 bytes; a cut source shows at most LUA_IDSIZE - 15
    ** bytes followed by "...". */
    size_t n = 0;
    while (n < len && n < LUA_IDSIZE - 12 && (unsigned char)src[n] >= ' ')
      n++;
    strcpy(out, "[string \"");
    out += sizeof("[string \"") - 1;
    if (n < len && src[n] != '\0') {  /* Stops at an embedded NUL too. */
      if (n > LUA_IDSIZE - 15) n = LUA_IDSIZE - 15;
      memcpy(out, src, n);
      strcpy(out + n, "...\"]");
    } else {
      memcpy(out, src, n);
      strcpy(out + n, "\"]");
    }
  }
}

/* -- lua_getstack / lua_getinfo ---------------------------------------------
** lua_Debug.i_ci holds the frame's base as a slot offset from L->stack
** (stacks can hold more than 2^16 slots while handling an overflow, so
** nothing else is packed in). The next inner frame, needed for the PC, is
** found again by walking down from L->base.
*/

LUA_API int lua_getstack(lua_State *L, int level, lua_Debug *ar)
{
  int size;
  TValue *frame;
  if (level < 0) return 0;
  frame = lu_debug_frame(L, level, &size);
  if (frame == NULL) return 0;
  ar->i_ci = (int)(frame - L->stack);
  return 1;
}

static void debug_frameof(lua_State *L, const lua_Debug *ar, TValue **base,
                          TValue **nextframe)
{
  TValue *target = L->stack + ar->i_ci;
  TValue *frame = L->base;
  TValue *next = NULL;
  while (frame > target && !debug_isbottom(L, frame)) {
    next = frame;
    frame = lu_debug_frameprev(frame);
  }
  *base = target;
  *nextframe = frame == target ? next : NULL;
}

static void debug_pushactivelines(lua_State *L, GCfunc *fn)
{
  GCtab *t;
  if (!isluafunc(fn) || funcproto(fn)->lineinfo == NULL) {
    setnilV(L->top);
    L->top++;
    return;
  }
  {
    GCproto *pt = funcproto(fn);
    BCPos pc;
    t = lu_tab_new(L, 0, 0);
    settabV(L, L->top, t);
    L->top++;
    for (pc = 1; pc < pt->sizebc; pc++) {
      TValue *slot = lu_tab_setint(L, t, (int32_t)pt->lineinfo[pc]);
      setboolV(slot, 1);
    }
  }
}

int lu_debug_getinfo(lua_State *L, const char *what, lua_Debug *ar,
                     int *nparams, int *isvararg)
{
  TValue *base = NULL, *nextframe = NULL;
  TValue fv;
  GCfunc *fn;
  int ok = 1;
  if (*what == '>') {
    fv = L->top[-1];
    what++;
    if (!tvisfunc(&fv)) return 0;
    L->top--;
  } else {
    debug_frameof(L, ar, &base, &nextframe);
    fv = *frame_func(base);
    if (!tvisfunc(&fv)) return 0;
  }
  fn = funcV(&fv);
  for (; *what; what++) {
    switch (*what) {
    case 'S':
      if (isluafunc(fn)) {
        GCproto *pt = funcproto(fn);
        const char *src = pt->chunkname ? strdata(pt->chunkname) : "?";
        ar->source = src;
        lu_debug_shortsrc(ar->short_src, src,
                          pt->chunkname ? pt->chunkname->len : 1);
        ar->linedefined = (int)pt->firstline;
        ar->lastlinedefined = (int)(pt->firstline + pt->numline);
        /* Stripped bytecode has no line range: never "main". */
        ar->what = (pt->firstline != 0 || pt->numline == 0) ? "Lua" : "main";
      } else {
        ar->source = "=[C]";
        strcpy(ar->short_src, "[C]");
        ar->linedefined = -1;
        ar->lastlinedefined = -1;
        ar->what = "C";
      }
      break;
    case 'l':
      if (base != NULL && isluafunc(fn)) {
        BCPos pc = lu_debug_framepc(L, base, nextframe);
        ar->currentline = pc == NO_BCPOS ? -1 :
                          (int)lu_debug_line(funcproto(fn), pc);
      } else {
        ar->currentline = -1;
      }
      break;
    case 'u':
      ar->nups = fn->c.nupvalues;
      if (nparams != NULL) {
        if (isluafunc(fn)) {
          GCproto *pt = funcproto(fn);
          *nparams = pt->numparams;
          *isvararg = (pt->flags & PROTO_VARARG) != 0;
        } else {
          *nparams = 0;
          *isvararg = 1;
        }
      }
      break;
    case 'n':
      if (base != NULL) {
        ar->namewhat = lu_debug_funcname(L, base, &ar->name);
        if (ar->namewhat == NULL) {
          ar->namewhat = "";
          ar->name = NULL;
        }
      } else {
        ar->namewhat = "";
        ar->name = NULL;
      }
      break;
    case 'f':
      copyTV(L, L->top, &fv);
      L->top++;
      break;
    case 'L':
      debug_pushactivelines(L, fn);
      break;
    default:
      ok = 0;  /* Invalid option. */
      break;
    }
  }
  return ok;
}

LUA_API int lua_getinfo(lua_State *L, const char *what, lua_Debug *ar)
{
  return lu_debug_getinfo(L, what, ar, NULL, NULL);
}

/* -- Locals ------------------------------------------------------------------
** n > 0: the n-th active local (parameters first), or "(*temporary)" for
** a slot in use beyond the named ones. n < 0: the -n-th vararg
** ("(*vararg)") of a vararg function.
*/

static TValue *debug_localslot(lua_State *L, const lua_Debug *ar,
                               const char **name, int n)
{
  TValue *base, *nextframe, *limit;
  GCfunc *fn;
  BCPos pc;
  debug_frameof(L, ar, &base, &nextframe);
  if (!tvisfunc(frame_func(base))) return NULL;
  fn = funcV(frame_func(base));
  pc = lu_debug_framepc(L, base, nextframe);
  limit = nextframe ? nextframe - 2 : L->top;
  *name = NULL;
  if (n < 0) {
    if (pc != NO_BCPOS && isluafunc(fn) &&
        (funcproto(fn)->flags & PROTO_VARARG)) {
      int slot = funcproto(fn)->numparams + (-n) - 1;
      if (frame_typep(base) == FRAME_VARG) {
        limit = base - 2;
        base = frame_prevd(base);
      }
      if (base + slot < limit) {
        *name = "(*vararg)";
        return base + slot;
      }
    }
    return NULL;
  }
  if (n == 0) return NULL;
  if (pc != NO_BCPOS &&
      (*name = lu_debug_varname(funcproto(fn), pc, (BCReg)(n - 1))) != NULL)
    return base + n - 1;
  if (base + n - 1 < limit) {
    *name = "(*temporary)";
    return base + n - 1;
  }
  return NULL;
}

LUA_API const char *lua_getlocal(lua_State *L, const lua_Debug *ar, int n)
{
  const char *name = NULL;
  if (ar != NULL) {
    TValue *o = debug_localslot(L, ar, &name, n);
    if (name != NULL) {
      copyTV(L, L->top, o);
      L->top++;
    }
  } else if (L->top > L->base && tvisfunc(L->top - 1) &&
             isluafunc(funcV(L->top - 1)) && n > 0) {
    name = lu_debug_varname(funcproto(funcV(L->top - 1)), 0, (BCReg)(n - 1));
  }
  return name;
}

LUA_API const char *lua_setlocal(lua_State *L, const lua_Debug *ar, int n)
{
  const char *name = NULL;
  TValue *o = debug_localslot(L, ar, &name, n);
  if (name != NULL) copyTV(L, o, L->top - 1);
  L->top--;
  return name;
}

/* -- Upvalues ---------------------------------------------------------------- */

/* Stack index to value, for the function arguments of the upvalue API
** (plain stack indices; pseudo-indices are not functions anyway except
** upvalue/environment entries, which the API resolves). */
static TValue *debug_index(lua_State *L, int idx)
{
  if (idx > 0) {
    TValue *o = L->base + idx - 1;
    return o < L->top ? o : NULL;
  }
  if (idx < 0 && idx > LUA_REGISTRYINDEX) {
    TValue *o = L->top + idx;
    return o >= L->base ? o : NULL;
  }
  return NULL;
}

/* Value slot and name of upvalue n of function fo, or NULL. */
static TValue *debug_upvalue(const TValue *fo, uint32_t n, const char **name,
                             GCobj **owner)
{
  GCfunc *fn;
  if (fo == NULL || !tvisfunc(fo)) return NULL;
  fn = funcV(fo);
  n--;
  if (n >= fn->c.nupvalues) return NULL;
  if (isluafunc(fn)) {
    GCupval *uv = fn->l.uvptr[n];
    *name = lu_debug_uvname(funcproto(fn), n);
    if (owner) *owner = obj2gco(uv);
    return uv->v;
  }
  *name = "";
  if (owner) *owner = obj2gco(fn);
  return &fn->c.upvalue[n];
}

LUA_API const char *lua_getupvalue(lua_State *L, int idx, int n)
{
  const char *name = NULL;
  TValue *o = debug_upvalue(debug_index(L, idx), (uint32_t)n, &name, NULL);
  if (o == NULL) return NULL;
  copyTV(L, L->top, o);
  L->top++;
  return name;
}

LUA_API const char *lua_setupvalue(lua_State *L, int idx, int n)
{
  const char *name = NULL;
  GCobj *owner = NULL;
  TValue *o = debug_upvalue(debug_index(L, idx), (uint32_t)n, &name, &owner);
  if (o == NULL) return NULL;
  L->top--;
  copyTV(L, o, L->top);
  if (owner->gch.gct == LU_GCT_UPVAL)
    lu_gc_uvbarrier(L, &owner->uv, o);
  else if (tvisgcv(o) && isblack(owner) && iswhite(gcval(o)))
    lu_gc_barrierf(G(L), owner, gcval(o));
  return name;
}

LUA_API void *lua_upvalueid(lua_State *L, int idx, int n)
{
  TValue *fo = debug_index(L, idx);
  GCfunc *fn;
  if (fo == NULL || !tvisfunc(fo)) return NULL;
  fn = funcV(fo);
  n--;
  if ((uint32_t)n >= fn->c.nupvalues) return NULL;
  if (isluafunc(fn)) return fn->l.uvptr[n];
  return &fn->c.upvalue[n];
}

LUA_API void lua_upvaluejoin(lua_State *L, int idx1, int n1, int idx2, int n2)
{
  TValue *f1 = debug_index(L, idx1);
  TValue *f2 = debug_index(L, idx2);
  GCfunc *fn1, *fn2;
  if (f1 == NULL || f2 == NULL || !tvisfunc(f1) || !tvisfunc(f2)) return;
  fn1 = funcV(f1);
  fn2 = funcV(f2);
  if (!isluafunc(fn1) || !isluafunc(fn2)) return;
  n1--;
  n2--;
  if ((uint32_t)n1 >= fn1->l.nupvalues || (uint32_t)n2 >= fn2->l.nupvalues)
    return;
  fn1->l.uvptr[n1] = fn2->l.uvptr[n2];
  lu_gc_objbarrier(L, fn1, fn1->l.uvptr[n1]);
}

/* -- Hooks ------------------------------------------------------------------- */

LUA_API int lua_sethook(lua_State *L, lua_Hook func, int mask, int count)
{
  global_State *g = G(L);
  mask &= HOOK_EVENTMASK;
  if (func == NULL || mask == 0) {
    mask = 0;
    func = NULL;
  }
  g->hookf = func;
  g->hookcount = g->hookcstart = count;
  g->hookmask = (g->hookmask & ~HOOK_EVENTMASK) | mask;
  lu_dispatch_update(g);
  return 1;
}

LUA_API lua_Hook lua_gethook(lua_State *L)
{
  return G(L)->hookf;
}

LUA_API int lua_gethookmask(lua_State *L)
{
  return G(L)->hookmask & HOOK_EVENTMASK;
}

LUA_API int lua_gethookcount(lua_State *L)
{
  return G(L)->hookcstart;
}

void lu_debug_hook(lua_State *L, int event, BCLine line)
{
  global_State *g = G(L);
  lua_Hook hookf = g->hookf;
  if (hookf != NULL && !(g->hookmask & HOOK_ACTIVE)) {
    ptrdiff_t top = (char *)L->top - (char *)L->stack;
    const BCIns *savedpc = L->savedpc;  /* Lua code in the hook moves it. */
    lua_Debug ar;
    ar.event = event;
    ar.currentline = line;
    ar.i_ci = (int)(L->base - L->stack);  /* Level 0 = the hooked frame. */
    lu_state_checkstack(L, LUA_MINSTACK);
    g->hookmask |= HOOK_ACTIVE;
    hookf(L, &ar);
    g->hookmask &= ~HOOK_ACTIVE;
    L->top = (TValue *)((char *)L->stack + top);
    L->savedpc = savedpc;
  }
}

void lu_debug_hookins(lua_State *L, const BCIns *pc)
{
  global_State *g = G(L);
  const BCIns *oldpc = L->savedpc;
  GCproto *pt;
  L->savedpc = pc;
  if (g->hookmask & HOOK_ACTIVE) return;
  if (!tvisfunc(frame_func(L->base)) ||
      !isluafunc(funcV(frame_func(L->base))))
    return;
  pt = funcproto(funcV(frame_func(L->base)));
  if ((g->hookmask & LUA_MASKCOUNT) && --g->hookcount <= 0) {
    g->hookcount = g->hookcstart;
    lu_debug_hook(L, LUA_HOOKCOUNT, -1);
  }
  if (g->hookmask & LUA_MASKLINE) {
    const BCIns *bc = proto_bc(pt);
    BCLine line = lu_debug_line(pt, (BCPos)(pc - bc - 1));
    if (oldpc == NULL || oldpc <= bc || oldpc > bc + pt->sizebc ||
        pc <= oldpc || line != lu_debug_line(pt, (BCPos)(oldpc - bc - 1)))
      lu_debug_hook(L, LUA_HOOKLINE, line);
  }
  if ((g->hookmask & LUA_MASKRET) && bc_isret(bc_op(pc[-1])))
    lu_debug_hook(L, LUA_HOOKRET, -1);
}

void lu_debug_hookcall(lua_State *L)
{
  if (G(L)->hookmask & LUA_MASKCALL)
    lu_debug_hook(L, LUA_HOOKCALL, -1);
}

/* -- Tracebacks ---------------------------------------------------------------
** "stack traceback:" then one line per level. A deep stack shows its first
** TB_HEAD levels, "...", and its last TB_TAIL levels (only when that
** leaves out more than one level).
*/

#define TB_HEAD  11
#define TB_TAIL  10

/* Highest existing level of L1 (>= from, which exists). */
static int debug_lastlevel(lua_State *L1, int from)
{
  lua_Debug ar;
  int last = from;
  int step = 1;
  while (lua_getstack(L1, last + step, &ar)) {
    last += step;
    step *= 2;
  }
  while (step > 1) {  /* last exists, last + step does not. */
    step /= 2;
    if (lua_getstack(L1, last + step, &ar)) last += step;
  }
  return last;
}

LUALIB_API void luaL_traceback(lua_State *L, lua_State *L1, const char *msg,
                               int level)
{
  int top = (int)(L->top - L->base);
  int count = 0;
  lua_Debug ar;
  if (msg != NULL) lua_pushfstring(L, "%s\n", msg);
  lua_pushliteral(L, "stack traceback:");
  while (lua_getstack(L1, level, &ar)) {
    GCfunc *fn;
    if (count++ == TB_HEAD) {
      int last = debug_lastlevel(L1, level);
      if (last - level + 1 > TB_HEAD) {
        lua_pushliteral(L, "\n\t...");
        level = last - TB_TAIL + 1;
        lua_getstack(L1, level, &ar);
      }
    }
    level++;
    lua_getinfo(L1, "Snlf", &ar);
    fn = funcV(L1->top - 1);
    L1->top--;
    if (isffunc(fn) && *ar.namewhat == '\0')
      lua_pushfstring(L, "\n\t[builtin#%d]:", (int)fn->c.ffid);
    else
      lua_pushfstring(L, "\n\t%s:", ar.short_src);
    if (ar.currentline > 0)
      lua_pushfstring(L, "%d:", ar.currentline);
    if (*ar.namewhat != '\0') {
      lua_pushfstring(L, " in function '%s'", ar.name);
    } else if (*ar.what == 'm') {
      lua_pushliteral(L, " in main chunk");
    } else if (*ar.what == 'C') {
      lua_pushfstring(L, " at %p", (void *)(uintptr_t)fn->c.f);
    } else {
      lua_pushfstring(L, " in function <%s:%d>", ar.short_src,
                      ar.linedefined);
    }
    if ((int)(L->top - L->base) - top >= 15)
      lua_concat(L, (int)(L->top - L->base) - top);
  }
  lua_concat(L, (int)(L->top - L->base) - top);
}
