/*
** lunar: the io library (Lua 5.1 plus LuaJIT 2.1's read formats without
** '*', "*L" and formats for lines()).
**
** A file handle is a userdata holding an IOFile with the "FILE*"
** metatable (LUA_FILEHANDLE), so C modules that look for that name keep
** working. The default input and output files live in the registry under
** private light-userdata keys.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strfmt.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"

enum { IOFILE_NORMAL, IOFILE_PIPE, IOFILE_STD };

typedef struct IOFile {
  FILE *fp;      /* NULL once closed. */
  int kind;      /* IOFILE_*. */
} IOFile;

static char io_key_input, io_key_output;  /* Registry keys (addresses). */

/* -- Handles ---------------------------------------------------------------- */

static IOFile *io_tofile_raw(lua_State *L, int narg)
{
  return (IOFile *)luaL_checkudata(L, narg, LUA_FILEHANDLE);
}

static FILE *io_tofile(lua_State *L, int narg)
{
  IOFile *iof = io_tofile_raw(L, narg);
  if (iof->fp == NULL) luaL_error(L, "attempt to use a closed file");
  return iof->fp;
}

static IOFile *io_newfile(lua_State *L, int kind)
{
  IOFile *iof = (IOFile *)lua_newuserdata(L, sizeof(IOFile));
  iof->fp = NULL;
  iof->kind = kind;
  luaL_getmetatable(L, LUA_FILEHANDLE);
  lua_setmetatable(L, -2);
  return iof;
}

static int io_fileresult(lua_State *L, int ok, const char *fname)
{
  return luaL_fileresult(L, ok, fname);
}

/* Close a handle; standard files are never closed. */
static int io_closehandle(lua_State *L, IOFile *iof)
{
  int ok;
  if (iof->kind == IOFILE_STD) {
    lua_pushnil(L);
    lua_pushliteral(L, "cannot close standard file");
    return 2;
  }
  if (iof->kind == IOFILE_PIPE) {
    int stat = pclose(iof->fp);
    iof->fp = NULL;
    ok = (stat != -1);
  } else {
    ok = (fclose(iof->fp) == 0);
    iof->fp = NULL;
  }
  return io_fileresult(L, ok, NULL);
}

static void io_getdefault(lua_State *L, void *key)
{
  lua_pushlightuserdata(L, key);
  lua_rawget(L, LUA_REGISTRYINDEX);
}

static FILE *io_getdefaultfile(lua_State *L, void *key)
{
  IOFile *iof;
  io_getdefault(L, key);
  iof = (IOFile *)lua_touserdata(L, -1);
  if (iof == NULL || iof->fp == NULL)
    luaL_error(L, "standard file is closed");
  return iof->fp;
}

/* -- Reading ---------------------------------------------------------------- */

static int io_read_number(lua_State *L, FILE *fp)
{
  lua_Number d;
  if (fscanf(fp, LUA_NUMBER_SCAN, &d) == 1) {
    lua_pushnumber(L, d);
    return 1;
  }
  lua_pushnil(L);
  return 0;
}

/* A line, with or without its newline; embedded NULs are kept. */
static int io_read_line(lua_State *L, FILE *fp, int keepnl)
{
  luaL_Buffer b;
  int c;
  size_t n = 0;
  luaL_buffinit(L, &b);
  while ((c = getc_unlocked(fp)) != EOF) {
    if (c == '\n') {
      if (keepnl) luaL_addchar(&b, '\n');
      luaL_pushresult(&b);
      return 1;
    }
    luaL_addchar(&b, c);
    n++;
  }
  luaL_pushresult(&b);
  return n > 0;
}

static void io_read_all(lua_State *L, FILE *fp)
{
  luaL_Buffer b;
  size_t r;
  luaL_buffinit(L, &b);
  do {
    char *p = luaL_prepbuffer(&b);
    r = fread(p, 1, LUAL_BUFFERSIZE, fp);
    luaL_addsize(&b, r);
  } while (r == LUAL_BUFFERSIZE);
  luaL_pushresult(&b);
}

static int io_read_chars(lua_State *L, FILE *fp, size_t n)
{
  luaL_Buffer b;
  size_t total = 0;
  luaL_buffinit(L, &b);
  while (n > 0) {
    size_t chunk = n < LUAL_BUFFERSIZE ? n : LUAL_BUFFERSIZE;
    char *p = luaL_prepbuffer(&b);
    size_t r = fread(p, 1, chunk, fp);
    luaL_addsize(&b, r);
    total += r;
    n -= r;
    if (r < chunk) break;
  }
  luaL_pushresult(&b);
  return total > 0;
}

static int io_test_eof(lua_State *L, FILE *fp)
{
  int c = getc(fp);
  ungetc(c, fp);
  lua_pushlstring(L, NULL, 0);
  return c != EOF;
}

/* Read with the formats at stack indices first..top. */
static int io_read_formats(lua_State *L, FILE *fp, int first)
{
  int nargs = lua_gettop(L) - first + 1;
  int success, n;
  clearerr(fp);
  if (nargs <= 0) {
    success = io_read_line(L, fp, 0);
    n = first + 1;
  } else {
    luaL_checkstack(L, nargs + LUA_MINSTACK, "too many arguments");
    success = 1;
    for (n = first; nargs-- && success; n++) {
      if (lua_type(L, n) == LUA_TNUMBER) {
        size_t l = (size_t)lua_tointeger(L, n);
        success = (l == 0) ? io_test_eof(L, fp) : io_read_chars(L, fp, l);
      } else {
        const char *p = lua_tostring(L, n);
        if (p == NULL) return luaL_argerror(L, n, "invalid option");
        if (*p == '*') p++;
        switch (*p) {
        case 'n': success = io_read_number(L, fp); break;
        case 'l': success = io_read_line(L, fp, 0); break;
        case 'L': success = io_read_line(L, fp, 1); break;
        case 'a': io_read_all(L, fp); success = 1; break;
        default: return luaL_argerror(L, n, "invalid format");
        }
      }
    }
  }
  if (ferror(fp)) return io_fileresult(L, 0, NULL);
  if (!success) {
    lua_pop(L, 1);
    lua_pushnil(L);
  }
  return n - first;
}

static int io_f_read(lua_State *L)
{
  return io_read_formats(L, io_tofile(L, 1), 2);
}

static int io_read(lua_State *L)
{
  FILE *fp = io_getdefaultfile(L, &io_key_input);
  lua_pop(L, 1);
  return io_read_formats(L, fp, 1);
}

/* -- Writing ---------------------------------------------------------------- */

static int io_write_args(lua_State *L, FILE *fp, int arg)
{
  int nargs = lua_gettop(L) - arg + 1;
  int status = 1;
  for (; nargs--; arg++) {
    if (lua_type(L, arg) == LUA_TNUMBER) {
      /* Formatted like tostring, without interning a string. */
      char buf[LUAI_MAXNUMBER2STR];
      size_t len = lu_strfmt_num2buf(buf, lua_tonumber(L, arg));
      status = status && fwrite(buf, 1, len, fp) == len;
    } else {
      size_t l;
      const char *s = luaL_checklstring(L, arg, &l);
      status = status && fwrite(s, 1, l, fp) == l;
    }
  }
  return io_fileresult(L, status, NULL);
}

static int io_f_write(lua_State *L)
{
  return io_write_args(L, io_tofile(L, 1), 2);
}

static int io_write(lua_State *L)
{
  FILE *fp = io_getdefaultfile(L, &io_key_output);
  lua_pop(L, 1);
  return io_write_args(L, fp, 1);
}

/* -- Other methods ---------------------------------------------------------- */

static int io_f_close(lua_State *L)
{
  IOFile *iof = io_tofile_raw(L, 1);
  io_tofile(L, 1);
  return io_closehandle(L, iof);
}

static int io_close(lua_State *L)
{
  if (lua_isnone(L, 1)) io_getdefault(L, &io_key_output);
  return io_f_close(L);
}

static int io_f_gc(lua_State *L)
{
  IOFile *iof = io_tofile_raw(L, 1);
  if (iof->fp != NULL && iof->kind != IOFILE_STD) io_closehandle(L, iof);
  return 0;
}

static int io_f_tostring(lua_State *L)
{
  IOFile *iof = io_tofile_raw(L, 1);
  if (iof->fp == NULL) lua_pushliteral(L, "file (closed)");
  else lua_pushfstring(L, "file (%p)", (void *)iof->fp);
  return 1;
}

static int io_f_flush(lua_State *L)
{
  return io_fileresult(L, fflush(io_tofile(L, 1)) == 0, NULL);
}

static int io_flush(lua_State *L)
{
  FILE *fp = io_getdefaultfile(L, &io_key_output);
  return io_fileresult(L, fflush(fp) == 0, NULL);
}

static int io_f_seek(lua_State *L)
{
  static const int mode[] = { SEEK_SET, SEEK_CUR, SEEK_END };
  static const char *const modenames[] = { "set", "cur", "end", NULL };
  FILE *fp = io_tofile(L, 1);
  int op = luaL_checkoption(L, 2, "cur", modenames);
  lua_Number ofs = 0;
  if (!lua_isnoneornil(L, 3)) {  /* LuaJIT takes no string offsets. */
    luaL_checktype(L, 3, LUA_TNUMBER);
    ofs = lua_tonumber(L, 3);
  }
  if (fseeko(fp, (off_t)ofs, mode[op]) != 0)
    return io_fileresult(L, 0, NULL);
  lua_pushnumber(L, (lua_Number)ftello(fp));
  return 1;
}

static int io_f_setvbuf(lua_State *L)
{
  static const int mode[] = { _IONBF, _IOFBF, _IOLBF };
  static const char *const modenames[] = { "no", "full", "line", NULL };
  FILE *fp = io_tofile(L, 1);
  int op = luaL_checkoption(L, 2, NULL, modenames);
  lua_Integer sz = luaL_optinteger(L, 3, LUAL_BUFFERSIZE);
  return io_fileresult(L, setvbuf(fp, NULL, mode[op], (size_t)sz) == 0, NULL);
}

/* -- Iteration ---------------------------------------------------------------
** The iterator's upvalues: 1 the file, 2 close-at-end flag, 3 the number
** of formats, 4.. the formats.
*/
static int io_lines_iter(lua_State *L)
{
  IOFile *iof = (IOFile *)lua_touserdata(L, lua_upvalueindex(1));
  int i, n = (int)lua_tointeger(L, lua_upvalueindex(3));
  if (iof->fp == NULL) return luaL_error(L, "attempt to use a closed file");
  lua_settop(L, 0);
  luaL_checkstack(L, n + LUA_MINSTACK, "too many arguments");
  for (i = 1; i <= n; i++) lua_pushvalue(L, lua_upvalueindex(3 + i));
  n = io_read_formats(L, iof->fp, 1);
  if (lua_toboolean(L, -n)) return n;
  if (n > 1 && !lua_isnil(L, -n + 1) && lua_isnil(L, -n))
    return luaL_error(L, "%s", lua_tostring(L, -n + 1));
  if (lua_toboolean(L, lua_upvalueindex(2))) {
    lua_settop(L, 0);
    lua_pushvalue(L, lua_upvalueindex(1));
    io_closehandle(L, iof);
  }
  return 0;
}

static void io_pushlines(lua_State *L, int file, int first, int toclose)
{
  int i, n = lua_gettop(L) - first + 1;
  if (n < 0) n = 0;
  luaL_checkstack(L, n + 3, "too many arguments");
  lua_pushvalue(L, file);
  lua_pushboolean(L, toclose);
  lua_pushinteger(L, n);
  for (i = 0; i < n; i++) lua_pushvalue(L, first + i);
  lua_pushcclosure(L, io_lines_iter, 3 + n);
}

static int io_f_lines(lua_State *L)
{
  io_tofile(L, 1);
  io_pushlines(L, 1, 2, 0);
  return 1;
}

static IOFile *io_openfile(lua_State *L, const char *fname, const char *mode)
{
  IOFile *iof = io_newfile(L, IOFILE_NORMAL);
  iof->fp = fopen(fname, mode);
  if (iof->fp == NULL)
    luaL_argerror(L, 1, lua_pushfstring(L, "%s: %s", fname, strerror(errno)));
  return iof;
}

static int io_lines(lua_State *L)
{
  if (lua_isnoneornil(L, 1)) {
    io_getdefault(L, &io_key_input);
    lua_replace(L, 1);
    io_tofile(L, 1);
    io_pushlines(L, 1, 2, 0);
  } else {
    const char *fname = luaL_checkstring(L, 1);
    io_openfile(L, fname, "r");
    lua_replace(L, 1);
    io_pushlines(L, 1, 2, 1);
  }
  return 1;
}

/* -- Opening ---------------------------------------------------------------- */

/* The mode goes to fopen unchanged, as in LuaJIT. */
static int io_open(lua_State *L)
{
  const char *fname = luaL_checkstring(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  IOFile *iof = io_newfile(L, IOFILE_NORMAL);
  iof->fp = fopen(fname, mode);
  return iof->fp == NULL ? io_fileresult(L, 0, fname) : 1;
}

static int io_popen(lua_State *L)
{
  const char *cmd = luaL_checkstring(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  IOFile *iof = io_newfile(L, IOFILE_PIPE);
  fflush(NULL);
  iof->fp = popen(cmd, mode);
  return iof->fp == NULL ? io_fileresult(L, 0, cmd) : 1;
}

static int io_tmpfile(lua_State *L)
{
  IOFile *iof = io_newfile(L, IOFILE_NORMAL);
  iof->fp = tmpfile();
  return iof->fp == NULL ? io_fileresult(L, 0, NULL) : 1;
}

static int io_type(lua_State *L)
{
  IOFile *iof;
  luaL_checkany(L, 1);
  iof = (IOFile *)luaL_testudata(L, 1, LUA_FILEHANDLE);
  if (iof == NULL) lua_pushnil(L);
  else if (iof->fp == NULL) lua_pushliteral(L, "closed file");
  else lua_pushliteral(L, "file");
  return 1;
}

/* io.input([file|name]) / io.output([file|name]). */
static int io_setdefault(lua_State *L, void *key, const char *mode)
{
  if (!lua_isnoneornil(L, 1)) {
    const char *fname = lua_tostring(L, 1);
    lua_pushlightuserdata(L, key);
    if (fname) {
      io_openfile(L, fname, mode);
    } else {
      io_tofile(L, 1);
      lua_pushvalue(L, 1);
    }
    lua_rawset(L, LUA_REGISTRYINDEX);
  }
  io_getdefault(L, key);
  return 1;
}

static int io_input(lua_State *L) { return io_setdefault(L, &io_key_input, "r"); }
static int io_output(lua_State *L) { return io_setdefault(L, &io_key_output, "w"); }

static const luaL_Reg io_methods[] = {
  { "close", io_close }, { "flush", io_f_flush }, { "lines", io_f_lines },
  { "read", io_f_read }, { "seek", io_f_seek }, { "setvbuf", io_f_setvbuf },
  { "write", io_f_write }, { "__gc", io_f_gc },
  { "__tostring", io_f_tostring },
  { NULL, NULL }
};

static const luaL_Reg io_funcs[] = {
  { "close", io_close }, { "flush", io_flush }, { "input", io_input },
  { "lines", io_lines }, { "open", io_open }, { "output", io_output },
  { "popen", io_popen }, { "read", io_read }, { "tmpfile", io_tmpfile },
  { "type", io_type }, { "write", io_write },
  { NULL, NULL }
};

static void io_stdfile(lua_State *L, FILE *fp, void *key, const char *name)
{
  IOFile *iof = io_newfile(L, IOFILE_STD);
  iof->fp = fp;
  if (key != NULL) {
    lua_pushlightuserdata(L, key);
    lua_pushvalue(L, -2);
    lua_rawset(L, LUA_REGISTRYINDEX);
  }
  lua_setfield(L, -2, name);
}

LUALIB_API int luaopen_io(lua_State *L)
{
  luaL_newmetatable(L, LUA_FILEHANDLE);
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "__index");
  luaL_register(L, NULL, io_methods);
  {
    /* Mark the methods with their builtin ids ("io_method" in ffdef.h). */
    const luaL_Reg *r;
    for (r = io_methods; r->name != NULL; r++) {
      lua_getfield(L, -1, r->name);
      lu_lib_markff(L, "io_method", r->name);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  lu_lib_register(L, LUA_IOLIBNAME, io_funcs);
  io_stdfile(L, stdin, &io_key_input, "stdin");
  io_stdfile(L, stdout, &io_key_output, "stdout");
  io_stdfile(L, stderr, NULL, "stderr");
  return 1;
}
