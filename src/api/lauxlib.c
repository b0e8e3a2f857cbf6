/*
** lunar: the auxiliary library (lauxlib.h), except luaL_traceback
** (src/vm/debug.c).
**
** Everything here is written against the public C API, with two internal
** hooks: argument errors go through src/core/err.c, which names the called
** function from its caller's bytecode exactly as LuaJIT words it ("bad
** argument #1 to 'ipairs' (table expected, got nil)", "calling 'f' on bad
** self"), and luaL_error/luaL_checkstack raise their message at the caller's
** position like LuaJIT.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../core/err.h"
#include "../core/alloc.h"
#include "lua.h"
#include "lauxlib.h"

/* Absolute index for a relative stack index (pseudo-indices unchanged). */
static int aux_absindex(lua_State *L, int idx)
{
  if (idx < 0 && idx > LUA_REGISTRYINDEX) return lua_gettop(L) + idx + 1;
  return idx;
}

/* -- Argument errors and checks ------------------------------------------- */

LUALIB_API int luaL_argerror(lua_State *L, int narg, const char *extramsg)
{
  lu_err_argmsg(L, narg, extramsg);
  return 0;  /* Not reached. */
}

LUALIB_API int luaL_typerror(lua_State *L, int narg, const char *tname)
{
  int t = lua_type(L, narg);
  const char *got = t == LUA_TNONE ? "no value" : lua_typename(L, t);
  const char *msg = lua_pushfstring(L, "%s expected, got %s", tname, got);
  return luaL_argerror(L, narg, msg);
}

static LU_NORET void aux_tagerror(lua_State *L, int narg, int tag)
{
  luaL_typerror(L, narg, lua_typename(L, tag));
  abort();  /* Not reached. */
}

LUALIB_API void luaL_where(lua_State *L, int level)
{
  lua_Debug ar;
  if (lua_getstack(L, level, &ar)) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline > 0) {
      lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
      return;
    }
  }
  lua_pushliteral(L, "");
}

LUALIB_API int luaL_error(lua_State *L, const char *fmt, ...)
{
  va_list argp;
  va_start(argp, fmt);
  luaL_where(L, 1);
  lua_pushvfstring(L, fmt, argp);
  va_end(argp);
  lua_concat(L, 2);
  return lua_error(L);
}

LUALIB_API int luaL_checkoption(lua_State *L, int narg, const char *def,
                                const char *const lst[])
{
  const char *name = def ? luaL_optstring(L, narg, def)
                         : luaL_checkstring(L, narg);
  int i;
  for (i = 0; lst[i] != NULL; i++)
    if (strcmp(lst[i], name) == 0) return i;
  return luaL_argerror(L, narg,
                       lua_pushfstring(L, "invalid option '%s'", name));
}

LUALIB_API void luaL_checkstack(lua_State *L, int sz, const char *msg)
{
  if (!lua_checkstack(L, sz)) {
    if (msg != NULL)
      luaL_error(L, "stack overflow (%s)", msg);
    else
      luaL_error(L, "stack overflow");
  }
}

LUALIB_API void luaL_checktype(lua_State *L, int narg, int t)
{
  if (lua_type(L, narg) != t) aux_tagerror(L, narg, t);
}

LUALIB_API void luaL_checkany(lua_State *L, int narg)
{
  if (lua_type(L, narg) == LUA_TNONE) luaL_argerror(L, narg, "value expected");
}

LUALIB_API const char *luaL_checklstring(lua_State *L, int narg, size_t *len)
{
  const char *s = lua_tolstring(L, narg, len);
  if (s == NULL) aux_tagerror(L, narg, LUA_TSTRING);
  return s;
}

LUALIB_API const char *luaL_optlstring(lua_State *L, int narg,
                                       const char *def, size_t *len)
{
  if (lua_isnoneornil(L, narg)) {
    if (len != NULL) *len = def ? strlen(def) : 0;
    return def;
  }
  return luaL_checklstring(L, narg, len);
}

LUALIB_API lua_Number luaL_checknumber(lua_State *L, int narg)
{
  int isnum;
  lua_Number n = lua_tonumberx(L, narg, &isnum);
  if (!isnum) aux_tagerror(L, narg, LUA_TNUMBER);
  return n;
}

LUALIB_API lua_Number luaL_optnumber(lua_State *L, int narg, lua_Number def)
{
  return luaL_opt(L, luaL_checknumber, narg, def);
}

LUALIB_API lua_Integer luaL_checkinteger(lua_State *L, int narg)
{
  int isnum;
  lua_Integer n = lua_tointegerx(L, narg, &isnum);
  if (!isnum) aux_tagerror(L, narg, LUA_TNUMBER);
  return n;
}

LUALIB_API lua_Integer luaL_optinteger(lua_State *L, int narg,
                                       lua_Integer def)
{
  return luaL_opt(L, luaL_checkinteger, narg, def);
}

/* -- Metatables ----------------------------------------------------------- */

LUALIB_API int luaL_getmetafield(lua_State *L, int obj, const char *event)
{
  if (!lua_getmetatable(L, obj)) return 0;
  lua_pushstring(L, event);
  lua_rawget(L, -2);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 2);
    return 0;
  }
  lua_remove(L, -2);
  return 1;
}

LUALIB_API int luaL_callmeta(lua_State *L, int obj, const char *event)
{
  obj = aux_absindex(L, obj);
  if (!luaL_getmetafield(L, obj, event)) return 0;
  lua_pushvalue(L, obj);
  lua_call(L, 1, 1);
  return 1;
}

LUALIB_API int luaL_newmetatable(lua_State *L, const char *tname)
{
  lua_getfield(L, LUA_REGISTRYINDEX, tname);
  if (!lua_isnil(L, -1)) return 0;
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, tname);
  return 1;
}

LUALIB_API void luaL_setmetatable(lua_State *L, const char *tname)
{
  luaL_getmetatable(L, tname);
  lua_setmetatable(L, -2);
}

LUALIB_API void *luaL_testudata(lua_State *L, int ud, const char *tname)
{
  void *p = lua_touserdata(L, ud);
  if (p != NULL && lua_type(L, ud) == LUA_TUSERDATA &&
      lua_getmetatable(L, ud)) {
    int same;
    luaL_getmetatable(L, tname);
    same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (same) return p;
  }
  return NULL;
}

LUALIB_API void *luaL_checkudata(lua_State *L, int ud, const char *tname)
{
  void *p = luaL_testudata(L, ud, tname);
  if (p == NULL) luaL_typerror(L, ud, tname);
  return p;
}

/* -- Library registration ------------------------------------------------- */

/* Walk the dotted path fname from the table at idx, creating missing
** tables (the last one sized for szhint fields). Leaves the final table on
** the stack and returns NULL, or returns the part of fname where a
** non-table value was found (nothing pushed). */
LUALIB_API const char *luaL_findtable(lua_State *L, int idx,
                                      const char *fname, int szhint)
{
  const char *e;
  lua_pushvalue(L, idx);
  do {
    e = strchr(fname, '.');
    if (e == NULL) e = fname + strlen(fname);
    lua_pushlstring(L, fname, (size_t)(e - fname));
    lua_rawget(L, -2);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      lua_createtable(L, 0, *e == '.' ? 1 : szhint);
      lua_pushlstring(L, fname, (size_t)(e - fname));
      lua_pushvalue(L, -2);
      lua_settable(L, -4);
    } else if (!lua_istable(L, -1)) {
      lua_pop(L, 2);
      return fname;
    }
    lua_remove(L, -2);
    fname = e + 1;
  } while (*e == '.');
  return NULL;
}

static int aux_countfuncs(const luaL_Reg *l)
{
  int n = 0;
  for (; l != NULL && l->name != NULL; l++) n++;
  return n;
}

/* Push _LOADED[modname], creating it (and the global path modname) if it
** is not a table yet. */
LUALIB_API void luaL_pushmodule(lua_State *L, const char *modname,
                                int sizehint)
{
  luaL_findtable(L, LUA_REGISTRYINDEX, "_LOADED", 16);
  lua_getfield(L, -1, modname);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    if (luaL_findtable(L, LUA_GLOBALSINDEX, modname, sizehint) != NULL)
      luaL_error(L, "name conflict for module '%s'", modname);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, modname);
  }
  lua_remove(L, -2);
}

LUALIB_API void luaL_setfuncs(lua_State *L, const luaL_Reg *l, int nup)
{
  luaL_checkstack(L, nup, "too many upvalues");
  for (; l->name != NULL; l++) {
    int i;
    for (i = 0; i < nup; i++) lua_pushvalue(L, -nup);
    lua_pushcclosure(L, l->func, nup);
    lua_setfield(L, -(nup + 2), l->name);
  }
  lua_pop(L, nup);
}

LUALIB_API void luaL_openlib(lua_State *L, const char *libname,
                             const luaL_Reg *l, int nup)
{
  if (libname != NULL) {
    luaL_pushmodule(L, libname, aux_countfuncs(l));
    lua_insert(L, -(nup + 1));
  }
  if (l != NULL)
    luaL_setfuncs(L, l, nup);
  else
    lua_pop(L, nup);
}

LUALIB_API void luaL_register(lua_State *L, const char *libname,
                              const luaL_Reg *l)
{
  luaL_openlib(L, libname, l, 0);
}

/* -- References --------------------------------------------------------------
** t[0] heads the list of free references; each free slot holds the next.
*/

#define AUX_FREELIST  0

LUALIB_API int luaL_ref(lua_State *L, int t)
{
  int ref;
  t = aux_absindex(L, t);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return LUA_REFNIL;
  }
  lua_rawgeti(L, t, AUX_FREELIST);
  ref = (int)lua_tointeger(L, -1);
  lua_pop(L, 1);
  if (ref != 0) {
    lua_rawgeti(L, t, ref);
    lua_rawseti(L, t, AUX_FREELIST);
  } else {
    ref = (int)lua_objlen(L, t) + 1;
  }
  lua_rawseti(L, t, ref);
  return ref;
}

LUALIB_API void luaL_unref(lua_State *L, int t, int ref)
{
  if (ref >= 0) {
    t = aux_absindex(L, t);
    lua_rawgeti(L, t, AUX_FREELIST);
    lua_rawseti(L, t, ref);
    lua_pushinteger(L, ref);
    lua_rawseti(L, t, AUX_FREELIST);
  }
}

/* -- Loading chunks ------------------------------------------------------- */

typedef struct FileReader {
  FILE *fp;
  int extraline;   /* Feed one "\n" first (the skipped '#' line). */
  int err;         /* errno of the first read error, or 0. */
  char buf[LUAL_BUFFERSIZE];
} FileReader;

static const char *aux_readfile(lua_State *L, void *ud, size_t *size)
{
  FileReader *fr = (FileReader *)ud;
  (void)L;
  if (fr->extraline) {
    fr->extraline = 0;
  fr->err = 0;
    *size = 1;
    return "\n";
  }
  if (feof(fr->fp)) {
    *size = 0;
    return NULL;
  }
  *size = fread(fr->buf, 1, sizeof(fr->buf), fr->fp);
  if (*size == 0 && ferror(fr->fp) && fr->err == 0) fr->err = errno;
  return *size > 0 ? fr->buf : NULL;
}

/* Replace the chunk name at fnameidx with "cannot <what> <file>: <errno>"
** and return LUA_ERRFILE. */
static int aux_fileerror(lua_State *L, const char *what, int fnameidx,
                         int en)
{
  const char *serr = strerror(en);
  const char *filename = lua_tostring(L, fnameidx) + 1;
  lua_pushfstring(L, "cannot %s %s: %s", what, filename, serr);
  lua_remove(L, fnameidx);
  return LUA_ERRFILE;
}

LUALIB_API int luaL_loadfilex(lua_State *L, const char *filename,
                              const char *mode)
{
  FileReader fr;
  int status, readerr, c;
  int fnameidx = lua_gettop(L) + 1;
  fr.extraline = 0;
  fr.err = 0;
  if (filename == NULL) {
    lua_pushliteral(L, "=stdin");
    fr.fp = stdin;
  } else {
    lua_pushfstring(L, "@%s", filename);
    fr.fp = fopen(filename, "rb");
    if (fr.fp == NULL) return aux_fileerror(L, "open", fnameidx, errno);
  }
  c = getc(fr.fp);
  if (c == EOF && ferror(fr.fp)) fr.err = errno;
  if (c == '#') {  /* Unix exec. file: skip the first line, keep numbering. */
    fr.extraline = 1;
    while ((c = getc(fr.fp)) != EOF && c != '\n') {}
  } else if (c != EOF) {
    ungetc(c, fr.fp);
  }
  status = lua_loadx(L, aux_readfile, &fr, lua_tostring(L, fnameidx), mode);
  readerr = ferror(fr.fp) ? (fr.err ? fr.err : EIO) : 0;
  if (filename != NULL) fclose(fr.fp);
  if (readerr) {
    lua_settop(L, fnameidx);
    return aux_fileerror(L, "read", fnameidx, readerr);
  }
  lua_remove(L, fnameidx);
  return status;
}

LUALIB_API int luaL_loadfile(lua_State *L, const char *filename)
{
  return luaL_loadfilex(L, filename, NULL);
}

typedef struct StringReader {
  const char *s;
  size_t size;
} StringReader;

static const char *aux_readstring(lua_State *L, void *ud, size_t *size)
{
  StringReader *sr = (StringReader *)ud;
  (void)L;
  if (sr->size == 0) return NULL;
  *size = sr->size;
  sr->size = 0;
  return sr->s;
}

LUALIB_API int luaL_loadbufferx(lua_State *L, const char *buf, size_t size,
                                const char *name, const char *mode)
{
  StringReader sr;
  sr.s = buf;
  sr.size = size;
  return lua_loadx(L, aux_readstring, &sr, name, mode);
}

LUALIB_API int luaL_loadbuffer(lua_State *L, const char *buf, size_t size,
                               const char *name)
{
  return luaL_loadbufferx(L, buf, size, name, NULL);
}

LUALIB_API int luaL_loadstring(lua_State *L, const char *s)
{
  return luaL_loadbuffer(L, s, strlen(s), s);
}

/* -- State creation ------------------------------------------------------- */

static int aux_panic(lua_State *L)
{
  const char *s = lua_tostring(L, -1);
  fprintf(stderr, "PANIC: unprotected error in call to Lua API (%s)\n",
          s ? s : "?");
  fflush(stderr);
  return 0;
}

LUALIB_API lua_State *luaL_newstate(void)
{
  void *arena = lu_alloc_create();
  lua_State *L = lua_newstate(lu_alloc_f, arena);
  if (L != NULL) lua_atpanic(L, aux_panic);
  else lu_alloc_destroy(arena);
  return L;
}

/* -- String helpers ------------------------------------------------------- */

LUALIB_API const char *luaL_gsub(lua_State *L, const char *s, const char *p,
                                 const char *r)
{
  const char *wild;
  size_t plen = strlen(p);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  while ((wild = strstr(s, p)) != NULL) {
    luaL_addlstring(&b, s, (size_t)(wild - s));
    luaL_addstring(&b, r);
    s = wild + plen;
  }
  luaL_addstring(&b, s);
  luaL_pushresult(&b);
  return lua_tostring(L, -1);
}

/* -- Buffers -----------------------------------------------------------------
** A luaL_Buffer fills its inline array; when it is full, the bytes become a
** string on the stack (lvl counts those pieces). Pieces are merged while
** the one below is not bigger than the new one, so the stack stays
** logarithmic in the total size.
*/

#define AUX_LIMIT  (LUA_MINSTACK / 2)

static int aux_emptybuffer(luaL_Buffer *B)
{
  size_t len = (size_t)(B->p - B->buffer);
  if (len == 0) return 0;
  lua_pushlstring(B->L, B->buffer, len);
  B->p = B->buffer;
  B->lvl++;
  return 1;
}

static void aux_adjuststack(luaL_Buffer *B)
{
  if (B->lvl > 1) {
    lua_State *L = B->L;
    int toget = 1;
    size_t toplen = lua_objlen(L, -1);
    do {
      size_t l = lua_objlen(L, -(toget + 1));
      if (B->lvl - toget + 1 >= AUX_LIMIT || toplen > l) {
        toplen += l;
        toget++;
      } else {
        break;
      }
    } while (toget < B->lvl);
    lua_concat(L, toget);
    B->lvl = B->lvl - toget + 1;
  }
}

LUALIB_API void luaL_buffinit(lua_State *L, luaL_Buffer *B)
{
  B->L = L;
  B->p = B->buffer;
  B->lvl = 0;
}

LUALIB_API char *luaL_prepbuffer(luaL_Buffer *B)
{
  if (aux_emptybuffer(B)) aux_adjuststack(B);
  return B->buffer;
}

LUALIB_API void luaL_addlstring(luaL_Buffer *B, const char *s, size_t l)
{
  while (l > 0) {
    size_t room = (size_t)(B->buffer + LUAL_BUFFERSIZE - B->p);
    size_t n;
    if (room == 0) {
      luaL_prepbuffer(B);
      room = LUAL_BUFFERSIZE;
    }
    n = l < room ? l : room;
    memcpy(B->p, s, n);
    B->p += n;
    s += n;
    l -= n;
  }
}

LUALIB_API void luaL_addstring(luaL_Buffer *B, const char *s)
{
  luaL_addlstring(B, s, strlen(s));
}

LUALIB_API void luaL_pushresult(luaL_Buffer *B)
{
  aux_emptybuffer(B);
  lua_concat(B->L, B->lvl);
  B->lvl = 1;
}

/* Add the value at the top of the stack (a string or number) and pop it. */
LUALIB_API void luaL_addvalue(luaL_Buffer *B)
{
  lua_State *L = B->L;
  size_t vl;
  const char *s = lua_tolstring(L, -1, &vl);
  if (vl <= (size_t)(B->buffer + LUAL_BUFFERSIZE - B->p)) {
    memcpy(B->p, s, vl);
    B->p += vl;
    lua_pop(L, 1);
  } else {
    if (aux_emptybuffer(B)) lua_insert(L, -2);  /* Value stays on top. */
    B->lvl++;
    aux_adjuststack(B);
  }
}

/* -- Results for io/os functions ------------------------------------------ */

LUALIB_API int luaL_fileresult(lua_State *L, int stat, const char *fname)
{
  int en = errno;
  if (stat) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushnil(L);
  if (fname != NULL)
    lua_pushfstring(L, "%s: %s", fname, strerror(en));
  else
    lua_pushstring(L, strerror(en));
  lua_pushinteger(L, en);
  return 3;
}

LUALIB_API int luaL_execresult(lua_State *L, int stat)
{
  const char *what = "exit";
  if (stat == -1) return luaL_fileresult(L, 0, NULL);
  if (WIFEXITED(stat)) {
    stat = WEXITSTATUS(stat);
  } else if (WIFSIGNALED(stat)) {
    stat = WTERMSIG(stat);
    what = "signal";
  }
  if (*what == 'e' && stat == 0)
    lua_pushboolean(L, 1);
  else
    lua_pushnil(L);
  lua_pushstring(L, what);
  lua_pushinteger(L, stat);
  return 3;
}
