/*
** lunar: the `jit` module, in the shape programs use to detect LuaJIT.
**
** lunar has no trace compiler yet (phase 3). The module keeps what the
** JIT will need: the on/off mode, the optimisation flags and the numeric
** parameters of jit.opt.start, checked and stored per state exactly as
** LuaJIT accepts them, so code that tunes the JIT runs unchanged.
**
** jit.util (require "jit.util", preloaded as in LuaJIT) is the
** introspection module of LuaJIT's tools: funcinfo, funcbc, funck and
** funcuvname read prototypes (bytecode, constants, debug info) with
** LuaJIT's result shapes; the trace functions return nothing, as LuaJIT's
** do for a trace that does not exist (without a JIT none ever does).
*/
#include <stdlib.h>
#include <string.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "../api/luajit.h"
#include "lib.h"
#include "../core/obj.h"
#include "../parse/bc.h"
#include "../parse/bclist.h"
#include "../vm/debug.h"

/* Optimisation flags, in LuaJIT's order (name, bit). */
#define JIT_FLAGDEF(_) \
  _(fold) _(cse) _(dce) _(fwd) _(dse) _(narrow) _(loop) _(abc) _(sink) _(fuse)

enum {
#define JIT_FLAGENUM(name)  JIT_F_##name##_BIT,
  JIT_FLAGDEF(JIT_FLAGENUM)
#undef JIT_FLAGENUM
  JIT_F__MAX
};
#define JIT_F(name)  (1u << JIT_F_##name##_BIT)

static const char *const jit_flagnames[] = {
#define JIT_FLAGNAME(name)  #name,
  JIT_FLAGDEF(JIT_FLAGNAME)
#undef JIT_FLAGNAME
  NULL
};

#define JIT_OPT_1  (JIT_F(fold) | JIT_F(cse) | JIT_F(dce))
#define JIT_OPT_2  (JIT_OPT_1 | JIT_F(narrow) | JIT_F(loop))
#define JIT_OPT_3  (JIT_OPT_2 | JIT_F(fwd) | JIT_F(dse) | JIT_F(abc) | \
                    JIT_F(sink) | JIT_F(fuse))

/* Numeric parameters (name, default), as jit.opt.start accepts them. */
#define JIT_PARAMDEF(_) \
  _(maxtrace, 1000) _(maxrecord, 4000) _(maxirconst, 500) _(maxside, 100) \
  _(maxsnap, 500) _(minstitch, 0) _(hotloop, 56) _(hotexit, 10) \
  _(tryside, 4) _(instunroll, 4) _(loopunroll, 15) _(callunroll, 3) \
  _(recunroll, 2) _(sizemcode, 32) _(maxmcode, 512)

enum {
#define JIT_PARAMENUM(name, def)  JIT_P_##name,
  JIT_PARAMDEF(JIT_PARAMENUM)
#undef JIT_PARAMENUM
  JIT_P__MAX
};

static const char *const jit_paramnames[] = {
#define JIT_PARAMNAME(name, def)  #name,
  JIT_PARAMDEF(JIT_PARAMNAME)
#undef JIT_PARAMNAME
  NULL
};

static const int32_t jit_paramdefault[] = {
#define JIT_PARAMDEFV(name, def)  def,
  JIT_PARAMDEF(JIT_PARAMDEFV)
#undef JIT_PARAMDEFV
};

typedef struct JitConfig {
  int on;                       /* jit.on()/jit.off() mode. */
  uint32_t flags;               /* Optimisation flags. */
  int32_t param[JIT_P__MAX];    /* Numeric parameters. */
} JitConfig;

static JitConfig *jit_config(lua_State *L)
{
  return (JitConfig *)lua_touserdata(L, lua_upvalueindex(1));
}

/* on/off/flush take nothing, a function, a prototype (jit.util.funck) or
** a boolean (plus an optional "recursive" flag); anything else is an
** argument error. */
static void jit_checkarg(lua_State *L)
{
  if (!lua_isnoneornil(L, 1) && !lua_isboolean(L, 1) &&
      !tvisproto(L->base)) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    if (lua_iscfunction(L, 1))  /* Only Lua functions have a JIT mode. */
      luaL_argerror(L, 1, "function expected, got function");
  }
}

static int jit_on(lua_State *L)
{
  jit_checkarg(L);
  if (lua_isnoneornil(L, 1)) jit_config(L)->on = 1;
  return 0;
}

static int jit_off(lua_State *L)
{
  jit_checkarg(L);
  if (lua_isnoneornil(L, 1)) jit_config(L)->on = 0;
  return 0;
}

static int jit_flush(lua_State *L)
{
  if (!lua_isnoneornil(L, 1) && !lua_isnumber(L, 1)) jit_checkarg(L);
  return 0;  /* No compiled code to flush. */
}

/* status(): mode, then the CPU features, then the enabled flags. */
static int jit_status(lua_State *L)
{
  JitConfig *jc = jit_config(L);
  int i, n = 1;
  lua_pushboolean(L, jc->on);
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse3")) { lua_pushliteral(L, "SSE3"); n++; }
  if (__builtin_cpu_supports("sse4.1")) { lua_pushliteral(L, "SSE4.1"); n++; }
  if (__builtin_cpu_supports("bmi2")) { lua_pushliteral(L, "BMI2"); n++; }
  for (i = 0; i < JIT_F__MAX; i++) {
    if (jc->flags & (1u << i)) {
      lua_pushstring(L, jit_flagnames[i]);
      n++;
    }
  }
  return n;
}

/* attach(f [, event]): JIT events never fire without a JIT, so keeping
** the registration is all there is to do. */
static int jit_attach(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TFUNCTION);
  return 0;
}

static int jit_findname(const char *const *names, const char *s, size_t len)
{
  int i;
  for (i = 0; names[i]; i++)
    if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0) return i;
  return -1;
}

/* One jit.opt.start argument: a level (number), "+flag", "-flag", "flag"
** or "param=value". Returns 0 if malformed. */
static int jit_opt1(JitConfig *jc, lua_State *L, int narg)
{
  size_t len;
  const char *s;
  if (lua_type(L, narg) == LUA_TNUMBER) {
    static const uint32_t level[] = { 0, JIT_OPT_1, JIT_OPT_2, JIT_OPT_3 };
    int n = (int)lua_tointeger(L, narg);
    if (n < 0) return 0;
    jc->flags = level[n > 3 ? 3 : n];  /* Levels above 3 are 3. */
    return 1;
  }
  s = luaL_checklstring(L, narg, &len);
  if ((len == 1 && s[0] >= '0' && s[0] <= '3') ||
      (len == 2 && s[0] == 'O' && s[1] >= '0' && s[1] <= '3')) {
    static const uint32_t level[] = { 0, JIT_OPT_1, JIT_OPT_2, JIT_OPT_3 };
    jc->flags = level[s[len - 1] - '0'];
    return 1;
  } else {
    const char *eq = memchr(s, '=', len);
    if (eq) {
      int p = jit_findname(jit_paramnames, s, (size_t)(eq - s));
      char *end;
      long v;
      if (p < 0) return 0;
      v = strtol(eq + 1, &end, 10);  /* An empty value is 0, as LuaJIT. */
      if (*end != '\0' || v < 0 || v > 0x7fffffff) return 0;
      jc->param[p] = (int32_t)v;
      return 1;
    } else {
      int on = 1, f;
      if (*s == '+' || *s == '-') { on = (*s == '+'); s++; len--; }
      else if (len > 2 && s[0] == 'n' && s[1] == 'o') { on = 0; s += 2; len -= 2; }
      f = jit_findname(jit_flagnames, s, len);
      if (f < 0) return 0;
      if (on) jc->flags |= 1u << f;
      else jc->flags &= ~(1u << f);
      return 1;
    }
  }
}

static int jit_opt_start(lua_State *L)
{
  JitConfig *jc = jit_config(L);
  int i, n = lua_gettop(L);
  if (n == 0) {
    jc->flags = JIT_OPT_3;
    memcpy(jc->param, jit_paramdefault, sizeof(jc->param));
  }
  for (i = 1; i <= n; i++) {
    if (!jit_opt1(jc, L, i))
      luaL_error(L, "unknown or malformed optimization flag " LUA_QS,
                 luaL_checkstring(L, i));
  }
  return 0;
}

/* jit.security(what): the security features in effect, reported with
** LuaJIT's values ("prng", "strhash", "strid", "mcode" are all 1: lunar
** seeds its string hash and PRNG per state and has no machine code). */
static int jit_security(lua_State *L)
{
  static const char *const opts[] = {
    "prng", "strhash", "strid", "mcode", NULL
  };
  const char *s = luaL_checkstring(L, 1);
  int i;
  for (i = 0; opts[i] != NULL; i++) {
    if (strcmp(s, opts[i]) == 0) {
      lua_pushinteger(L, 1);
      return 1;
    }
  }
  return luaL_argerror(L, 1, lua_pushfstring(L, "invalid option '%s'", s));
}

/* -- jit.util ---------------------------------------------------------------- */

/* LuaJIT's metamethod count (lunar's MMDEF plus __new, __pairs and
** __ipairs), which is what funcbc's mode word holds for "no metamethod". */
#define JU_MM_NONE  22

/* The stack slot of argument narg (1-based, present). */
static TValue *ju_arg(lua_State *L, int narg)
{
  return L->base + (narg - 1);
}

/* The prototype of argument narg: a Lua function or a prototype (funck
** returns nested prototypes as such, and they can be passed back).
** Anything else, C functions included, is "function expected". */
static GCproto *ju_checkproto(lua_State *L, int narg)
{
  if (narg <= lua_gettop(L)) {
    TValue *o = ju_arg(L, narg);
    if (tvisproto(o)) return protoV(o);
    if (tvisfunc(o) && isluafunc(funcV(o))) return funcproto(funcV(o));
  }
  luaL_typerror(L, narg, "function");
  return NULL;  /* Not reached. */
}

/* The source line of position pc as LuaJIT's tools see it: 0 without
** line info or past the end, the last line for pc == sizebc (the end of
** the function), else the instruction's line (pc 0, the header, has the
** line the function is defined on). */
static BCLine ju_line(GCproto *pt, lua_Integer pc)
{
  if (pt->lineinfo == NULL || pc < 0 || pc > (lua_Integer)pt->sizebc)
    return 0;
  if (pc == (lua_Integer)pt->sizebc) return pt->firstline + pt->numline;
  return pt->lineinfo[pc];
}

static void ju_setint(lua_State *L, const char *k, lua_Integer v)
{
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

static void ju_setbool(lua_State *L, const char *k, int v)
{
  lua_pushboolean(L, v);
  lua_setfield(L, -2, k);
}

/* funcinfo(f [, pc]): a table describing the Lua function or prototype f
** (at position pc, default 0: currentline only for pc inside the
** function) or the C function f (its address, fast function id and
** number of upvalues). */
static int ju_funcinfo(lua_State *L)
{
  TValue *o = lua_gettop(L) >= 1 ? ju_arg(L, 1) : NULL;
  if (o != NULL && tvisfunc(o) && iscfunc(funcV(o))) {
    GCfunc *fn = funcV(o);
    lua_createtable(L, 0, 4);
    lua_pushnumber(L, (lua_Number)(uintptr_t)fn->c.f);
    lua_setfield(L, -2, "addr");
    ju_setint(L, "ffid", fn->c.ffid);
    ju_setint(L, "upvalues", fn->c.nupvalues);
    return 1;
  } else {
    GCproto *pt = ju_checkproto(L, 1);
    lua_Integer pc = luaL_optinteger(L, 2, 0);
    char loc[128];
    lua_createtable(L, 0, 16);
    ju_setint(L, "linedefined", pt->firstline);
    ju_setint(L, "lastlinedefined", pt->firstline + pt->numline);
    ju_setint(L, "stackslots", pt->framesize);
    ju_setint(L, "params", pt->numparams);
    ju_setint(L, "bytecodes", pt->sizebc);
    ju_setint(L, "gcconsts", pt->sizekgc);
    ju_setint(L, "nconsts", pt->sizekn);
    ju_setint(L, "upvalues", pt->sizeuv);
    if (pc >= 0 && pc < (lua_Integer)pt->sizebc)
      ju_setint(L, "currentline", ju_line(pt, pc));
    ju_setbool(L, "isvararg", (pt->flags & PROTO_VARARG) != 0);
    ju_setbool(L, "children", (pt->flags & PROTO_CHILD) != 0);
    if (pt->chunkname != NULL) {
      setstrV(L, L->top, pt->chunkname);
      L->top++;
    } else {
      lua_pushliteral(L, "?");
    }
    lua_setfield(L, -2, "source");
    lu_bclist_loc(loc, sizeof(loc), pt, ju_line(pt, pc));
    lua_pushstring(L, loc);
    lua_setfield(L, -2, "loc");
    setprotoV(L, L->top, pt);
    L->top++;
    lua_setfield(L, -2, "proto");
    return 1;
  }
}

/* funcbc(f, pc): instruction pc (0 is the header) and its operand mode
** word (A | B << 3 | C/D << 7 | metamethod << 11, as LuaJIT's); nothing
** past the end. */
static int ju_funcbc(lua_State *L)
{
  GCproto *pt = ju_checkproto(L, 1);
  lua_Integer pc = luaL_checkinteger(L, 2);
  BCIns ins;
  uint32_t mode;
  if (pc < 0 || pc >= (lua_Integer)pt->sizebc) return 0;
  ins = proto_bc(pt)[pc];
  mode = lu_bc_mode[bc_op(ins)];
  if (bcmode_mm(bc_op(ins)) == MM__MAX)
    mode = (mode & 0x7ff) | ((uint32_t)JU_MM_NONE << 11);
  lua_pushnumber(L, (lua_Number)(int32_t)ins);  /* Signed, as LuaJIT. */
  lua_pushinteger(L, (lua_Integer)mode);
  return 2;
}

/* funck(f, idx): numeric constant idx (>= 0) or GC constant idx (< 0;
** -1 is the one a KSTR/FNEW/TDUP with D = 0 names): a string, a template
** table, a nested prototype or a cdata. Nothing out of range. */
static int ju_funck(lua_State *L)
{
  GCproto *pt = ju_checkproto(L, 1);
  lua_Integer idx = luaL_checkinteger(L, 2);
  if (idx >= 0) {
    if (idx >= (lua_Integer)pt->sizekn) return 0;
    lua_pushnumber(L, numV(&proto_knum(pt, idx)));
    return 1;
  } else {
    GCobj *o;
    if (-idx > (lua_Integer)pt->sizekgc) return 0;
    o = proto_kgc(pt, -idx - 1);
    switch (o->gch.gct) {
    case LU_GCT_STR:   setstrV(L, L->top, gco2str(o)); break;
    case LU_GCT_TAB:   settabV(L, L->top, gco2tab(o)); break;
    case LU_GCT_PROTO: setprotoV(L, L->top, gco2pt(o)); break;
    case LU_GCT_CDATA: setcdataV(L, L->top, gco2cd(o)); break;
    default: return 0;  /* No other kind of GC constant exists. */
    }
    L->top++;
    return 1;
  }
}

/* funcuvname(f, idx): the name of upvalue idx ("" when stripped), or
** nothing out of range. */
static int ju_funcuvname(lua_State *L)
{
  GCproto *pt = ju_checkproto(L, 1);
  lua_Integer idx = luaL_checkinteger(L, 2);
  if (idx < 0 || idx >= (lua_Integer)pt->sizeuv) return 0;
  lua_pushstring(L, lu_debug_uvname(pt, (uint32_t)idx));
  return 1;
}

/* The trace functions check their numeric arguments as LuaJIT does and
** return nothing: there are no traces, exit stubs or IR call targets. */
static int ju_notrace(lua_State *L, int nargs)
{
  int i;
  for (i = 1; i <= nargs; i++) (void)luaL_checkinteger(L, i);
  return 0;
}

static int ju_traceinfo(lua_State *L) { return ju_notrace(L, 1); }
static int ju_traceir(lua_State *L) { return ju_notrace(L, 2); }
static int ju_tracek(lua_State *L) { return ju_notrace(L, 2); }
static int ju_tracesnap(lua_State *L) { return ju_notrace(L, 2); }
static int ju_tracemc(lua_State *L) { return ju_notrace(L, 1); }
static int ju_traceexitstub(lua_State *L) { return ju_notrace(L, 1); }
static int ju_ircalladdr(lua_State *L) { return ju_notrace(L, 1); }

static const luaL_Reg ju_funcs[] = {
  { "funcinfo", ju_funcinfo }, { "funcbc", ju_funcbc },
  { "funck", ju_funck }, { "funcuvname", ju_funcuvname },
  { "traceinfo", ju_traceinfo }, { "traceir", ju_traceir },
  { "tracek", ju_tracek }, { "tracesnap", ju_tracesnap },
  { "tracemc", ju_tracemc }, { "traceexitstub", ju_traceexitstub },
  { "ircalladdr", ju_ircalladdr },
  { NULL, NULL }
};

/* require "jit.util": a new table each time the loader runs (the module
** is not a field of jit, as in LuaJIT); package.loaded keeps it. */
static int ju_open(lua_State *L)
{
  const luaL_Reg *r;
  lua_createtable(L, 0, 11);
  for (r = ju_funcs; r->name; r++) {
    lua_pushcfunction(L, r->func);
    lu_lib_markff(L, "jit.util", r->name);
    lua_setfield(L, -2, r->name);
  }
  return 1;
}

static const luaL_Reg jit_funcs[] = {
  { "on", jit_on }, { "off", jit_off }, { "flush", jit_flush },
  { "status", jit_status }, { "security", jit_security },
  { "attach", jit_attach },
  { NULL, NULL }
};

LUALIB_API int luaopen_jit(lua_State *L)
{
  JitConfig *jc;
  const luaL_Reg *r;
  lu_lib_register(L, LUA_JITLIBNAME, jit_funcs);  /* jit table at -1. */
  jc = (JitConfig *)lua_newuserdata(L, sizeof(JitConfig));
  jc->on = 1;
  jc->flags = JIT_OPT_3;
  memcpy(jc->param, jit_paramdefault, sizeof(jc->param));
  /* Every function shares the configuration as its upvalue. */
  for (r = jit_funcs; r->name; r++) {
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, r->func, 1);
    lu_lib_markff(L, LUA_JITLIBNAME, r->name);
    lua_setfield(L, -3, r->name);
  }
  lua_newtable(L);  /* jit.opt */
  lua_pushvalue(L, -2);
  lua_pushcclosure(L, jit_opt_start, 1);
  lua_setfield(L, -2, "start");
  lua_pushvalue(L, -1);
  lua_setfield(L, -4, "opt");
  luaL_findtable(L, LUA_REGISTRYINDEX, "_LOADED", 16);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "jit.opt");
  lua_pop(L, 3);  /* _LOADED, jit.opt, config. */
  luaL_findtable(L, LUA_REGISTRYINDEX, "_PRELOAD", 4);
  lua_pushcfunction(L, ju_open);
  lua_setfield(L, -2, "jit.util");
  lua_pop(L, 1);
  lua_pushliteral(L, "x64");
  lua_setfield(L, -2, "arch");
  lua_pushliteral(L, "Linux");
  lua_setfield(L, -2, "os");
  lua_pushliteral(L, LUAJIT_VERSION);
  lua_setfield(L, -2, "version");
  lua_pushinteger(L, LUAJIT_VERSION_NUM);
  lua_setfield(L, -2, "version_num");
  return 1;
}
