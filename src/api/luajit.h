/*
** lunar: LuaJIT's public extensions (luajit.h).
*/
#ifndef _LUAJIT_H
#define _LUAJIT_H

#include "lua.h"

#define LUAJIT_VERSION      "LuaJIT 2.1.0-beta3"
#define LUAJIT_VERSION_NUM  20100
#define LUAJIT_VERSION_SYM  luaJIT_version_2_1_0_beta3
#define LUAJIT_COPYRIGHT    "Copyright (C) 2005-2022 Mike Pall"
#define LUAJIT_URL          "https://luajit.org/"

#define LUNAR_VERSION       "lunar 0.1"

/* Modes for luaJIT_setmode. */
#define LUAJIT_MODE_MASK  0x00ff

enum {
  LUAJIT_MODE_ENGINE,      /* Set mode for whole JIT engine. */
  LUAJIT_MODE_DEBUG,       /* Set debug mode (idx = level). */
  LUAJIT_MODE_FUNC,        /* Change mode for a function. */
  LUAJIT_MODE_ALLFUNC,     /* Recurse into subroutine protos. */
  LUAJIT_MODE_ALLSUBFUNC,  /* Change only the subroutines. */
  LUAJIT_MODE_TRACE,       /* Flush a compiled trace. */
  LUAJIT_MODE_WRAPCFUNC = 0x10, /* Set wrapper mode for C function calls. */
  LUAJIT_MODE_MAX
};

/* Flags or'ed in to the mode. */
#define LUAJIT_MODE_OFF    0x0000  /* Turn feature off. */
#define LUAJIT_MODE_ON     0x0100  /* Turn feature on. */
#define LUAJIT_MODE_FLUSH  0x0200  /* Flush JIT-compiled code. */

/* Control the JIT engine. */
LUA_API int luaJIT_setmode(lua_State *L, int idx, int mode);

/* Low-overhead profiling API. */
typedef void (*luaJIT_profile_callback)(void *data, lua_State *L,
                                        int samples, int vmstate);
LUA_API void luaJIT_profile_start(lua_State *L, const char *mode,
                                  luaJIT_profile_callback cb, void *data);
LUA_API void luaJIT_profile_stop(lua_State *L);
LUA_API const char *luaJIT_profile_dumpstack(lua_State *L, const char *fmt,
                                             int depth, size_t *len);

/* Enforce (dynamic) linker error for version mismatches. Call from main. */
LUA_API void LUAJIT_VERSION_SYM(void);

#endif
