/*
** lunar: the `jit` module, in the shape programs use to detect LuaJIT.
**
** lunar has no trace compiler yet (phase 3). The module keeps what the
** JIT will need: the on/off mode, the optimisation flags and the numeric
** parameters of jit.opt.start, checked and stored per state exactly as
** LuaJIT accepts them, so code that tunes the JIT runs unchanged.
*/
#include <stdlib.h>
#include <string.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "../api/luajit.h"
#include "lib.h"

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

/* on/off/flush take nothing, a function, or a boolean (plus an optional
** "recursive" flag); anything else is an argument error. */
static void jit_checkarg(lua_State *L)
{
  if (!lua_isnoneornil(L, 1) && !lua_isboolean(L, 1)) {
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
