/*
** lunar: error messages and the error-raising API (everything in err.h
** except lu_err_throw, which lives with the unwinder in src/vm/call.c).
**
** Every runtime error goes the same way: the message is formatted from the
** errmsg.h table, prefixed with "chunk:line: " of the innermost frame when
** that frame runs a Lua function, pushed on the stack and thrown with
** lu_err_throw. Messages naming a variable ("attempt to index local 't'")
** get the name from the bytecode and debug info through src/vm/debug.c.
*/
#include <stdio.h>

#include "err.h"
#include "str.h"
#include "strfmt.h"
#include "state.h"
#include "../vm/debug.h"

/* -- Message table --------------------------------------------------------- */

const char *const lu_err_allmsg[] = {
#define ERRDEF(name, msg)  msg,
#include "errmsg.h"
#undef ERRDEF
  NULL
};

/* -- Helpers --------------------------------------------------------------- */

/* Make sure there is room for a couple of pushes while raising an error.
** The stack always keeps LU_STACK_EXTRA slots beyond maxstack for this. */
static void err_room(lua_State *L)
{
  if (L->top + 2 >= L->maxstack + LU_STACK_EXTRA - 1)
    L->top = L->maxstack;  /* Drop garbage temporaries, never overflow. */
}

/* Push msg prefixed with the position of the Lua function running in frame
** `base` (whose next inner frame is nextframe), or msg alone when that
** frame is not a Lua function or its position is unknown. */
static void err_addloc(lua_State *L, const char *msg, TValue *base,
                       TValue *nextframe)
{
  if (base != NULL && tvisfunc(frame_func(base))) {
    GCfunc *fn = funcV(frame_func(base));
    if (isluafunc(fn)) {
      BCPos pc = lu_debug_framepc(L, base, nextframe);
      if (pc != NO_BCPOS) {
        GCproto *pt = funcproto(fn);
        char buf[LUA_IDSIZE];
        if (pt->chunkname != NULL)
          lu_debug_shortsrc(buf, strdata(pt->chunkname), pt->chunkname->len);
        else
          strcpy(buf, "?");
        lu_str_pushf(L, "%s:%d: %s", buf, (int)lu_debug_line(pt, pc), msg);
        return;
      }
    }
  }
  lu_str_pushf(L, "%s", msg);
}

/* The innermost frame's base, or NULL when no frame is active. */
static TValue *err_curframe(lua_State *L)
{
  if (L->base == NULL || L->base <= L->stack + 2) return NULL;
  return L->base;
}

/* -- Raising errors -------------------------------------------------------- */

void lu_err_mem(lua_State *L)
{
  /* The message string is preallocated and fixed by lu_state_open. */
  err_room(L);
  setstrV(L, L->top, lu_state_errmem(L));
  L->top++;
  lu_err_throw(L, LUA_ERRMEM);
}

void lu_err_run(lua_State *L)
{
  lu_err_throw(L, LUA_ERRRUN);
}

/* Format em with argp, add the position of the innermost Lua frame, throw. */
static LU_NORET void err_msgv(lua_State *L, ErrMsg em, va_list argp)
{
  const char *msg;
  err_room(L);
  msg = lu_str_pushvf(L, err2msg(em), argp);
  /* A stack overflow is detected while a new frame is being set up, where
  ** LuaJIT has no position to report. */
  if (em != LU_ERR_STKOV)
    err_addloc(L, msg, err_curframe(L), NULL);
  lu_err_run(L);
}

void lu_err_msgv(lua_State *L, ErrMsg em, ...)
{
  va_list argp;
  va_start(argp, em);
  err_msgv(L, em, argp);
  va_end(argp);
}

void lu_err_msg(lua_State *L, ErrMsg em)
{
  lu_err_msgv(L, em);
}

void lu_err_str(lua_State *L, const char *msg)
{
  err_room(L);
  err_addloc(L, msg, err_curframe(L), NULL);
  lu_err_run(L);
}

/* Lexer/parser error. LuaJIT's form: "chunk:line: msg near 'tok'", where
** line is the line being scanned and tok the offending token text. */
void lu_err_lex(lua_State *L, GCstr *src, const char *tok, BCLine line,
                ErrMsg em, va_list argp)
{
  char buf[LUA_IDSIZE];
  const char *msg;
  err_room(L);
  if (src != NULL)
    lu_debug_shortsrc(buf, strdata(src), src->len);
  else
    strcpy(buf, "?");
  msg = lu_str_pushvf(L, err2msg(em), argp);
  msg = lu_str_pushf(L, "%s:%d: %s", buf, (int)line, msg);
  if (tok != NULL)
    lu_str_pushf(L, err2msg(LU_ERR_XNEAR), msg, tok);
  lu_err_throw(L, LUA_ERRSYNTAX);
}

/* -- Operand type errors ----------------------------------------------------
** The culprit is named after the slot it came from, as seen by the
** instruction being executed in the innermost Lua frame.
*/

/* Slot of the current Lua frame that holds o, or -1. */
static int err_slotof(lua_State *L, const TValue *o, GCproto **ptp,
                      const BCIns **pcp)
{
  TValue *base = err_curframe(L);
  GCfunc *fn;
  BCPos pc;
  if (base == NULL || !tvisfunc(frame_func(base))) return -1;
  fn = funcV(frame_func(base));
  if (!isluafunc(fn)) return -1;
  if (o < base || o >= base + funcproto(fn)->framesize) return -1;
  pc = lu_debug_framepc(L, base, NULL);
  if (pc == NO_BCPOS) return -1;
  *ptp = funcproto(fn);
  *pcp = proto_bc(*ptp) + pc;
  return (int)(o - base);
}

void lu_err_optype(lua_State *L, const TValue *o, ErrMsg opm)
{
  const char *tname = lu_typename(o);
  const char *opname = err2msg(opm);
  GCproto *pt;
  const BCIns *pc;
  int slot = err_slotof(L, o, &pt, &pc);
  if (slot >= 0) {
    const char *name = NULL;
    const char *kind = lu_debug_slotname(pt, pc, (BCReg)slot, &name);
    if (kind != NULL)
      lu_err_msgv(L, LU_ERR_BADOPRT, opname, kind, name, tname);
  }
  lu_err_msgv(L, LU_ERR_BADOPRV, opname, tname);
}

void lu_err_optype_call(lua_State *L, TValue *o)
{
  lu_err_optype(L, o, LU_ERR_OPCALL);
}

void lu_err_badcall(lua_State *L, const TValue *o)
{
  const char *tname = lu_typename(o);
  err_room(L);
  lu_str_pushf(L, err2msg(LU_ERR_BADCALL), tname);
  lu_err_run(L);
}

void lu_err_comp(lua_State *L, const TValue *o1, const TValue *o2)
{
  const char *t1 = lu_typename(o1);
  const char *t2 = lu_typename(o2);
  if (strcmp(t1, t2) == 0)
    lu_err_msgv(L, LU_ERR_BADCMPV, t1);
  lu_err_msgv(L, LU_ERR_BADCMPT, t1, t2);
}

/* -- Argument errors ----------------------------------------------------------
** "bad argument #n to 'fname' (msg)". The function is named from the
** caller's call instruction; for a method call the self argument does not
** count ("calling 'f' on bad self" when self itself is bad).
*/

void lu_err_callermsg(lua_State *L, const char *msg)
{
  TValue *base = err_curframe(L);
  TValue *pframe = NULL;
  /* The caller's position, if the C function was called by Lua code
  ** directly or as a metamethod (continuation frame). */
  if (base != NULL &&
      (frame_islua(base) || frame_typep(base) == FRAME_CONT))
    pframe = lu_debug_frameprev(base);
  err_room(L);
  err_addloc(L, msg, pframe, base);
  lu_err_run(L);
}

void lu_err_argmsg(lua_State *L, int narg, const char *msg)
{
  const char *fname = "?";
  const char *ftype = NULL;
  TValue *base = err_curframe(L);
  err_room(L);
  if (base != NULL)
    ftype = lu_debug_funcname(L, base, &fname);
  if (narg < 0 && narg > LUA_REGISTRYINDEX)
    narg = (int)(L->top - L->base) + narg + 1;
  if (ftype != NULL && strcmp(ftype, "method") == 0 && --narg == 0)
    msg = lu_str_pushf(L, err2msg(LU_ERR_BADSELF), fname, msg);
  else
    msg = lu_str_pushf(L, err2msg(LU_ERR_BADARG), narg, fname, msg);
  lu_err_callermsg(L, msg);
}

void lu_err_argv(lua_State *L, int narg, ErrMsg em, ...)
{
  const char *msg;
  va_list argp;
  va_start(argp, em);
  err_room(L);
  msg = lu_str_pushvf(L, err2msg(em), argp);
  va_end(argp);
  lu_err_argmsg(L, narg, msg);
}

void lu_err_arg(lua_State *L, int narg, ErrMsg em)
{
  lu_err_argv(L, narg, em);
}

/* "xname expected, got <type of argument narg>" (no value if absent). */
void lu_err_argtype(lua_State *L, int narg, const char *xname)
{
  const char *tname;
  const char *msg;
  TValue *o = narg < 0 ? L->top + narg : L->base + narg - 1;
  if (o < L->top && o >= L->base)
    tname = lu_typename(o);
  else
    tname = "no value";
  err_room(L);
  msg = lu_str_pushf(L, err2msg(LU_ERR_BADTYPE), xname, tname);
  lu_err_argmsg(L, narg, msg);
}

/* Type name by public type tag (LUA_TNIL ...), for lu_err_argt. */
static const char *const err_tagname[] = {
  "nil", "boolean", "userdata", "number", "string", "table", "function",
  "userdata", "thread"
};

void lu_err_argt(lua_State *L, int narg, int tt)
{
  const char *xname = (tt >= 0 && tt < (int)lu_countof(err_tagname)) ?
                      err_tagname[tt] : "no value";
  lu_err_argtype(L, narg, xname);
}
