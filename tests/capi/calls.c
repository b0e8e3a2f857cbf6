/*
** C API: calling and loading. lua_call/lua_pcall/lua_cpcall with every
** status, error objects and message handlers, lua_error from C, the
** panic function (in a child process), C closures and upvalues,
** lua_load/lua_loadx with readers and modes, lua_dump, and coroutines
** driven from C with lua_resume/lua_yield/lua_status/lua_isyieldable.
*/
#include <sys/wait.h>
#include <unistd.h>
#include <setjmp.h>

#include "capi.h"

static int add_upvalues(lua_State *L)
{
  lua_Integer s = 0;
  for (int i = 1; !lua_isnone(L, lua_upvalueindex(i)); i++)
    s += lua_tointeger(L, lua_upvalueindex(i));
  lua_pushinteger(L, s + luaL_optinteger(L, 1, 0));
  return 1;
}

static int multi(lua_State *L)
{
  int n = (int)luaL_checkinteger(L, 1);
  luaL_checkstack(L, n, NULL);
  for (int i = 1; i <= n; i++) lua_pushinteger(L, i);
  return n;
}

static int raise_value(lua_State *L)
{
  lua_settop(L, 1);                      /* raise the argument as is */
  return lua_error(L);
}

static int raise_fmt(lua_State *L)
{
  return luaL_error(L, "formatted %d %s", 42, "error");
}

static int handler_upper(lua_State *L)
{
  lua_pushfstring(L, "handled<%s>", lua_tostring(L, 1));
  return 1;
}

static int returns_two(lua_State *L)
{
  CHECK(lua_islightuserdata(L, 1) && lua_touserdata(L, 1) == NULL);
  lua_pushinteger(L, 1);
  lua_pushinteger(L, 2);
  return 2;                              /* cpcall drops results */
}

static int handler_fails(lua_State *L)
{
  lua_pushnil(L);
  return lua_error(L);                   /* error in the error handler */
}

static void test_calls(lua_State *L)
{
  /* closures with upvalues */
  lua_pushinteger(L, 10);
  lua_pushinteger(L, 20);
  lua_pushcclosure(L, add_upvalues, 2);
  lua_pushvalue(L, -1);
  lua_pushinteger(L, 3);
  lua_call(L, 1, 1);
  CHECK(lua_tointeger(L, -1) == 33);
  lua_pop(L, 1);
  lua_setglobal(L, "addup");
  CHECK(run(L, "return addup(7)") == 1 && lua_tointeger(L, -1) == 37);
  lua_pop(L, 1);

  /* result adjustment */
  lua_pushcfunction(L, multi);
  lua_pushinteger(L, 5);
  lua_call(L, 1, LUA_MULTRET);
  CHECK(lua_gettop(L) == 5 && lua_tointeger(L, 5) == 5);
  lua_settop(L, 0);
  lua_pushcfunction(L, multi);
  lua_pushinteger(L, 5);
  lua_call(L, 1, 2);
  CHECK(lua_gettop(L) == 2 && lua_tointeger(L, 2) == 2);
  lua_settop(L, 0);
  lua_pushcfunction(L, multi);
  lua_pushinteger(L, 1);
  lua_call(L, 1, 3);                     /* padded with nils */
  CHECK(lua_gettop(L) == 3 && lua_tointeger(L, 1) == 1 && lua_isnil(L, 3));
  lua_settop(L, 0);
  lua_pushcfunction(L, multi);
  lua_pushinteger(L, 200);               /* more than LUA_MINSTACK results */
  lua_call(L, 1, LUA_MULTRET);
  CHECK(lua_gettop(L) == 200 && lua_tointeger(L, 200) == 200);
  lua_settop(L, 0);

  /* calling Lua functions and __call */
  run(L, "function sum(...) local s = 0 for i = 1, select('#', ...) do s = s + select(i, ...) end return s end\n"
         "callable = setmetatable({}, { __call = function(self, a) return a * 2 end })");
  lua_getglobal(L, "sum");
  for (int i = 1; i <= 100; i++) lua_pushinteger(L, i);
  lua_call(L, 100, 1);
  CHECK(lua_tointeger(L, -1) == 5050);
  lua_pop(L, 1);
  lua_getglobal(L, "callable");
  lua_pushinteger(L, 21);
  lua_call(L, 1, 1);
  CHECK(lua_tointeger(L, -1) == 42);
  lua_settop(L, 0);
}

static void test_errors(lua_State *L)
{
  /* success */
  lua_pushcfunction(L, multi);
  lua_pushinteger(L, 2);
  CHECK(lua_pcall(L, 1, 1, 0) == 0 && lua_tointeger(L, -1) == 1);
  lua_settop(L, 0);

  /* lua_error with a string, a table, nil */
  lua_pushcfunction(L, raise_value);
  lua_pushstring(L, "plain");
  CHECK(lua_pcall(L, 1, 0, 0) == LUA_ERRRUN);
  CHECK_STR(lua_tostring(L, -1), "plain");    /* no position added */
  lua_settop(L, 0);
  lua_pushcfunction(L, raise_value);
  lua_newtable(L);
  lua_pushinteger(L, 5);
  lua_setfield(L, -2, "code");
  CHECK(lua_pcall(L, 1, 0, 0) == LUA_ERRRUN && lua_istable(L, -1));
  lua_getfield(L, -1, "code");
  CHECK(lua_tointeger(L, -1) == 5);
  lua_settop(L, 0);
  lua_pushcfunction(L, raise_value);
  lua_pushnil(L);
  CHECK(lua_pcall(L, 1, 0, 0) == LUA_ERRRUN && lua_isnil(L, -1) && lua_gettop(L) == 1);
  lua_settop(L, 0);

  /* luaL_error adds the position of the calling Lua code */
  lua_pushcfunction(L, raise_fmt);
  lua_setglobal(L, "raise_fmt");
  CHECK(luaL_loadstring(L, "local x = 1\nraise_fmt()") == 0);
  CHECK(lua_pcall(L, 0, 0, 0) == LUA_ERRRUN);
  CHECK_STR(lua_tostring(L, -1), "[string \"local x = 1...\"]:2: formatted 42 error");
  lua_settop(L, 0);
  lua_pushcfunction(L, raise_fmt);       /* called from C: no position */
  CHECK(lua_pcall(L, 0, 0, 0) == LUA_ERRRUN);
  CHECK_STR(lua_tostring(L, -1), "formatted 42 error");
  lua_settop(L, 0);

  /* message handlers */
  lua_pushcfunction(L, handler_upper);
  luaL_loadstring(L, "error('boom', 0)");
  CHECK(lua_pcall(L, 0, 0, 1) == LUA_ERRRUN);
  CHECK_STR(lua_tostring(L, -1), "handled<boom>");
  lua_settop(L, 0);
  lua_pushcfunction(L, handler_upper);
  luaL_loadstring(L, "local t = nil; return t.x");
  CHECK(lua_pcall(L, 0, 0, -2) == LUA_ERRRUN);  /* relative index */
  CHECK(strstr(lua_tostring(L, -1), "handled<") != NULL);
  CHECK(strstr(lua_tostring(L, -1), "attempt to index local 't' (a nil value)") != NULL);
  lua_settop(L, 0);
  lua_pushcfunction(L, handler_fails);
  luaL_loadstring(L, "error('x')");
  CHECK(lua_pcall(L, 0, 0, 1) == LUA_ERRERR);
  lua_settop(L, 0);

  /* runtime errors from the API itself are catchable (lua_gettable with
  ** __index raising, arithmetic on bad operands via lua_concat) */
  lua_pushcfunction(L, raise_value);
  lua_setglobal(L, "raise");
  CHECK(luaL_loadstring(L, "return 1 < 'x'") == 0);
  CHECK(lua_pcall(L, 0, 0, 0) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "attempt to compare number with string") != NULL);
  lua_settop(L, 0);

  /* lua_cpcall: the userdata arrives as a light userdata argument */
  static int token;
  CHECK(lua_cpcall(L, raise_value, &token) == LUA_ERRRUN);
  CHECK(lua_touserdata(L, -1) == &token);
  lua_settop(L, 0);
  CHECK(lua_cpcall(L, multi, NULL) == LUA_ERRRUN);  /* luaL_checkinteger fails */
  CHECK(strstr(lua_tostring(L, -1), "bad argument #1") != NULL);
  lua_settop(L, 0);
  CHECK(lua_cpcall(L, returns_two, NULL) == 0 && lua_gettop(L) == 0);

  /* stack overflow in Lua is a clean error */
  CHECK(luaL_loadstring(L, "local function f() return 1 + f() end return f()") == 0);
  CHECK(lua_pcall(L, 0, 0, 0) == LUA_ERRRUN);
  CHECK(strstr(lua_tostring(L, -1), "stack overflow") != NULL);
  lua_settop(L, 0);
}

/* -- Memory errors --------------------------------------------------------- */

static size_t mem_budget;
static void *budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  size_t *used = (size_t *)ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) { free(ptr); *used -= old; return NULL; }
  if (nsize > old && *used - old + nsize > mem_budget) return NULL;
  void *p = realloc(ptr, nsize);
  if (p) *used = *used - old + nsize;
  return p;
}

static void test_errmem(void)
{
  size_t used = 0;
  mem_budget = 1 << 20;
  lua_State *L = lua_newstate(budget_alloc, &used);
  CHECK(L != NULL);
  luaL_openlibs(L);
  luaL_loadstring(L, "local t = {} for i = 1, 1e8 do t[i] = {} end");
  CHECK(lua_pcall(L, 0, 0, 0) == LUA_ERRMEM);
  CHECK_STR(lua_tostring(L, -1), "not enough memory");
  lua_settop(L, 0);
  lua_gc(L, LUA_GCCOLLECT, 0);
  CHECK(run(L, "return 1 + 1") == 1 && lua_tointeger(L, -1) == 2);
  lua_close(L);
  CHECK(used == 0);
  /* a state that cannot even be created */
  mem_budget = 16;
  used = 0;
  CHECK(lua_newstate(budget_alloc, &used) == NULL);
}

/* -- Panic ----------------------------------------------------------------- */

static jmp_buf panic_jmp;
static int panic_longjmp(lua_State *L)
{
  (void)L;
  longjmp(panic_jmp, 1);
}

static int panic_exit(lua_State *L)
{
  fprintf(stderr, "custom panic: %s\n", lua_tostring(L, -1));
  fflush(stderr);
  _exit(7);
}

static void test_panic(void)
{
  /* In a child: an unprotected error calls the panic function, which
  ** here exits with status 7 after printing the message. */
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    if (freopen("/dev/null", "w", stderr) == NULL) _exit(2);
    lua_State *L = luaL_newstate();
    CHECK(lua_atpanic(L, panic_exit) != panic_exit);
    lua_pushstring(L, "unprotected");
    lua_error(L);
    _exit(1);                            /* not reached */
  }
  int st;
  waitpid(pid, &st, 0);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);

  /* Without a panic function the default one prints the message and
  ** exits with EXIT_FAILURE (it must not crash). */
  fflush(NULL);
  pid = fork();
  if (pid == 0) {
    if (freopen("/dev/null", "w", stderr) == NULL) _exit(2);
    lua_State *L = luaL_newstate();
    lua_pushstring(L, "no handler");
    lua_error(L);
    _exit(0);
  }
  waitpid(pid, &st, 0);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == EXIT_FAILURE);

  /* The documented recovery pattern: longjmp out of the panic function,
  ** then close the state. */
  lua_State *L = luaL_newstate();
  lua_CFunction old = lua_atpanic(L, panic_longjmp);
  CHECK(lua_atpanic(L, panic_longjmp) == panic_longjmp);
  (void)old;
  if (setjmp(panic_jmp) == 0) {
    lua_pushstring(L, "jump");
    lua_error(L);
    CHECK(0);                            /* not reached */
  } else {
    CHECK_STR(lua_tostring(L, -1), "jump");
  }
  lua_close(L);
}

/* -- Loading and dumping --------------------------------------------------- */

typedef struct Pieces { const char **parts; int i; } Pieces;
static const char *piece_reader(lua_State *L, void *ud, size_t *sz)
{
  Pieces *p = (Pieces *)ud;
  (void)L;
  const char *s = p->parts[p->i];
  if (s == NULL) { *sz = 0; return NULL; }
  p->i++;
  *sz = strlen(s);
  return s;
}

typedef struct Sink { char buf[65536]; size_t len; int calls; } Sink;
static int sink_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
  Sink *s = (Sink *)ud;
  (void)L;
  if (s->len + sz > sizeof(s->buf)) return 1;
  memcpy(s->buf + s->len, p, sz);
  s->len += sz;
  s->calls++;
  return 0;
}

static int failing_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
  (void)L; (void)p; (void)sz; (void)ud;
  return 5;
}

static void test_load_dump(lua_State *L)
{
  const char *parts[] = { "local a, b = ...\n", "return a", " * b", " + 1", NULL };
  Pieces pc = { parts, 0 };
  CHECK(lua_load(L, piece_reader, &pc, "=pieces") == 0);
  lua_pushinteger(L, 6);
  lua_pushinteger(L, 7);
  lua_call(L, 2, 1);
  CHECK(lua_tointeger(L, -1) == 43);
  lua_settop(L, 0);

  const char *bad[] = { "return (", NULL };
  pc = (Pieces){ bad, 0 };
  CHECK(lua_load(L, piece_reader, &pc, "=bad") == LUA_ERRSYNTAX);
  CHECK(strncmp(lua_tostring(L, -1), "bad:1:", 6) == 0);
  lua_settop(L, 0);
  const char *empty[] = { NULL };
  pc = (Pieces){ empty, 0 };
  CHECK(lua_load(L, piece_reader, &pc, "=empty") == 0 && lua_isfunction(L, -1));
  lua_settop(L, 0);
  pc = (Pieces){ parts, 0 };
  CHECK(lua_load(L, piece_reader, &pc, NULL) == 0);   /* default chunkname */
  lua_settop(L, 0);

  /* dump and reload */
  luaL_loadstring(L, "local x = ... return ('v'):rep(x) .. #arg0");
  Sink *sink = calloc(1, sizeof(Sink));
  CHECK(lua_dump(L, sink_writer, sink) == 0);
  CHECK(sink->len > 4 && sink->calls > 0 && memcmp(sink->buf, "\033LJ", 3) == 0);
  CHECK(lua_gettop(L) == 1);             /* the function stays */
  CHECK(lua_dump(L, failing_writer, NULL) == 5);
  lua_settop(L, 0);
  CHECK(luaL_loadbuffer(L, sink->buf, sink->len, "=dumped") == 0);
  lua_pushinteger(L, 3);
  lua_setglobal(L, "arg0");
  lua_pushstring(L, "abc");
  lua_setglobal(L, "arg0");
  lua_pushinteger(L, 3);
  lua_call(L, 1, 1);
  CHECK_STR(lua_tostring(L, -1), "vvv3");
  lua_settop(L, 0);
  /* a C function cannot be dumped */
  lua_pushcfunction(L, multi);
  CHECK(lua_dump(L, sink_writer, sink) != 0);
  lua_settop(L, 0);

  /* modes */
  const char *src[] = { "return 1", NULL };
  pc = (Pieces){ src, 0 };
  CHECK(lua_loadx(L, piece_reader, &pc, "=t", "t") == 0);
  lua_settop(L, 0);
  pc = (Pieces){ src, 0 };
  CHECK(lua_loadx(L, piece_reader, &pc, "=b", "b") == LUA_ERRSYNTAX);
  CHECK(strstr(lua_tostring(L, -1), "attempt to load chunk with wrong mode") != NULL);
  lua_settop(L, 0);
  CHECK(luaL_loadbufferx(L, sink->buf, sink->len, "=bin", "t") == LUA_ERRSYNTAX);
  CHECK(strstr(lua_tostring(L, -1), "attempt to load chunk with wrong mode") != NULL);
  lua_settop(L, 0);
  CHECK(luaL_loadbufferx(L, sink->buf, sink->len, "=bin", "bt") == 0);
  lua_settop(L, 0);
  CHECK(luaL_loadbufferx(L, sink->buf, sink->len / 2, "=trunc", NULL) != 0);
  lua_settop(L, 0);
  free(sink);
}

/* -- Coroutines ------------------------------------------------------------ */

static int yield_twice(lua_State *L)
{
  lua_pushinteger(L, lua_gettop(L));
  return lua_yield(L, 1);
}

static int check_yieldable(lua_State *L)
{
  lua_pushboolean(L, lua_isyieldable(L));
  return 1;
}

static void test_coroutines(lua_State *L)
{
  lua_register(L, "cyield", yield_twice);
  lua_register(L, "yieldable", check_yieldable);
  CHECK(lua_isyieldable(L) == 0);        /* the main thread */
  lua_State *co = lua_newthread(L);
  luaL_loadstring(co, "local a = ... local n = cyield(a, a) local y = yieldable()\n"
                      "local r = coroutine.yield(n * 10) return r, y, 'done'");
  lua_pushinteger(co, 5);
  CHECK(lua_resume(co, 1) == LUA_YIELD);
  CHECK(lua_status(co) == LUA_YIELD);
  CHECK(lua_gettop(co) == 1 && lua_tointeger(co, 1) == 2);  /* cyield saw 2 args */
  lua_settop(co, 0);
  lua_pushinteger(co, 4);
  CHECK(lua_resume(co, 1) == LUA_YIELD);
  CHECK(lua_tointeger(co, -1) == 40);
  lua_settop(co, 0);
  lua_pushstring(co, "back");
  CHECK(lua_resume(co, 1) == 0);
  CHECK(lua_status(co) == 0 && lua_gettop(co) == 3);
  CHECK_STR(lua_tostring(co, 1), "back");
  CHECK(lua_toboolean(co, 2) == 1);
  CHECK_STR(lua_tostring(co, 3), "done");
  lua_settop(co, 0);
  /* resuming a dead coroutine */
  CHECK(lua_resume(co, 0) == LUA_ERRRUN);
  lua_settop(co, 0);
  lua_pop(L, 1);

  /* an error inside: status and message */
  co = lua_newthread(L);
  luaL_loadstring(co, "error({ tag = 'obj' })");
  CHECK(lua_resume(co, 0) == LUA_ERRRUN);
  CHECK(lua_status(co) == LUA_ERRRUN);
  CHECK(lua_istable(co, -1));
  lua_getfield(co, -1, "tag");
  CHECK_STR(lua_tostring(co, -1), "obj");
  lua_pop(L, 1);

  /* a C function as coroutine body, yielding directly */
  co = lua_newthread(L);
  lua_pushcfunction(co, yield_twice);
  lua_pushinteger(co, 1);
  lua_pushinteger(co, 2);
  lua_pushinteger(co, 3);
  CHECK(lua_resume(co, 3) == LUA_YIELD && lua_tointeger(co, -1) == 3);
  lua_settop(co, 0);
  lua_pushstring(co, "r");
  CHECK(lua_resume(co, 1) == 0);         /* returns what resume passed */
  CHECK(lua_gettop(co) == 1);
  CHECK_STR(lua_tostring(co, 1), "r");
  lua_pop(L, 1);

  /* coroutines created in Lua and resumed from C, and vice versa */
  CHECK(run(L, "return coroutine.create(function(x) coroutine.yield(x + 1) return 'end' end)") == 1);
  co = lua_tothread(L, -1);
  lua_pushinteger(co, 1);
  CHECK(lua_resume(co, 1) == LUA_YIELD && lua_tointeger(co, -1) == 2);
  lua_settop(co, 0);
  lua_pop(L, 1);
  lua_settop(L, 0);
}

static int call_lua_that_yields(lua_State *L)
{
  lua_getglobal(L, "yielder");
  lua_call(L, 0, 0);                     /* yielding inside: not allowed */
  return 0;
}

static void test_yield_across_c(lua_State *L)
{
  run(L, "function yielder() coroutine.yield(1) end");
  lua_register(L, "callyielder", call_lua_that_yields);
  CHECK(run(L, "local co = coroutine.create(function() callyielder() end)\n"
               "return coroutine.resume(co)") == 2);
  CHECK(lua_toboolean(L, -2) == 0);
  CHECK(strstr(lua_tostring(L, -1), "attempt to yield across") != NULL);
  lua_settop(L, 0);
}

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  test_calls(L);
  test_errors(L);
  test_load_dump(L);
  test_coroutines(L);
  test_yield_across_c(L);
  CHECK(lua_gettop(L) == 0);
  lua_close(L);
  test_errmem();
  test_panic();
  return DONE("calls");
}
