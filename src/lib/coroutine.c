/*
** lunar: the coroutine library (create, resume, yield, status, running,
** wrap, isyieldable), on top of lua_resume/lua_yield (src/vm/call.c).
** Called from Lua, resume, yield and wrap's functions normally run as the
** interpreter's fast functions (inline switches, src/vm/call.h); these C
** versions run for the unusual cases (errors, limits, hooks, calls from
** C) and give the error messages.
**
** A coroutine's state is read from its lua_State: status LUA_YIELD means
** suspended in a yield; an error status means dead; status LUA_OK with an
** active C frame chain (cframe) means running or normal; LUA_OK with only
** the function on its stack means not started; an empty stack means dead.
*/
#include "../core/obj.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../vm/vm.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "lib.h"

/* Status names and codes. */
enum { CO_SUSPENDED, CO_RUNNING, CO_NORMAL, CO_DEAD };
static const char *const co_statname[] = {
  "suspended", "running", "normal", "dead"
};

static int co_status(lua_State *L, lua_State *co)
{
  if (co == L) return CO_RUNNING;
  if (co->status == LUA_YIELD) return CO_SUSPENDED;
  if (co->status != LUA_OK) return CO_DEAD;
  if (co->cframe != NULL) return CO_NORMAL;
  if (co->top == co->base) return CO_DEAD;
  return CO_SUSPENDED;
}

static lua_State *co_check(lua_State *L, int narg)
{
  lua_State *co = lua_tothread(L, narg);
  if (co == NULL) lu_err_arg(L, narg, LU_ERR_NOCORO);
  return co;
}

/* Resume co with the narg values on top of L. Returns the number of
** results moved to L (>= 0), or -1 with the error message on top of L. */
/* Move n values from the top of from to the top of to; to has room. */
static LU_AINLINE void co_move(lua_State *from, lua_State *to, int n)
{
  TValue *f = from->top - n, *t = to->top;
  int i;
  for (i = 0; i < n; i++) t[i] = f[i];
  from->top = f;
  to->top = t + n;
}

/* Has L room for n more values (plus LUA_MINSTACK)? Small counts only:
** anything else goes through lua_checkstack and its limits. */
static LU_AINLINE int co_hasroom(lua_State *L, int n)
{
  return n <= LUA_MINSTACK &&
         L->maxstack - L->top > (ptrdiff_t)(n + LUA_MINSTACK);
}

static int co_auxresume(lua_State *L, lua_State *co, int narg)
{
  int status, nres;
  int st = co_status(L, co);
  if (st != CO_SUSPENDED) {
    /* LuaJIT says "running" for a normal coroutine too. */
    ErrMsg em = st == CO_DEAD ? LU_ERR_CODEAD : LU_ERR_CORUN;
    lua_pushstring(L, err2msg(em));
    return -1;
  }
  if (!co_hasroom(co, narg) && !lua_checkstack(co, narg + LUA_MINSTACK))
    luaL_error(L, "too many arguments to resume");
  if (L->nCcalls >= LU_MAX_CCALLS) {
    lua_pushstring(L, err2msg(LU_ERR_CSTKOV));
    return -1;
  }
  co_move(L, co, narg);
  co->nCcalls = L->nCcalls + 1;
  status = lua_resume(co, narg);
  co->nCcalls = 0;
  if (status == 0 || status == LUA_YIELD) {
    nres = (int)(co->top - co->base);
    if (!co_hasroom(L, nres + 1) && !lua_checkstack(L, nres + 1)) {
      co->top -= nres;
      luaL_error(L, "too many results to resume");
    }
    co_move(co, L, nres);
    return nres;
  }
  lua_xmove(co, L, 1);  /* The error object. */
  return -1;
}

static int co_create(lua_State *L)
{
  lua_State *co;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  co = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  return 1;
}

static int co_resume(lua_State *L)
{
  lua_State *co = co_check(L, 1);
  int r = co_auxresume(L, co, lua_gettop(L) - 1);
  if (r < 0) {
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushboolean(L, 1);
  lua_insert(L, -(r + 1));
  return r + 1;
}

static int co_yield(lua_State *L)
{
  return lua_yield(L, lua_gettop(L));
}

static int co_statusf(lua_State *L)
{
  lua_State *co = co_check(L, 1);
  lua_pushstring(L, co_statname[co_status(L, co)]);
  return 1;
}

/* LuaJIT 2.1 (Lua 5.1 mode): the running coroutine, or nil in the main
** thread. */
static int co_running(lua_State *L)
{
  if (L == G(L)->mainthread) lua_pushnil(L);
  else lua_pushthread(L);
  return 1;
}

static int co_isyieldable(lua_State *L)
{
  lua_pushboolean(L, L != G(L)->mainthread);
  return 1;
}

/* The function returned by wrap: resume the coroutine in upvalue 1 and
** return its results or re-raise its error (string errors get the
** caller's position prepended, as in LuaJIT). */
static int co_wrapaux(lua_State *L)
{
  GCfunc *fn = funcV(L->base - 2);
  lua_State *co = threadV(&fn->c.upvalue[0]);
  int r = co_auxresume(L, co, (int)(L->top - L->base));
  if (r < 0) {
    if (lua_isstring(L, -1)) {
      luaL_where(L, 1);
      lua_insert(L, -2);
      lua_concat(L, 2);
    }
    return lua_error(L);
  }
  return r;
}

static int co_wrap(lua_State *L)
{
  co_create(L);
  lua_pushcclosure(L, co_wrapaux, 1);
  lu_lib_markff(L, "coroutine", "wrap_aux");
  return 1;
}

static const luaL_Reg co_funcs[] = {
  {"create", co_create},
  {"resume", co_resume},
  {"yield", co_yield},
  {"status", co_statusf},
  {"running", co_running},
  {"wrap", co_wrap},
  {"isyieldable", co_isyieldable},
  {NULL, NULL}
};

int lu_open_coroutine(lua_State *L)
{
  lu_lib_register(L, "coroutine", co_funcs);
  return 1;
}
