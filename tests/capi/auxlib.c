/*
** C API: the auxiliary library (lauxlib.h). Argument checking and the
** exact messages of luaL_argerror/luaL_typerror, optional arguments,
** luaL_checkoption, buffers, references, metatables and typed userdata,
** library registration, luaL_gsub/findtable/where/error, file loading,
** luaL_fileresult/execresult and luaL_traceback.
*/
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "capi.h"

/* Calls global `name` through a Lua wrapper (so it has a name in error
** messages) and returns the error message, or NULL on success. */
static const char *try_call(lua_State *L, const char *code)
{
  lua_settop(L, 0);
  if (luaL_loadstring(L, code) != 0) return lua_tostring(L, -1);
  if (lua_pcall(L, 0, 1, 0) != 0) return lua_tostring(L, -1);
  return NULL;
}

static int f_checks(lua_State *L)
{
  const char *kind = luaL_checkstring(L, 1);
  if (strcmp(kind, "int") == 0) lua_pushinteger(L, luaL_checkint(L, 2));
  else if (strcmp(kind, "long") == 0) lua_pushinteger(L, luaL_checklong(L, 2));
  else if (strcmp(kind, "integer") == 0) lua_pushinteger(L, luaL_checkinteger(L, 2));
  else if (strcmp(kind, "number") == 0) lua_pushnumber(L, luaL_checknumber(L, 2));
  else if (strcmp(kind, "lstring") == 0) {
    size_t len;
    luaL_checklstring(L, 2, &len);
    lua_pushinteger(L, (lua_Integer)len);
  }
  else if (strcmp(kind, "table") == 0) { luaL_checktype(L, 2, LUA_TTABLE); lua_pushboolean(L, 1); }
  else if (strcmp(kind, "any") == 0) { luaL_checkany(L, 2); lua_pushboolean(L, 1); }
  else if (strcmp(kind, "opt") == 0) {
    lua_pushfstring(L, "%d|%f|%s|%d", (int)luaL_optinteger(L, 2, 7), luaL_optnumber(L, 3, 1.5),
                    luaL_optstring(L, 4, "dflt"), luaL_optint(L, 5, -1) + (int)luaL_optlong(L, 6, 0));
  }
  else if (strcmp(kind, "optl") == 0) {
    size_t len = 99;
    const char *s = luaL_optlstring(L, 2, NULL, &len);
    lua_pushfstring(L, "%s/%d", s ? s : "NULL", (int)len);
  }
  else if (strcmp(kind, "option") == 0) {
    static const char *const opts[] = { "alpha", "beta", "gamma", NULL };
    lua_pushinteger(L, luaL_checkoption(L, 2, "beta", opts));
  }
  else if (strcmp(kind, "argcheck") == 0) {
    luaL_argcheck(L, lua_gettop(L) == 2, 2, "exactly one more");
    lua_pushboolean(L, 1);
  }
  else if (strcmp(kind, "typerror") == 0) return luaL_typerror(L, 2, "widget");
  else if (strcmp(kind, "argerror") == 0) return luaL_argerror(L, 2, "custom message");
  else if (strcmp(kind, "argerror0") == 0) return luaL_argerror(L, 0, "self");
  else return luaL_error(L, "unknown kind %s", kind);
  return 1;
}

static void test_checks(lua_State *L)
{
  lua_register(L, "chk", f_checks);
  CHECK(try_call(L, "return chk('int', '12')") == NULL && lua_tointeger(L, -1) == 12);
  CHECK(try_call(L, "return chk('long', 3.9)") == NULL && lua_tointeger(L, -1) == 3);
  CHECK(try_call(L, "return chk('number', ' 0x10 ')") == NULL && lua_tonumber(L, -1) == 16);
  CHECK(try_call(L, "return chk('lstring', 12.5)") == NULL && lua_tointeger(L, -1) == 4);
  CHECK_STR(try_call(L, "local r = chk('int', 'x') return r"),
    "[string \"local r = chk('int', 'x') return r\"]:1: bad argument #2 to 'chk' (number expected, got string)");
  CHECK_STR(try_call(L, "local r = chk('integer') return r"),
    "[string \"local r = chk('integer') return r\"]:1: bad argument #2 to 'chk' (number expected, got no value)");
  CHECK_STR(try_call(L, "local r = chk('number', {}) return r"),
    "[string \"local r = chk('number', {}) return r\"]:1: bad argument #2 to 'chk' (number expected, got table)");
  CHECK_STR(try_call(L, "local r = chk('lstring', true) return r"),
    "[string \"local r = chk('lstring', true) return r\"]:1: bad argument #2 to 'chk' (string expected, got boolean)");
  CHECK_STR(try_call(L, "local r = chk('table', 1) return r"),
    "[string \"local r = chk('table', 1) return r\"]:1: bad argument #2 to 'chk' (table expected, got number)");
  CHECK_STR(try_call(L, "local r = chk('any') return r"),
    "[string \"local r = chk('any') return r\"]:1: bad argument #2 to 'chk' (value expected)");
  CHECK(try_call(L, "return chk('any', nil)") == NULL);
  CHECK_STR(try_call(L, "local r = chk('typerror', 1) return r"),
    "[string \"local r = chk('typerror', 1) return r\"]:1: bad argument #2 to 'chk' (widget expected, got number)");
  CHECK_STR(try_call(L, "local r = chk('argerror') return r"),
    "[string \"local r = chk('argerror') return r\"]:1: bad argument #2 to 'chk' (custom message)");
  CHECK_STR(try_call(L, "local r = chk('argcheck', 1, 2) return r"),
    "[string \"local r = chk('argcheck', 1, 2) return r\"]:1: bad argument #2 to 'chk' (exactly one more)");
  CHECK(try_call(L, "return chk('argcheck', 1)") == NULL);
  /* method calls: argument numbers shift and #0 becomes "calling 'm' on bad self" */
  run(L, "obj = { m = chk }");
  CHECK_STR(try_call(L, "local r = obj:m('x') return r"),
    "[string \"local r = obj:m('x') return r\"]:1: calling 'm' on bad self (string expected, got table)");
  lua_settop(L, 0);
  CHECK(try_call(L, "local r = obj.m('argerror0') return r") != NULL);
  CHECK(strstr(lua_tostring(L, -1), "bad argument #0 to 'm' (self)") != NULL);
  CHECK(try_call(L, "local r = obj:m('int') return r") != NULL);
  CHECK(strstr(lua_tostring(L, -1), "calling 'm' on bad self") != NULL);
  /* global function names, field names, and the '?' of unnamed calls */
  CHECK(try_call(L, "return pcall(chk, 'int', 'x')") == NULL);
  CHECK(try_call(L, "local ok, e = pcall(chk, 'int', 'x') return e") == NULL);
  CHECK_STR(lua_tostring(L, -1), "bad argument #2 to '?' (number expected, got string)");
  /* optional arguments */
  CHECK(try_call(L, "return chk('opt')") == NULL);
  CHECK_STR(lua_tostring(L, -1), "7|1.5|dflt|-1");
  CHECK(try_call(L, "return chk('opt', 1, 2, 'x', 3, 4)") == NULL);
  CHECK_STR(lua_tostring(L, -1), "1|2|x|7");
  CHECK(try_call(L, "return chk('opt', nil, nil, nil)") == NULL);
  CHECK_STR(lua_tostring(L, -1), "7|1.5|dflt|-1");
  CHECK(try_call(L, "local r = chk('opt', 'bad') return r") != NULL);
  CHECK(strstr(lua_tostring(L, -1), "bad argument #2 to 'chk' (number expected, got string)") != NULL);
  CHECK(try_call(L, "return chk('optl')") == NULL);
  CHECK_STR(lua_tostring(L, -1), "NULL/0");
  CHECK(try_call(L, "return chk('optl', 'abc')") == NULL);
  CHECK_STR(lua_tostring(L, -1), "abc/3");
  /* luaL_checkoption */
  CHECK(try_call(L, "return chk('option', 'gamma')") == NULL && lua_tointeger(L, -1) == 2);
  CHECK(try_call(L, "return chk('option')") == NULL && lua_tointeger(L, -1) == 1);
  CHECK_STR(try_call(L, "local r = chk('option', 'delta') return r"),
    "[string \"local r = chk('option', 'delta') return r\"]:1: bad argument #2 to 'chk' (invalid option 'delta')");
  lua_settop(L, 0);
}

static void test_buffer(lua_State *L)
{
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addchar(&b, '<');
  luaL_addstring(&b, "abc");
  luaL_addlstring(&b, "x\0y", 3);
  lua_pushinteger(L, 42);
  luaL_addvalue(&b);                     /* pops the value */
  char *p = luaL_prepbuffer(&b);
  memcpy(p, "pre", 3);
  luaL_addsize(&b, 3);
  luaL_putchar(&b, '>');
  luaL_pushresult(&b);
  size_t len;
  const char *s = lua_tolstring(L, -1, &len);
  CHECK(len == 13 && memcmp(s, "<abcx\0y42pre>", 13) == 0);
  CHECK(lua_gettop(L) == 1);
  lua_settop(L, 0);
  /* a result much larger than LUAL_BUFFERSIZE, mixing all add paths */
  lua_pushinteger(L, 1234);              /* something below the buffer */
  luaL_buffinit(L, &b);
  for (int i = 0; i < 5000; i++) {
    luaL_addchar(&b, 'a' + i % 26);
    luaL_addstring(&b, "--");
    if (i % 100 == 0) {
      lua_pushstring(L, "[v]");
      luaL_addvalue(&b);
    }
  }
  luaL_pushresult(&b);
  CHECK(lua_objlen(L, -1) == 5000 * 3 + 50 * 3);
  CHECK(lua_gettop(L) == 2 && lua_tointeger(L, 1) == 1234);
  s = lua_tostring(L, -1);
  CHECK(strncmp(s, "a--[v]b--c--", 12) == 0);
  lua_settop(L, 0);
  luaL_buffinit(L, &b);
  luaL_pushresult(&b);
  CHECK(lua_objlen(L, -1) == 0 && lua_isstring(L, -1));
  lua_settop(L, 0);
}

static void test_refs(lua_State *L)
{
  lua_newtable(L);
  int t = lua_gettop(L);
  lua_pushstring(L, "one");
  int r1 = luaL_ref(L, t);
  lua_pushstring(L, "two");
  int r2 = luaL_ref(L, t);
  CHECK(r1 > 0 && r2 > 0 && r1 != r2 && lua_gettop(L) == t);
  lua_rawgeti(L, t, r2);
  CHECK_STR(lua_tostring(L, -1), "two");
  lua_pop(L, 1);
  lua_pushnil(L);
  CHECK(luaL_ref(L, t) == LUA_REFNIL);
  luaL_unref(L, t, r1);
  luaL_unref(L, t, LUA_NOREF);           /* harmless */
  luaL_unref(L, t, LUA_REFNIL);
  lua_pushstring(L, "three");
  int r3 = luaL_ref(L, t);
  CHECK(r3 == r1);                       /* the freed slot is reused */
  CHECK(LUA_NOREF == -2 && LUA_REFNIL == -1);
  lua_settop(L, 0);
#ifdef lua_ref   /* Lua 5.1's compatibility macros (LuaJIT dropped them) */
  lua_pushstring(L, "kept");
  int rr = lua_ref(L, 1);
  lua_getref(L, rr);
  CHECK_STR(lua_tostring(L, -1), "kept");
  lua_unref(L, rr);
  lua_settop(L, 0);
#endif
}

static int gc_count;
static int point_gc(lua_State *L) { (void)L; gc_count++; return 0; }
static int point_x(lua_State *L)
{
  double *p = (double *)luaL_checkudata(L, 1, "capi.Point");
  lua_pushnumber(L, p[0]);
  return 1;
}

static void test_udata(lua_State *L)
{
  CHECK(luaL_newmetatable(L, "capi.Point") == 1);
  lua_pushcfunction(L, point_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, point_x);
  lua_setfield(L, -2, "__call");
  CHECK(luaL_newmetatable(L, "capi.Point") == 0);   /* already there */
  CHECK(lua_rawequal(L, -1, -2));
  lua_settop(L, 0);
  luaL_getmetatable(L, "capi.Point");
  CHECK(lua_istable(L, -1));
  lua_pop(L, 1);
  double *p = (double *)lua_newuserdata(L, 2 * sizeof(double));
  p[0] = 2.5;
  luaL_setmetatable(L, "capi.Point");
  CHECK(luaL_checkudata(L, 1, "capi.Point") == p);
  CHECK(luaL_testudata(L, 1, "capi.Point") == p);
  CHECK(luaL_testudata(L, 1, "capi.Other") == NULL);
  lua_pushinteger(L, 1);
  CHECK(luaL_testudata(L, 2, "capi.Point") == NULL);
  lua_pop(L, 1);
  lua_setglobal(L, "pt");
  CHECK(run(L, "return pt()") == 1 && lua_tonumber(L, -1) == 2.5);
  lua_settop(L, 0);
  lua_register(L, "point_x", point_x);
  CHECK_STR(try_call(L, "local r = point_x(io.stdout) return r"),
    "[string \"local r = point_x(io.stdout) return r\"]:1: bad argument #1 to 'point_x' (capi.Point expected, got userdata)");
  CHECK_STR(try_call(L, "local r = point_x(1) return r"),
    "[string \"local r = point_x(1) return r\"]:1: bad argument #1 to 'point_x' (capi.Point expected, got number)");
  lua_settop(L, 0);
  /* luaL_getmetafield / luaL_callmeta */
  lua_getglobal(L, "pt");
  CHECK(luaL_getmetafield(L, 1, "__gc") == 1 && lua_iscfunction(L, -1));
  lua_pop(L, 1);
  CHECK(luaL_getmetafield(L, 1, "__nothing") == 0 && lua_gettop(L) == 1);
  CHECK(luaL_callmeta(L, 1, "__call") == 1 && lua_tonumber(L, -1) == 2.5);
  lua_pop(L, 1);
  CHECK(luaL_callmeta(L, 1, "__missing") == 0 && lua_gettop(L) == 1);
  lua_pushinteger(L, 3);
  CHECK(luaL_getmetafield(L, -1, "__index") == 0);
  lua_settop(L, 0);
  lua_pushnil(L);
  lua_setglobal(L, "pt");
  lua_gc(L, LUA_GCCOLLECT, 0);
  CHECK(gc_count == 1);
}

static int lib_a(lua_State *L) { lua_pushstring(L, "a"); return 1; }
static int lib_up(lua_State *L) { lua_pushvalue(L, lua_upvalueindex(1)); return 1; }
static const luaL_Reg lib_funcs[] = { { "a", lib_a }, { "up", lib_up }, { NULL, NULL } };

static void test_register(lua_State *L)
{
  luaL_register(L, "capilib", lib_funcs);
  CHECK(lua_istable(L, -1) && lua_gettop(L) == 1);
  lua_getglobal(L, "capilib");
  CHECK(lua_rawequal(L, -1, -2));
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_getfield(L, -1, "capilib");
  CHECK(lua_rawequal(L, -1, 1));         /* also in package.loaded */
  lua_settop(L, 0);
  /* dotted names create the intermediate tables */
  luaL_register(L, "capi.deep.lib", lib_funcs);
  lua_settop(L, 0);
  CHECK(run(L, "return capi.deep.lib.a()") == 1);
  CHECK_STR(lua_tostring(L, -1), "a");
  lua_settop(L, 0);
  /* luaL_register with NULL name fills the table on top */
  lua_newtable(L);
  luaL_register(L, NULL, lib_funcs);
  lua_getfield(L, -1, "a");
  CHECK(lua_iscfunction(L, -1));
  lua_settop(L, 0);
  /* luaL_openlib with upvalues */
  lua_pushstring(L, "shared-up");
  luaL_openlib(L, "uplib", lib_funcs, 1);
  lua_settop(L, 0);
  CHECK(run(L, "return uplib.up()") == 1);
  CHECK_STR(lua_tostring(L, -1), "shared-up");
  lua_settop(L, 0);
  /* luaL_setfuncs and luaL_newlib (5.2 style) */
  luaL_newlib(L, lib_funcs);
  lua_getfield(L, -1, "up");
  CHECK(lua_iscfunction(L, -1));
  lua_settop(L, 0);
  lua_newtable(L);
  lua_pushinteger(L, 77);
  luaL_setfuncs(L, lib_funcs, 1);
  CHECK(lua_gettop(L) == 1);
  lua_getfield(L, -1, "up");
  lua_call(L, 0, 1);
  CHECK(lua_tointeger(L, -1) == 77);
  lua_settop(L, 0);
  /* luaL_pushmodule */
  luaL_pushmodule(L, "capi.pushed", 2);
  CHECK(lua_istable(L, -1));
  lua_settop(L, 0);
  CHECK(run(L, "return type(package.loaded['capi.pushed'])") == 1);
  CHECK_STR(lua_tostring(L, -1), "table");
  lua_settop(L, 0);
  /* luaL_findtable: creates, finds, reports a non-table in the way */
  CHECK(luaL_findtable(L, LUA_GLOBALSINDEX, "ft.a.b", 0) == NULL && lua_istable(L, -1));
  lua_settop(L, 0);
  CHECK(run(L, "ft.a.x = 1") == 0);
  CHECK_STR(luaL_findtable(L, LUA_GLOBALSINDEX, "ft.a.x.y", 0), "x.y");
  lua_settop(L, 0);
  /* luaL_openlibs registers everything LuaJIT has */
  CHECK(run(L, "return type(bit) .. type(jit) .. type(coroutine) .. type(debug) .. "
               "type(io) .. type(os) .. type(package) .. type(string) .. type(table) .. type(math)") == 1);
  CHECK_STR(lua_tostring(L, -1), "tabletabletabletabletabletabletabletabletabletable");
  lua_settop(L, 0);
}

static int f_where(lua_State *L)
{
  luaL_where(L, (int)luaL_checkinteger(L, 1));
  return 1;
}

static void test_misc(lua_State *L)
{
  CHECK_STR(luaL_gsub(L, "a.b.c", ".", "::"), "a::b::c");
  CHECK_STR(luaL_gsub(L, "aaa", "aa", "b"), "ba");
  CHECK_STR(luaL_gsub(L, "none", "x", "y"), "none");
  CHECK(lua_gettop(L) == 3);
  lua_settop(L, 0);
  lua_register(L, "where", f_where);
  CHECK(run(L, "\n\nlocal r = where(1) return r") == 1);
  CHECK_STR(lua_tostring(L, -1), "[string \"...\"]:3: ");
  lua_settop(L, 0);
  CHECK(run(L, "local r = where(0) return r") == 1);
  CHECK_STR(lua_tostring(L, -1), "");      /* level 0: the C function */
  lua_settop(L, 0);
  CHECK(run(L, "local r = where(5) return r") == 1);
  CHECK_STR(lua_tostring(L, -1), "");      /* no such level */
  lua_settop(L, 0);
}

static void test_files(lua_State *L)
{
  char path[] = "/tmp/lunar-capi-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  const char *src = "#!/usr/bin/env lunar\nlocal a = ... return (a or 1) * 3\n";
  CHECK(write(fd, src, strlen(src)) == (ssize_t)strlen(src));
  close(fd);
  CHECK(luaL_loadfile(L, path) == 0);    /* the #! line is skipped */
  lua_pushinteger(L, 5);
  lua_call(L, 1, 1);
  CHECK(lua_tointeger(L, -1) == 15);
  lua_settop(L, 0);
  CHECK(luaL_dofile(L, path) == 0 && lua_tointeger(L, -1) == 3);
  lua_settop(L, 0);
  CHECK(luaL_loadfilex(L, path, "b") != 0);
  lua_settop(L, 0);
  /* chunkname "@path" appears in errors */
  fd = open(path, O_WRONLY | O_TRUNC);
  CHECK(write(fd, "\nerror('in file')\n", 18) == 18);
  close(fd);
  CHECK(luaL_loadfile(L, path) == 0 && lua_pcall(L, 0, 0, 0) == LUA_ERRRUN);
  char want[128];
  snprintf(want, sizeof(want), "%s:2: in file", path);
  CHECK_STR(lua_tostring(L, -1), want);
  lua_settop(L, 0);
  unlink(path);
  /* a missing file is LUA_ERRFILE with the standard message */
  CHECK(luaL_loadfile(L, "/nonexistent/x.lua") == LUA_ERRFILE);
  CHECK_STR(lua_tostring(L, -1), "cannot open /nonexistent/x.lua: No such file or directory");
  lua_settop(L, 0);
  /* a directory cannot be read */
  CHECK(luaL_loadfile(L, "/") == LUA_ERRFILE);
  CHECK(strncmp(lua_tostring(L, -1), "cannot read /", 13) == 0);
  lua_settop(L, 0);
  /* stdin variant exists: loadfile(NULL) reads stdin (here /dev/null) */
  CHECK(luaL_loadfile(L, NULL) == 0 && lua_isfunction(L, -1));
  lua_settop(L, 0);
  CHECK(luaL_loadbuffer(L, "return 7", 8, "=buf") == 0);
  lua_call(L, 0, 1);
  CHECK(lua_tointeger(L, -1) == 7);
  lua_settop(L, 0);
  CHECK(luaL_loadbuffer(L, "return +", 8, "=buf") == LUA_ERRSYNTAX);
  CHECK_STR(lua_tostring(L, -1), "buf:1: unexpected symbol near '+'");
  lua_settop(L, 0);
  CHECK(luaL_dostring(L, "return 1, 2") == 0 && lua_gettop(L) == 2);
  lua_settop(L, 0);

  /* luaL_fileresult / luaL_execresult */
  errno = ENOENT;
  CHECK(luaL_fileresult(L, 0, "somefile") == 3);
  CHECK(lua_isnil(L, 1));
  CHECK_STR(lua_tostring(L, 2), "somefile: No such file or directory");
  CHECK(lua_tointeger(L, 3) == ENOENT);
  lua_settop(L, 0);
  CHECK(luaL_fileresult(L, 1, NULL) == 1 && lua_toboolean(L, 1));
  lua_settop(L, 0);
  CHECK(luaL_execresult(L, 0) >= 1);     /* success: true/0 depending on 5.2 compat */
  lua_settop(L, 0);
}

static int do_traceback(lua_State *L)
{
  luaL_traceback(L, L, lua_tostring(L, 1), 1);
  return 1;
}

static void test_traceback(lua_State *L)
{
  lua_register(L, "tb", do_traceback);
  CHECK(run(L, "local function inner() local t = tb('msg') return t end\n"
               "local function outer() local t = inner() return t end\n"
               "local t = outer() return t") == 1);
  const char *tb = lua_tostring(L, -1);
  CHECK(strncmp(tb, "msg\nstack traceback:\n", 21) == 0);
  CHECK(strstr(tb, "in function 'inner'") != NULL || strstr(tb, "in upvalue 'inner'") != NULL ||
        strstr(tb, "in local 'inner'") != NULL);
  CHECK(strstr(tb, ":3: in main chunk") != NULL);
  lua_settop(L, 0);
  /* without a message; traceback of another thread */
  luaL_traceback(L, L, NULL, 0);
  CHECK(strncmp(lua_tostring(L, -1), "stack traceback:", 16) == 0);
  lua_settop(L, 0);
  lua_State *co = lua_newthread(L);
  luaL_loadstring(co, "local function waiter() coroutine.yield() end waiter()");
  CHECK(lua_resume(co, 0) == LUA_YIELD);
  luaL_traceback(L, co, "co", 0);
  tb = lua_tostring(L, -1);
  CHECK(strstr(tb, "co\nstack traceback:") == tb);
  CHECK(strstr(tb, "waiter") != NULL);
  lua_settop(L, 0);
  /* deep stacks are elided with "..." */
  CHECK(run(L, "local function r(n) if n == 0 then return tb('deep') end local t = r(n - 1) return t end\n"
               "return r(100)") == 1);
  CHECK(strstr(lua_tostring(L, -1), "\n\t...\n") != NULL);
  lua_settop(L, 0);
}

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  test_checks(L);
  test_buffer(L);
  test_refs(L);
  test_udata(L);
  test_register(L);
  test_misc(L);
  test_files(L);
  test_traceback(L);
  lua_settop(L, 0);
  lua_close(L);
  return DONE("auxlib");
}
