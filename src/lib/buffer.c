/*
** lunar: string.buffer (LuaJIT 2.1's `require "string.buffer"`).
**
** A buffer object is a userdata holding an SBuf: one allocation (through
** the state's lua_Alloc) with a read offset and a write offset; the live
** contents are b[r..w). Reading advances r, writing advances w; before
** growing, the live part is moved back to the start. __gc frees the
** allocation. The options given to buffer.new (dict, metatable) live in
** the userdata's environment table together with their reverse maps.
**
** Serialization follows LuaJIT's documented format, so data encoded by
** luajit decodes here and vice versa:
**
**   nil 00 | false 01 | true 02 | NULL lightud 03 | lightud32 04 I |
**   lightud64 05 L | int 06 I | num 07 L |
**   table 08 (empty) | 09 h.U pairs | 0a a.U a*obj (0-based) |
**         0b a.U h.U a*obj pairs | 0c a.U (a-1)*obj (1-based) |
**         0d a.U h.U (a-1)*obj pairs |
**   table with dict metatable 0e idx.U table | dict string 0f idx.U |
**   string (len+0x20).U bytes
**
**   .U = 0x00..0xdf as one byte; up to 0x1fdf as (0xe0|hi5) lo8 after
**   subtracting 0xe0; else 0xff followed by 32 bits little-endian.
**
** FFI tags: 0x10 int64 and 0x11 uint64 (8 bytes little-endian); 0x12
** (complex) is rejected, as lunar's FFI has no complex numbers. The FFI
** methods (ref, reserve, commit, putcdata, set with a cdata) go through
** the helpers of src/lib/ffi.c; the standalone module (see string.c)
** has none of them.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib_string.h"
#ifndef LU_STRING_STANDALONE
#include "lib.h"
#endif

#define BUF_MT_NAME     "lunar.string.buffer"
#define BUF_MAXSIZE     ((size_t)0x7fffff00)
#define SER_MAXDEPTH    100
#define SER_MAXASIZE    ((uint32_t)1 << 27)

typedef struct SBuf {
  char *b;       /* Allocation (NULL when empty). */
  size_t r, w;   /* Read and write offsets: contents are b[r..w). */
  size_t sz;     /* Allocation size. */
} SBuf;

/* -- Memory ---------------------------------------------------------------- */

static LU_NORET void buf_errmem(lua_State *L)
{
  lua_pushliteral(L, "not enough memory");
  lua_error(L);
  for (;;) {}
}

static void sbuf_free(lua_State *L, SBuf *sb)
{
  void *ud;
  lua_Alloc fa = lua_getallocf(L, &ud);
  if (sb->b) fa(ud, sb->b, sb->sz, 0);
  sb->b = NULL;
  sb->r = sb->w = sb->sz = 0;
}

/* Make room for n more bytes at w; returns the write pointer. */
static char *sbuf_need(lua_State *L, SBuf *sb, size_t n)
{
  size_t len = sb->w - sb->r;
  if (sb->sz - sb->w >= n) return sb->b + sb->w;
  if (sb->r > 0) {  /* Compact first. */
    memmove(sb->b, sb->b + sb->r, len);
    sb->r = 0;
    sb->w = len;
    if (sb->sz - sb->w >= n) return sb->b + sb->w;
  }
  if (n > BUF_MAXSIZE - len) buf_errmem(L);
  {
    size_t nsz = sb->sz < 32 ? 32 : sb->sz;
    void *ud, *nb;
    lua_Alloc fa = lua_getallocf(L, &ud);
    while (nsz - len < n) nsz = nsz < BUF_MAXSIZE / 2 ? nsz * 2 : BUF_MAXSIZE;
    nb = fa(ud, sb->b, sb->sz, nsz);
    if (nb == NULL) buf_errmem(L);
    sb->b = (char *)nb;
    sb->sz = nsz;
  }
  return sb->b + sb->w;
}

static void sbuf_put(lua_State *L, SBuf *sb, const void *p, size_t n)
{
  if (n) {
    memcpy(sbuf_need(L, sb, n), p, n);
    sb->w += n;
  }
}

static void sbuf_putc(lua_State *L, SBuf *sb, int c)
{
  *sbuf_need(L, sb, 1) = (char)c;
  sb->w++;
}

/* -- Object access ---------------------------------------------------------- */

static SBuf *buf_check(lua_State *L, int idx)
{
  SBuf *sb = (SBuf *)lua_touserdata(L, idx);
  if (sb && lua_getmetatable(L, idx)) {
    int ok;
    luaL_getmetatable(L, BUF_MT_NAME);
    ok = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (ok) return sb;
  }
  luaL_typerror(L, idx, "buffer");
  return NULL;
}

static SBuf *buf_test(lua_State *L, int idx)
{
  SBuf *sb = (SBuf *)lua_touserdata(L, idx);
  if (sb && lua_type(L, idx) == LUA_TUSERDATA && lua_getmetatable(L, idx)) {
    int ok;
    luaL_getmetatable(L, BUF_MT_NAME);
    ok = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (ok) return sb;
  }
  return NULL;
}

/* Non-negative length argument with LuaJIT's int32 conversion. */
static size_t buf_checklen(lua_State *L, int narg)
{
  lua_Number n = luaL_checknumber(L, narg);
  int32_t v = (n > -2147483649.0 && n < 2147483648.0) ? (int32_t)n : INT32_MIN;
  if (v < 0) luaL_argerror(L, narg, "number out of range");
  return (size_t)v;
}

/* -- FFI access -------------------------------------------------------------
** cdata exist only with lunar's FFI (src/lib/ffi.c); the standalone module
** built for differential tests against a stock luajit has none of this.
*/

#ifndef LU_STRING_STANDALONE
#define buf_hasffi()  1
/* The 64 bits of an int64_t/uint64_t cdata at stack slot idx (> 0). */
static int buf_int64bits(lua_State *L, int idx, uint64_t *bits, int *uns)
{
  return lu_ffi_int64bits(L, idx, bits, uns);
}
static void buf_pushint64(lua_State *L, uint64_t bits, int uns)
{
  lu_ffi_pushint64(L, bits, uns);
}
static void buf_pushbytes(lua_State *L, void *p)
{
  lu_ffi_pushbytes(L, p);
}
/* The address of the cdata at stack slot idx (> 0), if it has one. */
static int buf_address(lua_State *L, int idx, void **p)
{
  return lu_ffi_address(L, idx, p);
}
#else
#define buf_hasffi()  0
static int buf_int64bits(lua_State *L, int idx, uint64_t *bits, int *uns)
{
  (void)L; (void)idx; (void)bits; (void)uns;
  return 0;
}
static void buf_pushint64(lua_State *L, uint64_t bits, int uns)
{
  (void)bits; (void)uns;
  lua_pushnil(L);
}
static void buf_pushbytes(lua_State *L, void *p)
{
  (void)p;
  lua_pushnil(L);
}
static int buf_address(lua_State *L, int idx, void **p)
{
  (void)L; (void)idx; (void)p;
  return 0;
}
#endif

static int buf_noffi(lua_State *L)
{
  return luaL_error(L, "string.buffer: raw pointer methods (ref, reserve, "
                       "commit, putcdata) need lunar's FFI");
}

/* -- Serializer ------------------------------------------------------------- */

typedef struct SerCtx {
  lua_State *L;
  SBuf *sb;
  int env;       /* Stack index of the options environment, or 0. */
  const char *p, *pe;  /* Decoder: read position and end. */
} SerCtx;

static void ser_putU(SerCtx *c, uint32_t n)
{
  if (n < 0xe0) {
    sbuf_putc(c->L, c->sb, (int)n);
  } else if (n < 0x1fe0) {
    n -= 0xe0;
    sbuf_putc(c->L, c->sb, (int)(0xe0 | (n >> 8)));
    sbuf_putc(c->L, c->sb, (int)(n & 0xff));
  } else {
    char tmp[5];
    tmp[0] = (char)0xff;
    tmp[1] = (char)(n & 0xff);
    tmp[2] = (char)((n >> 8) & 0xff);
    tmp[3] = (char)((n >> 16) & 0xff);
    tmp[4] = (char)(n >> 24);
    sbuf_put(c->L, c->sb, tmp, 5);
  }
}

static void ser_putLE(SerCtx *c, uint64_t v, int nbytes)
{
  char tmp[8];
  int i;
  for (i = 0; i < nbytes; i++) tmp[i] = (char)(v >> (8 * i));
  sbuf_put(c->L, c->sb, tmp, (size_t)nbytes);
}

static void ser_putnum(SerCtx *c, lua_Number n)
{
  uint64_t u;
  memcpy(&u, &n, 8);
  sbuf_putc(c->L, c->sb, 0x07);
  ser_putLE(c, u, 8);
}

/* Look up the value at idx in the environment's reverse map `field`
** (value -> 0-based index). Returns the index or -1. */
static int ser_lookup(SerCtx *c, int idx, const char *field)
{
  int r = -1;
  if (!c->env) return -1;
  lua_getfield(c->L, c->env, field);
  if (lua_istable(c->L, -1)) {
    lua_pushvalue(c->L, idx);
    lua_rawget(c->L, -2);
    if (lua_type(c->L, -1) == LUA_TNUMBER) r = (int)lua_tointeger(c->L, -1);
    lua_pop(c->L, 1);
  }
  lua_pop(c->L, 1);
  return r;
}

static void ser_put(SerCtx *c, int idx, int depth, int iskey);

/* Serialize the table at idx (absolute index): 0-based or 1-based array
** part up to the border, then the remaining keys in traversal order. */
static void ser_puttable(SerCtx *c, int idx, int depth)
{
  lua_State *L = c->L;
  size_t n = 0, i, maxk = 0, nint = 0;
  int has0;
  uint32_t nhash = 0;
  lua_rawgeti(L, idx, 0);
  has0 = !lua_isnil(L, -1);
  lua_pop(L, 1);
  /* Array part: keys 1..maxk when at least half of them are present (the
  ** same shape LuaJIT's own array part would mostly have). */
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TNUMBER) {
      lua_Number k = lua_tonumber(L, -1);
      if (k >= 1 && k < (lua_Number)SER_MAXASIZE && k == (lua_Number)(int64_t)k) {
        nint++;
        if ((size_t)k > maxk) maxk = (size_t)k;
      }
    }
  }
  if (nint * 2 >= maxk) n = maxk;
  else n = lua_objlen(L, idx) < nint ? lua_objlen(L, idx) : 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    int inarr = 0;
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TNUMBER) {
      lua_Number k = lua_tonumber(L, -1);
      if (k == (lua_Number)(int64_t)k && k >= (has0 ? 0 : 1) && k <= (lua_Number)n)
        inarr = 1;
    }
    if (!inarr) nhash++;
  }
  if (n == 0 && !has0) {
    if (nhash == 0) {
      sbuf_putc(L, c->sb, 0x08);
      return;
    }
    sbuf_putc(L, c->sb, 0x09);
    ser_putU(c, nhash);
  } else {
    sbuf_putc(L, c->sb, (has0 ? 0x0a : 0x0c) + (nhash ? 1 : 0));
    ser_putU(c, (uint32_t)n + 1);
    if (nhash) ser_putU(c, nhash);
    for (i = has0 ? 0 : 1; i <= n; i++) {
      lua_rawgeti(L, idx, (int)i);
      ser_put(c, lua_gettop(L), depth, 0);
      lua_pop(L, 1);
    }
  }
  if (nhash) {
    lua_pushnil(L);
    while (lua_next(L, idx)) {
      int inarr = 0;
      if (lua_type(L, -2) == LUA_TNUMBER) {
        lua_Number k = lua_tonumber(L, -2);
        if (k == (lua_Number)(int64_t)k && k >= (has0 ? 0 : 1) && k <= (lua_Number)n)
          inarr = 1;
      }
      if (!inarr) {
        int top = lua_gettop(L);
        ser_put(c, top - 1, depth, 1);
        ser_put(c, top, depth, 0);
      }
      lua_pop(L, 1);
    }
  }
}

/* Append the encoding of the value at idx (absolute index). Only table
** keys are looked up in the string dictionary (as LuaJIT does). */
static void ser_put(SerCtx *c, int idx, int depth, int iskey)
{
  lua_State *L = c->L;
  switch (lua_type(L, idx)) {
  case LUA_TNIL:
    sbuf_putc(L, c->sb, 0x00);
    break;
  case LUA_TBOOLEAN:
    sbuf_putc(L, c->sb, lua_toboolean(L, idx) ? 0x02 : 0x01);
    break;
  case LUA_TNUMBER:
    ser_putnum(c, lua_tonumber(L, idx));
    break;
  case LUA_TSTRING: {
    size_t len;
    const char *s;
    int di = iskey ? ser_lookup(c, idx, "dict_map") : -1;
    if (di >= 0) {
      sbuf_putc(L, c->sb, 0x0f);
      ser_putU(c, (uint32_t)di);
      break;
    }
    s = lua_tolstring(L, idx, &len);
    if (len > 0xffffffffu - 0x20) luaL_error(L, "string too long to serialize");
    ser_putU(c, (uint32_t)len + 0x20);
    sbuf_put(L, c->sb, s, len);
    break;
  }
  case LUA_TLIGHTUSERDATA: {
    uintptr_t p = (uintptr_t)lua_touserdata(L, idx);
    if (p == 0) {
      sbuf_putc(L, c->sb, 0x03);
    } else if (p <= 0xffffffffu) {
      sbuf_putc(L, c->sb, 0x04);
      ser_putLE(c, p, 4);
    } else {
      sbuf_putc(L, c->sb, 0x05);
      ser_putLE(c, p, 8);
    }
    break;
  }
  case 10: {  /* LUA_TCDATA: only 64-bit integers. */
    uint64_t bits;
    int uns = 0;
    if (!buf_int64bits(L, idx, &bits, &uns))
      luaL_error(L, "cannot serialize '%s'", luaL_typename(L, idx));
    sbuf_putc(L, c->sb, uns ? 0x11 : 0x10);
    ser_putLE(c, bits, 8);
    break;
  }
  case LUA_TTABLE:
    if (++depth > SER_MAXDEPTH) luaL_error(L, "too deep to serialize");
    luaL_checkstack(L, 8, "too deep to serialize");
    if (c->env && lua_getmetatable(L, idx)) {
      int mi = ser_lookup(c, lua_gettop(L), "mt_map");
      lua_pop(L, 1);
      if (mi >= 0) {
        sbuf_putc(L, c->sb, 0x0e);
        ser_putU(c, (uint32_t)mi);
      }
    }
    ser_puttable(c, idx, depth);
    break;
  default:
    luaL_error(L, "cannot serialize '%s'", luaL_typename(L, idx));
    break;
  }
}

/* -- Deserializer ----------------------------------------------------------- */

static LU_NORET void ser_eob(SerCtx *c)
{
  luaL_error(c->L, "unexpected end of buffer");
  for (;;) {}
}

static const char *ser_take(SerCtx *c, size_t n)
{
  const char *p = c->p;
  if ((size_t)(c->pe - p) < n) ser_eob(c);
  c->p = p + n;
  return p;
}

static uint64_t ser_getLE(SerCtx *c, int nbytes)
{
  const unsigned char *p = (const unsigned char *)ser_take(c, (size_t)nbytes);
  uint64_t v = 0;
  int i;
  for (i = nbytes - 1; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

/* Decode a .U number whose first byte b was already read. */
static uint32_t ser_getU_from(SerCtx *c, unsigned b)
{
  if (b < 0xe0) return b;
  if (b != 0xff) {
    unsigned lo = (unsigned char)*ser_take(c, 1);
    return (((b & 0x1f) << 8) | lo) + 0xe0;
  }
  return (uint32_t)ser_getLE(c, 4);
}

static uint32_t ser_getU(SerCtx *c)
{
  return ser_getU_from(c, (unsigned char)*ser_take(c, 1));
}

/* Push entry idx (0-based) of the option list `field`, or raise. */
static void ser_getdict(SerCtx *c, const char *field, uint32_t idx)
{
  lua_State *L = c->L;
  if (c->env) {
    lua_getfield(L, c->env, field);
    if (lua_istable(L, -1) && idx < 0x7fffffff) {
      lua_rawgeti(L, -1, (int)idx + 1);
      if (!lua_isnil(L, -1)) {
        lua_remove(L, -2);
        return;
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  luaL_error(L, "cannot deserialize dictionary index %d", (int)(idx + 1));
}

static void ser_get(SerCtx *c, int depth);

/* lua_pushfstring has no %x: format the tag here. */
static LU_NORET void ser_badtag(SerCtx *c, unsigned tag)
{
  char msg[48];
  snprintf(msg, sizeof(msg), "cannot deserialize tag 0x%02x", tag);
  luaL_error(c->L, "%s", msg);
  for (;;) {}
}

static void ser_settable(SerCtx *c, int t)
{
  lua_State *L = c->L;
  if (lua_isnil(L, -2)) luaL_error(L, "table index is nil");
  if (lua_type(L, -2) == LUA_TNUMBER && lua_tonumber(L, -2) != lua_tonumber(L, -2))
    luaL_error(L, "table index is NaN");
  lua_rawset(L, t);
}

static void ser_gettable(SerCtx *c, unsigned tag, int depth)
{
  lua_State *L = c->L;
  uint32_t a = 0, h = 0, i;
  int t;
  size_t left = (size_t)(c->pe - c->p);
  if (tag == 0x0a || tag == 0x0b || tag == 0x0c || tag == 0x0d) {
    a = ser_getU(c);
    if (a >= SER_MAXASIZE) luaL_error(L, "table overflow");
  }
  if (tag == 0x09 || tag == 0x0b || tag == 0x0d) {
    h = ser_getU(c);
    if (h >= SER_MAXASIZE) luaL_error(L, "table overflow");
  }
  lua_createtable(L, (int)(a < left ? a : left), (int)(h < left / 2 ? h : left / 2));
  t = lua_gettop(L);
  for (i = (tag == 0x0c || tag == 0x0d) ? 1 : 0; i < a; i++) {
    ser_get(c, depth);
    lua_rawseti(L, t, (int)i);
  }
  for (i = 0; i < h; i++) {
    ser_get(c, depth);
    ser_get(c, depth);
    ser_settable(c, t);
  }
}

/* Decode one value and push it. */
static void ser_get(SerCtx *c, int depth)
{
  lua_State *L = c->L;
  unsigned tag = (unsigned char)*ser_take(c, 1);
  luaL_checkstack(L, 4, "too deep to serialize");
  if (tag >= 0x20) {
    uint32_t len = ser_getU_from(c, tag) - 0x20;
    const char *s = ser_take(c, len);
    lua_pushlstring(L, s, len);
    return;
  }
  switch (tag) {
  case 0x00: lua_pushnil(L); break;
  case 0x01: lua_pushboolean(L, 0); break;
  case 0x02: lua_pushboolean(L, 1); break;
  case 0x03: lua_pushlightuserdata(L, NULL); break;
  case 0x04:
    lua_pushlightuserdata(L, (void *)(uintptr_t)ser_getLE(c, 4));
    break;
  case 0x05:
    lua_pushlightuserdata(L, (void *)(uintptr_t)ser_getLE(c, 8));
    break;
  case 0x06:
    lua_pushnumber(L, (lua_Number)(int32_t)(uint32_t)ser_getLE(c, 4));
    break;
  case 0x07: {
    uint64_t u = ser_getLE(c, 8);
    lua_Number n;
    memcpy(&n, &u, 8);
    lua_pushnumber(L, n);
    break;
  }
  case 0x08: case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d:
    if (++depth > SER_MAXDEPTH) luaL_error(L, "too deep to serialize");
    if (tag == 0x08) lua_newtable(L);
    else ser_gettable(c, tag, depth);
    break;
  case 0x0e: {
    uint32_t mi = ser_getU(c);
    unsigned ttag;
    ser_getdict(c, "metatable", mi);
    ttag = (unsigned char)*ser_take(c, 1);
    if (ttag < 0x08 || ttag > 0x0d)
      ser_badtag(c, ttag);
    if (++depth > SER_MAXDEPTH) luaL_error(L, "too deep to serialize");
    if (ttag == 0x08) lua_newtable(L);
    else ser_gettable(c, ttag, depth);
    lua_insert(L, -2);
    lua_setmetatable(L, -2);
    break;
  }
  case 0x0f:
    ser_getdict(c, "dict", ser_getU(c));
    break;
  case 0x10: case 0x11:
    if (!buf_hasffi()) ser_badtag(c, tag);
    buf_pushint64(L, ser_getLE(c, 8), tag == 0x11);
    break;
  default:
    ser_badtag(c, tag);
    break;
  }
}

/* -- Buffer methods ----------------------------------------------------------- */

/* Push the options environment of buffer 1 and return its index, or 0. */
static int buf_env(lua_State *L, int idx)
{
  lua_getfenv(L, idx);
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "dict");
    lua_getfield(L, -2, "metatable");
    if (!lua_isnil(L, -1) || !lua_isnil(L, -2)) {
      lua_pop(L, 2);
      return lua_gettop(L);
    }
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  return 0;
}

/* Append the value at idx as put() does: strings, numbers, buffers and
** values with __tostring. */
static void buf_putvalue(lua_State *L, SBuf *sb, int idx)
{
  int t = lua_type(L, idx);
  size_t len;
  const char *s;
  SBuf *other;
  if (t == LUA_TSTRING || t == LUA_TNUMBER) {
    lua_pushvalue(L, idx);
    s = lua_tolstring(L, -1, &len);
    sbuf_put(L, sb, s, len);
    lua_pop(L, 1);
  } else if ((other = buf_test(L, idx)) != NULL) {
    if (other == sb) luaL_argerror(L, idx, "cannot put buffer into itself");
    len = other->w - other->r;
    if (len) {
      char *w = sbuf_need(L, sb, len);
      memcpy(w, other->b + other->r, len);
      sb->w += len;
    }
  } else if (luaL_callmeta(L, idx, "__tostring")) {
    t = lua_type(L, -1);
    if (t != LUA_TSTRING && t != LUA_TNUMBER)
      luaL_typerror(L, idx, "string/number/__tostring");
    s = lua_tolstring(L, -1, &len);
    sbuf_put(L, sb, s, len);
    lua_pop(L, 1);
  } else {
    luaL_typerror(L, idx, "string/number/__tostring");
  }
}

static int buf_put(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  int i, n = lua_gettop(L);
  for (i = 2; i <= n; i++) buf_putvalue(L, sb, i);
  lua_settop(L, 1);
  return 1;
}

static int buf_putf(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  size_t len;
  const char *s;
  lu_strlib_format_from(L, 2);
  s = lua_tolstring(L, -1, &len);
  sbuf_put(L, sb, s, len);
  lua_settop(L, 1);
  return 1;
}

static int buf_set(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  size_t len;
  const char *s;
  void *p;
  if (buf_address(L, 2, &p)) {  /* set(cdata, len): a copy of len bytes. */
    len = buf_checklen(L, 3);
    s = (const char *)p;
  } else {
    if (lua_type(L, 2) != LUA_TSTRING) luaL_typerror(L, 2, "string");
    s = lua_tolstring(L, 2, &len);
  }
  sb->r = sb->w = 0;
  sbuf_put(L, sb, s, len);
  lua_settop(L, 1);
  return 1;
}

static int buf_reset(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  sb->r = sb->w = 0;
  lua_settop(L, 1);
  return 1;
}

static int buf_free(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  sbuf_free(L, sb);
  lua_settop(L, 1);
  return 1;
}

static int buf_skip(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  size_t n = buf_checklen(L, 2), len = sb->w - sb->r;
  sb->r += n < len ? n : len;
  if (sb->r == sb->w) sb->r = sb->w = 0;
  lua_settop(L, 1);
  return 1;
}

/* buf:get([len, ...]): one string per argument (nil = all the rest), or
** everything when called without arguments. */
static int buf_get(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  int i, n = lua_gettop(L);
  if (n == 1) {
    lua_pushlstring(L, sb->b ? sb->b + sb->r : "", sb->w - sb->r);
    sb->r = sb->w = 0;
    return 1;
  }
  for (i = 2; i <= n; i++) {
    size_t len = sb->w - sb->r, want = len;
    if (!lua_isnil(L, i)) {
      want = buf_checklen(L, i);
      if (want > len) want = len;
    }
    lua_pushlstring(L, sb->b ? sb->b + sb->r : "", want);
    sb->r += want;
  }
  if (sb->r == sb->w) sb->r = sb->w = 0;
  return n - 1;
}

static int buf_tostring(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  lua_pushlstring(L, sb->b ? sb->b + sb->r : "", sb->w - sb->r);
  return 1;
}

static int buf_len(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  lua_pushinteger(L, (lua_Integer)(sb->w - sb->r));
  return 1;
}

/* a .. b where either side is a buffer: both sides as strings. */
static int buf_concat(lua_State *L)
{
  int i;
  for (i = 1; i <= 2; i++) {
    SBuf *sb = buf_test(L, i);
    int t = lua_type(L, i);
    if (sb) {
      lua_pushlstring(L, sb->b ? sb->b + sb->r : "", sb->w - sb->r);
      lua_replace(L, i);
    } else if (t != LUA_TSTRING && t != LUA_TNUMBER) {
      return luaL_error(L, "attempt to concatenate a %s value",
                        luaL_typename(L, i));
    }
  }
  lua_settop(L, 2);
  lua_concat(L, 2);
  return 1;
}

static int buf_gc(lua_State *L)
{
  SBuf *sb = buf_test(L, 1);
  if (sb) sbuf_free(L, sb);
  return 0;
}

static int buf_encode(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  SerCtx c;
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  c.L = L;
  c.sb = sb;
  c.env = buf_env(L, 1);
  ser_put(&c, 2, 0, 0);
  lua_settop(L, 1);
  return 1;
}

static int buf_decode(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  SerCtx c;
  lua_settop(L, 1);
  c.L = L;
  c.sb = sb;
  c.env = buf_env(L, 1);
  c.p = sb->b ? sb->b + sb->r : "";
  c.pe = c.p + (sb->w - sb->r);
  ser_get(&c, 0);
  sb->r += (size_t)(c.p - (sb->b ? sb->b + sb->r : c.p));
  if (sb->r == sb->w) sb->r = sb->w = 0;
  return 1;
}

/* buf:reserve(size): a uint8_t * to at least size writable bytes after
** the contents, and their number; buf:commit(used) appends used of them. */
static int buf_reserve(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  size_t n = buf_checklen(L, 2);
  char *w = sbuf_need(L, sb, n);
  if (!buf_hasffi()) return buf_noffi(L);
  buf_pushbytes(L, w);
  lua_pushnumber(L, (lua_Number)(sb->sz - sb->w));
  return 2;
}

static int buf_commit(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  size_t n = buf_checklen(L, 2);
  if (n > sb->sz - sb->w) luaL_argerror(L, 2, "number out of range");
  sb->w += n;
  lua_settop(L, 1);
  return 1;
}

/* buf:ref(): a uint8_t * to the contents and their length. */
static int buf_ref(lua_State *L)
{
  static char empty[1];
  SBuf *sb = buf_check(L, 1);
  if (!buf_hasffi()) return buf_noffi(L);
  buf_pushbytes(L, sb->b ? sb->b + sb->r : empty);
  lua_pushnumber(L, (lua_Number)(sb->w - sb->r));
  return 2;
}

/* buf:putcdata(cdata, len): append len bytes from the cdata's address. */
static int buf_putcdata(lua_State *L)
{
  SBuf *sb = buf_check(L, 1);
  void *p;
  size_t n;
  if (!buf_address(L, 2, &p)) luaL_typerror(L, 2, "cdata");
  n = buf_checklen(L, 3);
  sbuf_put(L, sb, p, n);
  lua_settop(L, 1);
  return 1;
}

/* -- Module functions ----------------------------------------------------- */

/* Build the environment of a new buffer from an options table at opt:
** dict (list of strings) and metatable (list of tables), plus reverse
** maps value -> 0-based index used by the encoder. */
static void buf_setoptions(lua_State *L, int ud, int opt)
{
  static const char *const names[2] = {"dict", "metatable"};
  static const char *const maps[2] = {"dict_map", "mt_map"};
  int k;
  lua_createtable(L, 0, 4);
  for (k = 0; k < 2; k++) {
    lua_getfield(L, opt, names[k]);
    if (lua_istable(L, -1)) {
      int list = lua_gettop(L), i;
      int n = (int)lua_objlen(L, list);
      lua_createtable(L, 0, n);
      for (i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        if (lua_type(L, -1) != (k == 0 ? LUA_TSTRING : LUA_TTABLE))
          luaL_error(L, "bad options table");
        lua_pushinteger(L, i - 1);
        lua_rawset(L, -3);
      }
      lua_setfield(L, list - 1, maps[k]);
      lua_setfield(L, -2, names[k]);
    } else {
      lua_pop(L, 1);
    }
  }
  lua_setfenv(L, ud);
}

static void buf_newobj(lua_State *L, size_t size, int opt)
{
  SBuf *sb = (SBuf *)lua_newuserdata(L, sizeof(SBuf));
  int ud = lua_gettop(L);
  sb->b = NULL;
  sb->r = sb->w = sb->sz = 0;
  luaL_getmetatable(L, BUF_MT_NAME);
  lua_setmetatable(L, ud);
  if (opt) buf_setoptions(L, ud, opt);
  if (size) sbuf_need(L, sb, size);
}

static int bufmod_new(lua_State *L)
{
  size_t size = 0;
  int opt = 0;
  if (lua_istable(L, 1)) {
    opt = 1;
  } else {
    if (!lua_isnoneornil(L, 1)) size = buf_checklen(L, 1);
    if (lua_istable(L, 2)) opt = 2;
  }
  buf_newobj(L, size, opt);
  return 1;
}

static int bufmod_encode(lua_State *L)
{
  SerCtx c;
  luaL_checkany(L, 1);
  lua_settop(L, 1);
  /* The scratch buffer is a buffer object so an error cannot leak it. */
  buf_newobj(L, 0, 0);
  c.L = L;
  c.sb = (SBuf *)lua_touserdata(L, 2);
  c.env = 0;
  ser_put(&c, 1, 0, 0);
  lua_pushlstring(L, c.sb->b ? c.sb->b : "", c.sb->w);
  sbuf_free(L, c.sb);
  return 1;
}

static int bufmod_decode(lua_State *L)
{
  size_t len;
  SerCtx c;
  if (lua_type(L, 1) != LUA_TSTRING) luaL_typerror(L, 1, "string");
  c.p = lua_tolstring(L, 1, &len);
  c.pe = c.p + len;
  c.L = L;
  c.sb = NULL;
  c.env = 0;
  lua_settop(L, 1);
  ser_get(&c, 0);
  if (c.p != c.pe) luaL_error(L, "left-over data in buffer");
  return 1;
}

static const luaL_Reg buf_methods[] = {
  {"put", buf_put},
  {"putf", buf_putf},
  {"set", buf_set},
  {"reset", buf_reset},
  {"free", buf_free},
  {"skip", buf_skip},
  {"get", buf_get},
  {"tostring", buf_tostring},
  {"encode", buf_encode},
  {"decode", buf_decode},
  {"ref", buf_ref},
  {"reserve", buf_reserve},
  {"commit", buf_commit},
  {"putcdata", buf_putcdata},
  {"__len", buf_len},
  {"__concat", buf_concat},
  {"__gc", buf_gc},
  {NULL, NULL}
};

static const luaL_Reg bufmod_funcs[] = {
  {"new", bufmod_new},
  {"encode", bufmod_encode},
  {"decode", bufmod_decode},
  {NULL, NULL}
};

/* Mark the functions of l in the table at the top of the stack with their
** builtin ids under library token lib ("buffer_method" or "buffer"). */
static void buf_markff(lua_State *L, const char *lib, const luaL_Reg *l)
{
#ifndef LU_STRING_STANDALONE
  for (; l->name != NULL; l++) {
    lua_getfield(L, -1, l->name);
    lu_lib_markff(L, lib, l->name);
    lua_pop(L, 1);
  }
#else
  (void)L; (void)lib; (void)l;
#endif
}

LUALIB_API int luaopen_string_buffer(lua_State *L)
{
  luaL_newmetatable(L, BUF_MT_NAME);
  luaL_register(L, NULL, buf_methods);
  buf_markff(L, "buffer_method", buf_methods);
  /* As in LuaJIT, __tostring is the tostring method itself (builtin#218). */
  lua_getfield(L, -1, "tostring");
  lua_setfield(L, -2, "__tostring");
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "__index");
  lua_pushliteral(L, "buffer");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
  lua_createtable(L, 0, 3);
  luaL_register(L, NULL, bufmod_funcs);
  buf_markff(L, "buffer", bufmod_funcs);
  return 1;
}
