/*
** coroutines: driving Lua coroutines from C. lua_newthread creates a
** thread sharing the globals; lua_resume runs it until it yields or
** returns; lua_xmove moves values between the two stacks; and a C
** function may yield with `return lua_yield(L, n)`, which suspends the
** Lua code that called it (here: a producer that "waits" for input the
** host supplies on the next resume).
*/
#include <stdio.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* wait_input(prompt): yields the prompt to the host; the host's next
** lua_resume arguments become wait_input's results. */
static int wait_input(lua_State *L)
{
  luaL_checkstring(L, 1);
  return lua_yield(L, 1);
}

static const char *script =
  "function conversation(name)\n"
  "  local a = wait_input('first number for ' .. name)\n"
  "  local b = wait_input('second number')\n"
  "  local s = 0\n"
  "  for i = a, b do s = s + i; if i % 25 == 0 then coroutine.yield('progress', i) end end\n"
  "  return 'sum', s\n"
  "end\n";

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  lua_register(L, "wait_input", wait_input);
  if (luaL_dostring(L, script) != 0) return 1;

  lua_State *co = lua_newthread(L);      /* anchored on L's stack */
  lua_getglobal(L, "conversation");
  lua_xmove(L, co, 1);                   /* function onto the thread */
  lua_pushstring(co, "host");
  int nargs = 1, inputs = 0, progress = 0;
  lua_Number answers[2] = { 1, 100 };
  for (;;) {
    int status = lua_resume(co, nargs);
    if (status == LUA_YIELD) {
      if (lua_type(co, 1) == LUA_TSTRING && strcmp(lua_tostring(co, 1), "progress") == 0) {
        progress++;
        lua_settop(co, 0);
        nargs = 0;
        continue;
      }
      printf("coroutines: asked '%s'\n", lua_tostring(co, -1));
      lua_settop(co, 0);
      if (inputs >= 2) return 1;
      lua_pushnumber(co, answers[inputs++]);
      nargs = 1;
    } else if (status == 0) {
      if (lua_gettop(co) != 2 || strcmp(lua_tostring(co, 1), "sum") != 0) return 1;
      printf("coroutines: finished, sum = %.0f after %d progress yields\n",
             lua_tonumber(co, 2), progress);
      if (lua_tonumber(co, 2) != 5050 || progress != 4 || inputs != 2) return 1;
      break;
    } else {
      fprintf(stderr, "coroutines: error %s\n", lua_tostring(co, -1));
      return 1;
    }
  }
  if (lua_status(co) != 0) return 1;

  /* An error inside a coroutine leaves it dead with the message on top. */
  lua_State *co2 = lua_newthread(L);
  luaL_loadstring(co2, "coroutine.yield(1) error('inside')");
  if (lua_resume(co2, 0) != LUA_YIELD) return 1;
  lua_settop(co2, 0);
  int status = lua_resume(co2, 0);
  printf("coroutines: second resume -> %d: %s\n", status, lua_tostring(co2, -1));
  if (status != LUA_ERRRUN || strstr(lua_tostring(co2, -1), "inside") == NULL) return 1;
  lua_close(L);
  return 0;
}
