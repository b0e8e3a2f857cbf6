/*
** pcall_traceback: protected calls from C. A message handler built on
** luaL_traceback turns runtime errors into "message + stack traceback";
** errors raised from C with lua_error carry any Lua value (here a
** table); lua_cpcall runs a C function in protected mode; and a panic
** handler set with lua_atpanic shows what happens to an unprotected
** error (it is only demonstrated in words, since it ends the program).
*/
#include <stdio.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* Message handler: error value -> string with a traceback. */
static int traceback(lua_State *L)
{
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {                     /* non-string error object */
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
      return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

/* Run the global function `name` under the traceback handler. */
static int call_traced(lua_State *L, const char *name, int nargs)
{
  int base = lua_gettop(L) - nargs;      /* where the function will go */
  lua_pushcfunction(L, traceback);
  lua_insert(L, base + 1);
  lua_getglobal(L, name);
  lua_insert(L, base + 2);
  int status = lua_pcall(L, nargs, 1, base + 1);
  lua_remove(L, base + 1);
  return status;
}

static int raise_table(lua_State *L)
{
  lua_newtable(L);
  lua_pushinteger(L, 404);
  lua_setfield(L, -2, "code");
  return lua_error(L);                   /* never returns */
}

static int in_cpcall(lua_State *L)
{
  const char *tag = (const char *)lua_touserdata(L, 1);
  return luaL_error(L, "failed inside cpcall (%s)", tag);
}

static const char *script =
  "function level3(x) return nil + x end\n"
  "function level2(x) local r = level3(x) return r end\n"
  "function level1(x) local r = level2(x) return r end\n"
  "function fine(a, b) return a .. b end\n";

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  lua_register(L, "raise_table", raise_table);
  if (luaL_dostring(L, script) != 0) return 1;

  /* 1. success */
  lua_pushstring(L, "ab");
  lua_pushstring(L, "cd");
  if (call_traced(L, "fine", 2) != 0 || strcmp(lua_tostring(L, -1), "abcd") != 0)
    return 1;
  lua_pop(L, 1);

  /* 2. runtime error deep in Lua, with a traceback */
  lua_pushinteger(L, 1);
  int status = call_traced(L, "level1", 1);
  const char *msg = lua_tostring(L, -1);
  printf("pcall_traceback: status %d\n%s\n", status, msg);
  if (status != LUA_ERRRUN || strstr(msg, "attempt to perform arithmetic") == NULL ||
      strstr(msg, "stack traceback:") == NULL || strstr(msg, "level2") == NULL)
    return 1;
  lua_pop(L, 1);

  /* 3. a table as error object, raised from C */
  lua_getglobal(L, "raise_table");
  status = lua_pcall(L, 0, 0, 0);
  if (status != LUA_ERRRUN || !lua_istable(L, -1)) return 1;
  lua_getfield(L, -1, "code");
  printf("pcall_traceback: error object code = %d\n", (int)lua_tointeger(L, -1));
  if (lua_tointeger(L, -1) != 404) return 1;
  lua_pop(L, 2);

  /* 4. lua_cpcall */
  status = lua_cpcall(L, in_cpcall, (void *)"tag");
  printf("pcall_traceback: cpcall -> %d: %s\n", status, lua_tostring(L, -1));
  if (status != LUA_ERRRUN || strstr(lua_tostring(L, -1), "(tag)") == NULL)
    return 1;
  lua_pop(L, 1);

  /* 5. syntax errors are reported by luaL_loadstring, not raised */
  status = luaL_loadstring(L, "x = = 1");
  printf("pcall_traceback: load -> %d: %s\n", status, lua_tostring(L, -1));
  if (status != LUA_ERRSYNTAX) return 1;
  lua_pop(L, 1);

  if (lua_gettop(L) != 0) return 1;      /* the stack is balanced */
  lua_close(L);
  return 0;
}
