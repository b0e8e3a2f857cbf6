/*
** lunar: configuration of the public Lua 5.1 API (luaconf.h).
** Values match LuaJIT 2.1 so that C modules built for it load unchanged.
*/
#ifndef luaconf_h
#define luaconf_h

#include <limits.h>
#include <stddef.h>

/* Default search paths for require (Debian and LuaRocks locations). */
#define LUA_LDIR   "!/lua/"
#define LUA_CDIR   "!/"
#define LUA_LUADIR "/lua/5.1/"
#define LUA_LJDIR  "/luajit-2.1/"
/* Lua modules: LuaJIT's and LuaRocks' /usr/local trees, then Debian's
** /usr/share/lua/5.1. C modules: /usr/local (LuaRocks), Debian's
** multiarch directory and the plain /usr/lib one. The same list as
** Debian's lua5.1 plus LuaJIT's share directory. */
#if defined(__x86_64__)
#define LUA_MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define LUA_MULTIARCH "aarch64-linux-gnu"
#elif defined(__i386__)
#define LUA_MULTIARCH "i386-linux-gnu"
#elif defined(__arm__)
#define LUA_MULTIARCH "arm-linux-gnueabihf"
#elif defined(__riscv) && __riscv_xlen == 64
#define LUA_MULTIARCH "riscv64-linux-gnu"
#else
#define LUA_MULTIARCH "x86_64-linux-gnu"
#endif
#define LUA_PATH_DEFAULT \
  "./?.lua;" \
  "/usr/local/share/luajit-2.1/?.lua;" \
  "/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;" \
  "/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;" \
  "/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua"
#define LUA_CPATH_DEFAULT \
  "./?.so;/usr/local/lib/lua/5.1/?.so;" \
  "/usr/lib/" LUA_MULTIARCH "/lua/5.1/?.so;" \
  "/usr/lib/lua/5.1/?.so;" \
  "/usr/local/lib/lua/5.1/loadall.so"

#define LUA_PATH     "LUA_PATH"
#define LUA_CPATH    "LUA_CPATH"
#define LUA_INIT     "LUA_INIT"

#define LUA_DIRSEP    "/"
#define LUA_PATHSEP   ";"
#define LUA_PATH_MARK "?"
#define LUA_EXECDIR   "!"
#define LUA_IGMARK    "-"
#define LUA_PATH_CONFIG \
  LUA_DIRSEP "\n" LUA_PATHSEP "\n" LUA_PATH_MARK "\n" \
  LUA_EXECDIR "\n" LUA_IGMARK "\n"

#define LUA_QL(x)   "'" x "'"
#define LUA_QS      LUA_QL("%s")

#define LUAI_MAXSTACK  65500
#define LUAI_MAXCSTACK 8000
#define LUAI_GCPAUSE   200
#define LUAI_GCMUL     200
#define LUA_MAXCAPTURES 32

#define LUA_IDSIZE  60
#define LUAL_BUFFERSIZE  (BUFSIZ > 16384 ? 8192 : BUFSIZ)

#define LUA_NUMBER        double
#define LUAI_UACNUMBER    double
#define LUA_NUMBER_SCAN   "%lf"
#define LUA_NUMBER_FMT    "%.14g"
#define lua_number2str(s, n)  sprintf((s), LUA_NUMBER_FMT, (n))
#define LUAI_MAXNUMBER2STR 32
#define LUA_INTFRMLEN     "l"
#define LUA_INTFRM_T      long

#define LUA_INTEGER  ptrdiff_t

#if defined(__GNUC__) && !defined(LUA_BUILD_AS_DLL)
#define LUA_API   extern __attribute__((visibility("default")))
#else
#define LUA_API   extern
#endif
#define LUALIB_API  LUA_API

#if defined(LUA_USE_APICHECK)
#include <assert.h>
#define luai_apicheck(L, o)  { (void)L; assert(o); }
#else
#define luai_apicheck(L, o)  { (void)L; }
#endif

#endif
