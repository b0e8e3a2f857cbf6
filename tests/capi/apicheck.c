/*
** C API misuse under an API-check build (LUA_USE_APICHECK, as `make
** debug` builds it; tests/cli/capi.sh links this test against such a
** build). Each misuse runs in a child process, which must die of SIGABRT
** after printing a message that names the API function. Without API
** checks these would be undefined behaviour, so nothing here runs
** against a release library.
*/
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capi.h"

typedef void (*Misuse)(lua_State *L);

static void m_pop_empty(lua_State *L) { lua_pop(L, 3); }
static void m_settop_huge(lua_State *L) { lua_settop(L, 1000000); }
static void m_bad_negative(lua_State *L) { lua_pushinteger(L, 1); lua_pushvalue(L, -5); }
static void m_call_nargs(lua_State *L) { lua_pushnil(L); lua_call(L, 3, 0); }
static void m_pcall_nargs(lua_State *L) { lua_pcall(L, 2, 0, 0); }
static void m_rawget_nontable(lua_State *L)
{
  lua_pushinteger(L, 1);
  lua_pushinteger(L, 2);
  lua_rawget(L, 1);
}
static void m_rawseti_nontable(lua_State *L)
{
  lua_pushstring(L, "s");
  lua_pushinteger(L, 2);
  lua_rawseti(L, 1, 1);
}
static void m_setfield_empty(lua_State *L) { lua_newtable(L); lua_setfield(L, 1, "k"); lua_setfield(L, 1, "k"); }
static void m_replace_none(lua_State *L) { lua_pushinteger(L, 1); lua_replace(L, 5); }
static void m_xmove_foreign(lua_State *L)
{
  lua_State *other = luaL_newstate();
  lua_pushinteger(L, 1);
  lua_xmove(L, other, 1);
}
static void m_concat_too_many(lua_State *L) { lua_pushstring(L, "a"); lua_concat(L, 3); }
static void m_next_nontable(lua_State *L) { lua_pushinteger(L, 1); lua_pushnil(L); lua_next(L, 1); }
static int a_cfunc(lua_State *L) { (void)L; return 0; }
static void m_closure_upvalues(lua_State *L) { lua_pushcclosure(L, a_cfunc, 2); }
static void m_setmetatable_bad(lua_State *L) { lua_newtable(L); lua_pushinteger(L, 3); lua_setmetatable(L, 1); }

static const struct { const char *name; Misuse fn; } misuses[] = {
  { "lua_pop below the frame", m_pop_empty },
  { "lua_settop past the stack", m_settop_huge },
  { "negative index below the frame", m_bad_negative },
  { "lua_call with missing arguments", m_call_nargs },
  { "lua_pcall with missing arguments", m_pcall_nargs },
  { "lua_rawget on a number", m_rawget_nontable },
  { "lua_rawseti on a string", m_rawseti_nontable },
  { "lua_setfield without a value", m_setfield_empty },
  { "lua_replace to an index above the top", m_replace_none },
  { "lua_xmove between unrelated states", m_xmove_foreign },
  { "lua_concat of more values than the stack has", m_concat_too_many },
  { "lua_next on a number", m_next_nontable },
  { "lua_pushcclosure with missing upvalues", m_closure_upvalues },
  { "lua_setmetatable with a number", m_setmetatable_bad },
};

/* Runs fn in a child; returns 1 if it aborted with an API-check message. */
static int aborts_with_message(Misuse fn, char *msg, size_t msgsz)
{
  int fds[2];
  if (pipe(fds) != 0) return 0;
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 2);
    lua_State *L = luaL_newstate();
    fn(L);
    _exit(0);                            /* misuse went unnoticed */
  }
  close(fds[1]);
  size_t n = 0;
  ssize_t r;
  while (n + 1 < msgsz && (r = read(fds[0], msg + n, msgsz - 1 - n)) > 0) n += (size_t)r;
  msg[n] = '\0';
  close(fds[0]);
  int st;
  waitpid(pid, &st, 0);
  return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT &&
         strstr(msg, "C API check failed in lua_") != NULL;
}

int main(void)
{
  char msg[512];
  for (size_t i = 0; i < sizeof(misuses) / sizeof(misuses[0]); i++) {
    int ok = aborts_with_message(misuses[i].fn, msg, sizeof(msg));
    if (!ok) fprintf(stderr, "not caught: %s (child said: %s)\n", misuses[i].name, msg);
    CHECK(ok);
  }
  /* Correct use stays silent under the checks. */
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  lua_settop(L, 10);
  lua_pushvalue(L, -10);
  lua_pop(L, 11);
  CHECK(lua_gettop(L) == 0);
  lua_close(L);
  /* Show one message, as a user would see it. */
  aborts_with_message(m_rawget_nontable, msg, sizeof(msg));
  printf("example: %s", msg);
  return DONE("apicheck");
}
