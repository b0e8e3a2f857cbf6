/*
** Tiny check harness shared by the C API tests in tests/capi. CHECK
** records a failure with its position and keeps going; DONE() prints a
** summary and yields the exit status for main.
*/
#ifndef CAPI_H
#define CAPI_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "luajit.h"

static int capi_checks, capi_failures;

#define CHECK(cond) do { \
    capi_checks++; \
    if (!(cond)) { \
      capi_failures++; \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    } \
  } while (0)

/* String equality, printing both sides on failure. */
#define CHECK_STR(got, want) do { \
    const char *g_ = (got), *w_ = (want); \
    capi_checks++; \
    if (g_ == NULL || strcmp(g_, w_) != 0) { \
      capi_failures++; \
      fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
              g_ ? g_ : "(null)", w_); \
    } \
  } while (0)

#define DONE(name) \
  (printf("%s: %d checks, %d failed\n", (name), capi_checks, capi_failures), \
   capi_failures ? 1 : 0)

/* Run a Lua chunk that must succeed; returns its number of results. */
static int run(lua_State *L, const char *chunk)
{
  int top = lua_gettop(L);
  if (luaL_loadstring(L, chunk) != 0 || lua_pcall(L, 0, LUA_MULTRET, 0) != 0) {
    capi_failures++;
    fprintf(stderr, "chunk failed: %s\n", lua_tostring(L, -1));
    lua_settop(L, top);
    return 0;
  }
  return lua_gettop(L) - top;
}

#endif
