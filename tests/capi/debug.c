/*
** C API: the debug interface (lua_getstack, lua_getinfo, locals,
** upvalues, hooks, upvalue identity/joining) and the LuaJIT extensions
** (luaJIT_setmode, the version symbol).
*/
#include <stddef.h>

#include "capi.h"

/* lua_Debug and luaL_Buffer have the binary layout of Lua 5.1 / LuaJIT
** (values for LP64 targets), so modules compiled against their headers
** can use them. */
static void test_layout(void)
{
#if defined(__LP64__)
  CHECK(offsetof(lua_Debug, event) == 0 && offsetof(lua_Debug, name) == 8);
  CHECK(offsetof(lua_Debug, namewhat) == 16 && offsetof(lua_Debug, what) == 24);
  CHECK(offsetof(lua_Debug, source) == 32 && offsetof(lua_Debug, currentline) == 40);
  CHECK(offsetof(lua_Debug, nups) == 44 && offsetof(lua_Debug, linedefined) == 48);
  CHECK(offsetof(lua_Debug, lastlinedefined) == 52 && offsetof(lua_Debug, short_src) == 56);
  CHECK(offsetof(lua_Debug, i_ci) == 116 && sizeof(lua_Debug) == 120);
  CHECK(LUA_IDSIZE == 60);
  CHECK(offsetof(luaL_Buffer, buffer) == 24 && sizeof(luaL_Buffer) == 24 + LUAL_BUFFERSIZE);
#endif
}

static int probe(lua_State *L)
{
  lua_Debug ar;
  /* level 0 is probe itself, a C function */
  CHECK(lua_getstack(L, 0, &ar) == 1);
  CHECK(lua_getinfo(L, "Sl", &ar) == 1);
  CHECK_STR(ar.what, "C");
  CHECK(ar.currentline == -1);
  CHECK_STR(ar.short_src, "[C]");
  /* level 1 is the Lua function that called it */
  CHECK(lua_getstack(L, 1, &ar) == 1);
  CHECK(lua_getinfo(L, "nSlu", &ar) == 1);
  CHECK_STR(ar.what, "Lua");
  CHECK_STR(ar.name, "caller");
  CHECK_STR(ar.namewhat, "global");
  CHECK(ar.currentline == 3);
  CHECK(ar.linedefined == 1 && ar.lastlinedefined == 5);
  CHECK(ar.nups == 1);
  CHECK_STR(ar.source, "=probe-chunk");
  CHECK_STR(ar.short_src, "probe-chunk");
  /* locals of level 1: (a, b, local c) */
  const char *n = lua_getlocal(L, &ar, 1);
  CHECK_STR(n, "a");
  CHECK(lua_tointeger(L, -1) == 10);
  lua_pop(L, 1);
  n = lua_getlocal(L, &ar, 3);
  CHECK_STR(n, "c");
  CHECK_STR(lua_tostring(L, -1), "local");
  lua_pop(L, 1);
  CHECK(lua_getlocal(L, &ar, 50) == NULL);
  lua_pushinteger(L, 99);
  CHECK_STR(lua_setlocal(L, &ar, 2), "b");   /* pops the value */
  lua_pushinteger(L, 1);
  CHECK(lua_setlocal(L, &ar, 50) == NULL);   /* pops even on failure */
  /* the main chunk is further up, and past the top there is nothing */
  CHECK(lua_getstack(L, 2, &ar) == 1);
  CHECK(lua_getinfo(L, "S", &ar) == 1);
  CHECK_STR(ar.what, "main");
  CHECK(lua_getstack(L, 50, &ar) == 0);
  return 0;
}

static int hook_lines[64], nhook_lines, hook_calls, hook_rets, hook_counts;
static void line_hook(lua_State *L, lua_Debug *ar)
{
  if (ar->event == LUA_HOOKLINE) {
    if (nhook_lines < 64) hook_lines[nhook_lines++] = ar->currentline;
    lua_getinfo(L, "S", ar);
  } else if (ar->event == LUA_HOOKCALL) {
    hook_calls++;
  } else if (ar->event == LUA_HOOKRET || ar->event == LUA_HOOKTAILRET) {
    hook_rets++;
  } else if (ar->event == LUA_HOOKCOUNT) {
    hook_counts++;
  }
}

static void error_hook(lua_State *L, lua_Debug *ar)
{
  (void)ar;
  luaL_error(L, "stopped by hook");
}

static void test_getinfo(lua_State *L)
{
  lua_register(L, "probe", probe);
  /* caller: defined on lines 1-5 of chunk "=probe-chunk", one upvalue (u) */
  const char *src = "local u = 0 function caller(a, b)\n"
                    "  local c = 'local'\n"
                    "  probe()\n"
                    "  return b + u\n"
                    "end\n";
  CHECK(luaL_loadbuffer(L, src, strlen(src), "=probe-chunk") == 0);
  lua_call(L, 0, 0);
  CHECK(run(L, "local r = caller(10, 20) return r") == 1);
  CHECK(lua_tointeger(L, -1) == 99);     /* lua_setlocal changed b */
  lua_settop(L, 0);

  /* lua_getinfo with '>' on a function value */
  lua_Debug ar;
  lua_getglobal(L, "caller");
  CHECK(lua_getinfo(L, ">Su", &ar) == 1);
  CHECK(lua_gettop(L) == 0);             /* '>' pops the function */
  CHECK(ar.linedefined == 1 && ar.lastlinedefined == 5 && ar.nups == 1);
  lua_getglobal(L, "print");
  CHECK(lua_getinfo(L, ">S", &ar) == 1);
  CHECK_STR(ar.what, "C");
  lua_getglobal(L, "caller");
  CHECK(lua_getinfo(L, ">f", &ar) == 1);
  CHECK(lua_isfunction(L, -1));          /* 'f' pushes it back */
  lua_settop(L, 0);
  lua_getglobal(L, "caller");
  CHECK(lua_getinfo(L, ">L", &ar) == 1);
  CHECK(lua_istable(L, -1));             /* active lines */
  lua_rawgeti(L, -1, 3);
  CHECK(lua_toboolean(L, -1));
  lua_settop(L, 0);
}

static void test_upvalues(lua_State *L)
{
  CHECK(run(L, "local x, y = 1, 2\n"
               "local function f() return x + y end\n"
               "local function g() return y end\n"
               "return f, g") == 2);
  CHECK_STR(lua_getupvalue(L, 1, 1), "x");
  CHECK(lua_tointeger(L, -1) == 1);
  lua_pop(L, 1);
  CHECK_STR(lua_getupvalue(L, 1, 2), "y");
  lua_pop(L, 1);
  CHECK(lua_getupvalue(L, 1, 3) == NULL);
  lua_pushinteger(L, 40);
  CHECK_STR(lua_setupvalue(L, 1, 1), "x");
  CHECK(lua_gettop(L) == 2);
  lua_pushvalue(L, 1);
  lua_call(L, 0, 1);
  CHECK(lua_tointeger(L, -1) == 42);
  lua_pop(L, 1);
  /* identity: f's y and g's y are the same upvalue, f's x is not */
  CHECK(lua_upvalueid(L, 1, 2) == lua_upvalueid(L, 2, 1));
  CHECK(lua_upvalueid(L, 1, 1) != lua_upvalueid(L, 2, 1));
  /* join: make g's first upvalue refer to f's x */
  lua_upvaluejoin(L, 2, 1, 1, 1);
  CHECK(lua_upvalueid(L, 2, 1) == lua_upvalueid(L, 1, 1));
  lua_pushvalue(L, 2);
  lua_call(L, 0, 1);
  CHECK(lua_tointeger(L, -1) == 40);
  lua_settop(L, 0);
  /* C closure upvalues have empty names */
  lua_pushinteger(L, 5);
  lua_pushcclosure(L, probe, 1);
  CHECK_STR(lua_getupvalue(L, 1, 1), "");
  CHECK(lua_tointeger(L, -1) == 5);
  lua_pop(L, 1);
  lua_pushinteger(L, 6);
  CHECK_STR(lua_setupvalue(L, 1, 1), "");
  CHECK(lua_getupvalue(L, 1, 2) == NULL);
  lua_settop(L, 0);
}

static void test_hooks(lua_State *L)
{
  CHECK(lua_gethook(L) == NULL && lua_gethookmask(L) == 0);
  const char *src = "local s = 0\n"        /* 1 */
                    "for i = 1, 3 do\n"   /* 2 */
                    "  s = s + i\n"       /* 3 */
                    "end\n"               /* 4 */
                    "return s\n";         /* 5 */
  CHECK(luaL_loadbuffer(L, src, strlen(src), "=hooked") == 0);
  CHECK(lua_sethook(L, line_hook, LUA_MASKLINE | LUA_MASKCALL | LUA_MASKRET, 0) == 1);
  CHECK(lua_gethook(L) == line_hook);
  CHECK(lua_gethookmask(L) == (LUA_MASKLINE | LUA_MASKCALL | LUA_MASKRET));
  lua_call(L, 0, 1);
  lua_sethook(L, NULL, 0, 0);
  CHECK(lua_tointeger(L, -1) == 6);
  lua_pop(L, 1);
  CHECK(nhook_lines >= 5 && hook_lines[0] == 1);
  int saw5 = 0, saw3 = 0;
  for (int i = 0; i < nhook_lines; i++) {
    if (hook_lines[i] == 5) saw5 = 1;
    if (hook_lines[i] == 3) saw3++;
  }
  CHECK(saw5 && saw3 == 3);
  CHECK(hook_calls >= 1 && hook_rets >= 1);
  /* count hook */
  lua_sethook(L, line_hook, LUA_MASKCOUNT, 10);
  CHECK(lua_gethookcount(L) == 10);
  run(L, "local x = 0 for i = 1, 1000 do x = x + i end");
  lua_sethook(L, NULL, 0, 0);
  CHECK(hook_counts > 10);
  CHECK(lua_gethook(L) == NULL);
  /* a hook may raise an error, e.g. to stop a runaway script (with the
  ** JIT compiler off: LuaJIT's compiled loops do not run hooks) */
  luaJIT_setmode(L, 0, LUAJIT_MODE_ENGINE | LUAJIT_MODE_OFF);
  lua_sethook(L, error_hook, LUA_MASKCOUNT, 1000);
  luaL_loadstring(L, "while true do end");
  CHECK(lua_pcall(L, 0, 0, 0) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "stopped by hook") != NULL);
  lua_sethook(L, NULL, 0, 0);
  lua_settop(L, 0);
}

static void test_luajit(lua_State *L)
{
#ifdef LUNAR_VERSION                     /* Debian's libluajit does not export it */
  LUAJIT_VERSION_SYM();                  /* links: the version symbol exists */
#endif
  CHECK(luaJIT_setmode(L, 0, LUAJIT_MODE_ENGINE | LUAJIT_MODE_OFF) == 1);
  CHECK(luaJIT_setmode(L, 0, LUAJIT_MODE_ENGINE | LUAJIT_MODE_FLUSH) == 1);
  luaJIT_setmode(L, 0, LUAJIT_MODE_ENGINE | LUAJIT_MODE_ON);
  CHECK(run(L, "return jit.version_num") == 1 && lua_tointeger(L, -1) == LUAJIT_VERSION_NUM);
  lua_settop(L, 0);
  CHECK(run(L, "return jit.version") == 1);
  CHECK_STR(lua_tostring(L, -1), LUAJIT_VERSION);
  lua_settop(L, 0);
  CHECK(luaJIT_setmode(L, 0, LUAJIT_MODE_WRAPCFUNC | LUAJIT_MODE_OFF) == 1);
}

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  test_layout();
  test_getinfo(L);
  test_upvalues(L);
  test_hooks(L);
  test_luajit(L);
  CHECK(lua_gettop(L) == 0);
  lua_close(L);
  return DONE("debug");
}
