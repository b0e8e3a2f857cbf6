/*
** lunar: the package library — require, module, the four searchers
** (preload, Lua, C, all-in-one C) over package.path / package.cpath, and
** C modules loaded through dlopen.
**
** Messages follow LuaJIT's: a failed require lists every place tried.
*/
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"

#define PKG_LIBPREFIX  "LOADLIB: "
#define PKG_POF        "luaopen_"
#define PKG_OFSEP      "_"
#define PKG_ERRLIB     1
#define PKG_ERRFUNC    2

static char pkg_sentinel_key;  /* Marks a module being loaded. */

/* -- Dynamic libraries ------------------------------------------------------ */

typedef struct PkgLib {
  void *handle;
} PkgLib;

static int pkg_lib_gc(lua_State *L)
{
  PkgLib *lib = (PkgLib *)luaL_checkudata(L, 1, "_LOADLIB");
  if (lib->handle) dlclose(lib->handle);
  lib->handle = NULL;
  return 0;
}

/* Find or create the registry entry for a library path. */
static PkgLib *pkg_libslot(lua_State *L, const char *path)
{
  PkgLib *lib;
  lua_pushfstring(L, "%s%s", PKG_LIBPREFIX, path);
  lua_gettable(L, LUA_REGISTRYINDEX);
  if (!lua_isnil(L, -1)) {
    lib = (PkgLib *)lua_touserdata(L, -1);
  } else {
    lua_pop(L, 1);
    lib = (PkgLib *)lua_newuserdata(L, sizeof(PkgLib));
    lib->handle = NULL;
    luaL_getmetatable(L, "_LOADLIB");
    lua_setmetatable(L, -2);
    lua_pushfstring(L, "%s%s", PKG_LIBPREFIX, path);
    lua_pushvalue(L, -2);
    lua_settable(L, LUA_REGISTRYINDEX);
  }
  lua_pop(L, 1);
  return lib;
}

/* Load library path and look up sym ("*" only loads it, globally).
** Returns 0 with the function (or true) pushed, else an error code with
** the message pushed. */
static int pkg_loadfunc(lua_State *L, const char *path, const char *sym)
{
  PkgLib *lib = pkg_libslot(L, path);
  if (lib->handle == NULL) {
    lib->handle = dlopen(path, RTLD_NOW | (*sym == '*' ? RTLD_GLOBAL : RTLD_LOCAL));
    if (lib->handle == NULL) {
      lua_pushstring(L, dlerror());
      return PKG_ERRLIB;
    }
  }
  if (*sym == '*') {
    lua_pushboolean(L, 1);
    return 0;
  } else {
    lua_CFunction f = (lua_CFunction)(uintptr_t)dlsym(lib->handle, sym);
    if (f == NULL) {
      lua_pushstring(L, dlerror());
      return PKG_ERRFUNC;
    }
    lua_pushcfunction(L, f);
    return 0;
  }
}

static int pkg_loadlib(lua_State *L)
{
  const char *path = luaL_checkstring(L, 1);
  const char *init = luaL_checkstring(L, 2);
  int st = pkg_loadfunc(L, path, init);
  if (st == 0) return 1;
  lua_pushnil(L);
  lua_insert(L, -2);
  lua_pushstring(L, st == PKG_ERRLIB ? "open" : "init");
  return 3;
}

/* -- Path search ------------------------------------------------------------ */

static int pkg_readable(const char *filename)
{
  FILE *f = fopen(filename, "r");
  if (f == NULL) return 0;
  fclose(f);
  return 1;
}

/* Search name in the ;-separated template list `path`, with sep replaced
** by dirsep in name. Pushes the file name found, or nil plus the list of
** "\n\tno file '...'" lines tried. */
static const char *pkg_searchpath(lua_State *L, const char *name,
                                  const char *path, const char *sep,
                                  const char *dirsep)
{
  luaL_Buffer msg;
  luaL_buffinit(L, &msg);
  if (*sep != '\0' && strchr(name, *sep) != NULL)
    name = luaL_gsub(L, name, sep, dirsep);
  for (;;) {
    const char *e, *filename;
    while (*path == *LUA_PATHSEP) path++;
    if (*path == '\0') break;
    e = strchr(path, *LUA_PATHSEP);
    if (e == NULL) e = path + strlen(path);
    lua_pushlstring(L, path, (size_t)(e - path));
    filename = luaL_gsub(L, lua_tostring(L, -1), LUA_PATH_MARK, name);
    lua_remove(L, -2);
    if (pkg_readable(filename)) {
      luaL_pushresult(&msg);
      lua_pop(L, 1);  /* The message. */
      return filename;  /* The file name stays on the stack. */
    }
    lua_pushfstring(L, "\n\tno file " LUA_QS, filename);
    lua_remove(L, -2);
    luaL_addvalue(&msg);
    path = e;
  }
  luaL_pushresult(&msg);
  return NULL;
}

static int pkg_searchpath_f(lua_State *L)
{
  const char *f = pkg_searchpath(L, luaL_checkstring(L, 1),
                                 luaL_checkstring(L, 2),
                                 luaL_optstring(L, 3, "."),
                                 luaL_optstring(L, 4, LUA_DIRSEP));
  if (f != NULL) return 1;
  lua_pushnil(L);
  lua_insert(L, -2);
  return 2;
}

static const char *pkg_findfile(lua_State *L, const char *name,
                                const char *pname)
{
  const char *path;
  lua_getfield(L, LUA_ENVIRONINDEX, pname);
  path = lua_tostring(L, -1);
  if (path == NULL) luaL_error(L, LUA_QL("package.%s") " must be a string", pname);
  lua_pop(L, 1);
  return pkg_searchpath(L, name, path, ".", LUA_DIRSEP);
}

static void pkg_loaderror(lua_State *L, const char *filename)
{
  luaL_error(L, "error loading module " LUA_QS " from file " LUA_QS ":\n\t%s",
             lua_tostring(L, 1), filename, lua_tostring(L, -1));
}

/* -- Searchers -------------------------------------------------------------- */

static int pkg_loader_preload(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  lua_getfield(L, LUA_ENVIRONINDEX, "preload");
  if (!lua_istable(L, -1))
    luaL_error(L, LUA_QL("package.preload") " must be a table");
  lua_getfield(L, -1, name);
  if (lua_isnil(L, -1))
    lua_pushfstring(L, "\n\tno field package.preload['%s']", name);
  return 1;
}

static int pkg_loader_lua(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  const char *filename = pkg_findfile(L, name, "path");
  if (filename == NULL) return 1;  /* Not found: the message. */
  if (luaL_loadfile(L, filename) != 0) pkg_loaderror(L, filename);
  return 1;
}

/* "luaopen_" + modname with '.' -> '_', after the first '-' if any. */
static const char *pkg_openfuncname(lua_State *L, const char *modname)
{
  const char *mark = strchr(modname, *LUA_IGMARK);
  const char *funcname;
  if (mark) modname = mark + 1;
  funcname = luaL_gsub(L, modname, ".", PKG_OFSEP);
  funcname = lua_pushfstring(L, PKG_POF "%s", funcname);
  lua_remove(L, -2);
  return funcname;
}

static int pkg_loader_c(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  const char *filename = pkg_findfile(L, name, "cpath");
  const char *funcname;
  if (filename == NULL) return 1;
  funcname = pkg_openfuncname(L, name);
  if (pkg_loadfunc(L, filename, funcname) != 0) pkg_loaderror(L, filename);
  return 1;
}

/* All-in-one loader: for "a.b.c", the library of root "a" may export
** luaopen_a_b_c. */
static int pkg_loader_croot(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  const char *p = strchr(name, '.');
  const char *filename, *funcname;
  int st;
  if (p == NULL) return 0;
  lua_pushlstring(L, name, (size_t)(p - name));
  filename = pkg_findfile(L, lua_tostring(L, -1), "cpath");
  if (filename == NULL) return 1;
  funcname = pkg_openfuncname(L, name);
  if ((st = pkg_loadfunc(L, filename, funcname)) != 0) {
    if (st != PKG_ERRFUNC) pkg_loaderror(L, filename);
    lua_pushfstring(L, "\n\tno module " LUA_QS " in file " LUA_QS,
                    name, filename);
    return 1;
  }
  return 1;
}

/* -- require ---------------------------------------------------------------- */

static int pkg_require(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  int i;
  lua_settop(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_getfield(L, 2, name);
  if (lua_toboolean(L, -1)) {
    if (lua_touserdata(L, -1) == &pkg_sentinel_key)
      luaL_error(L, "loop or previous error loading module " LUA_QS, name);
    return 1;
  }
  lua_getfield(L, LUA_ENVIRONINDEX, "loaders");
  if (!lua_istable(L, -1))
    luaL_error(L, LUA_QL("package.loaders") " must be a table");
  lua_pushliteral(L, "");  /* Error message accumulator. */
  for (i = 1;; i++) {
    lua_rawgeti(L, -2, i);
    if (lua_isnil(L, -1))
      luaL_error(L, "module " LUA_QS " not found:%s", name, lua_tostring(L, -2));
    lua_pushstring(L, name);
    lua_call(L, 1, 1);
    if (lua_isfunction(L, -1)) break;
    if (lua_isstring(L, -1)) lua_concat(L, 2);
    else lua_pop(L, 1);
  }
  lua_pushlightuserdata(L, &pkg_sentinel_key);
  lua_setfield(L, 2, name);
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
  if (!lua_isnil(L, -1)) lua_setfield(L, 2, name);
  lua_getfield(L, 2, name);
  if (lua_touserdata(L, -1) == &pkg_sentinel_key) {
    lua_pushboolean(L, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);
  }
  return 1;
}

/* -- module ----------------------------------------------------------------- */

static void pkg_setfenv(lua_State *L)
{
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) == 0 || lua_getinfo(L, "f", &ar) == 0 ||
      lua_iscfunction(L, -1))
    luaL_error(L, LUA_QL("module") " not called from a Lua function");
  lua_pushvalue(L, -2);
  lua_setfenv(L, -2);
  lua_pop(L, 1);
}

static void pkg_dooptions(lua_State *L, int n)
{
  int i;
  for (i = 2; i <= n; i++) {
    lua_pushvalue(L, i);
    lua_pushvalue(L, -2);
    lua_call(L, 1, 0);
  }
}

static void pkg_modinit(lua_State *L, const char *modname)
{
  const char *dot;
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "_M");
  lua_pushstring(L, modname);
  lua_setfield(L, -2, "_NAME");
  dot = strrchr(modname, '.');
  dot = dot ? dot + 1 : modname;
  lua_pushlstring(L, modname, (size_t)(dot - modname));
  lua_setfield(L, -2, "_PACKAGE");
}

static int pkg_module(lua_State *L)
{
  const char *modname = luaL_checkstring(L, 1);
  int loaded = lua_gettop(L) + 1;
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_getfield(L, loaded, modname);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    if (luaL_findtable(L, LUA_GLOBALSINDEX, modname, 1) != NULL)
      return luaL_error(L, "name conflict for module " LUA_QS, modname);
    lua_pushvalue(L, -1);
    lua_setfield(L, loaded, modname);
  }
  lua_getfield(L, -1, "_NAME");
  if (!lua_isnil(L, -1)) {
    lua_pop(L, 1);
  } else {
    lua_pop(L, 1);
    pkg_modinit(L, modname);
  }
  lua_pushvalue(L, -1);
  pkg_setfenv(L);
  pkg_dooptions(L, loaded - 1);
  return 0;
}

static int pkg_seeall(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_getmetatable(L, 1)) {
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, -1);
    lua_setmetatable(L, 1);
  }
  lua_pushvalue(L, LUA_GLOBALSINDEX);
  lua_setfield(L, -2, "__index");
  return 0;
}

/* -- Setup ------------------------------------------------------------------ */

/* package[fieldname] from env var envname (";;" -> the default), else def. */
static void pkg_setpath(lua_State *L, const char *fieldname,
                        const char *envname, const char *def, int noenv)
{
  const char *path = noenv ? NULL : getenv(envname);
  if (path == NULL) {
    lua_pushstring(L, def);
  } else {
    path = luaL_gsub(L, path, LUA_PATHSEP LUA_PATHSEP,
                     LUA_PATHSEP "\1" LUA_PATHSEP);
    luaL_gsub(L, path, "\1", def);
    lua_remove(L, -2);
  }
  lua_setfield(L, -2, fieldname);
}

static const luaL_Reg pkg_funcs[] = {
  { "loadlib", pkg_loadlib }, { "searchpath", pkg_searchpath_f },
  { "seeall", pkg_seeall },
  { NULL, NULL }
};

static const luaL_Reg pkg_globals[] = {
  { "module", pkg_module }, { "require", pkg_require },
  { NULL, NULL }
};

static const lua_CFunction pkg_loaders[] = {
  pkg_loader_preload, pkg_loader_lua, pkg_loader_c, pkg_loader_croot, NULL
};

LUALIB_API int luaopen_package(lua_State *L)
{
  int i, noenv;
  luaL_newmetatable(L, "_LOADLIB");
  lua_pushcfunction(L, pkg_lib_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_register(L, LUA_LOADLIBNAME, pkg_funcs);
  /* The functions use the package table as their environment. */
  lua_pushvalue(L, -1);
  lua_replace(L, LUA_ENVIRONINDEX);
  lua_createtable(L, 4, 0);
  for (i = 0; pkg_loaders[i] != NULL; i++) {
    lua_pushcfunction(L, pkg_loaders[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "loaders");
  lua_getfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  noenv = lua_toboolean(L, -1);
  lua_pop(L, 1);
  pkg_setpath(L, "path", LUA_PATH, LUA_PATH_DEFAULT, noenv);
  pkg_setpath(L, "cpath", LUA_CPATH, LUA_CPATH_DEFAULT, noenv);
  lua_pushliteral(L, LUA_PATH_CONFIG);
  lua_setfield(L, -2, "config");
  luaL_findtable(L, LUA_REGISTRYINDEX, "_LOADED", 16);
  lua_setfield(L, -2, "loaded");
  luaL_findtable(L, LUA_REGISTRYINDEX, "_PRELOAD", 4);
  lua_setfield(L, -2, "preload");
  lua_pushvalue(L, LUA_GLOBALSINDEX);
  luaL_register(L, NULL, pkg_globals);
  lua_pop(L, 1);
  return 1;
}
