/*
** lunar: the string library (Lua 5.1 plus LuaJIT 2.1's behaviour).
**
** Written against the public C API (plus the weakly linked bytecode
** writer for string.dump). Behaviour follows `luajit -joff`:
**
** - Integer arguments (positions, counts, character codes) are converted
**   like LuaJIT's lib_checkint: a double truncated to int32, and anything
**   outside the int32 range (or NaN) becomes INT32_MIN. So
**   string.sub("abc", 2^53) is "abc" and string.rep("x", 1e10) is "".
** - Positions are clamped, never rejected: string.find("abc", "", 10)
**   finds the empty string at 4.
** - Patterns end at their first NUL, as in LuaJIT ("[\0]" is "missing
**   ']'", "a\0b" matches like "a"); find still takes the plain-search
**   path when no special character occurs in the whole pattern. The
**   matcher is recursive; every nested call counts against MATCH_MAXDEPTH
**   (200, as LuaJIT), so hostile patterns give "pattern too complex",
**   never a C stack overflow.
** - string.format parses "%[flags][width][.precision]conv" with at most
**   two digits for width and precision; any other shape is
**   "invalid option '%...' to 'format'". Numbers for %d/%x/... are
**   converted with x86-64 truncation semantics (out of range -> INT64_MIN),
**   NaN is always spelled "nan"/"NAN", and exact decimal ties round away
**   from zero (LuaJIT's formatter) where the C library rounds to even.
** - string.dump writes through the bytecode writer (lu_bcwrite, linked
**   weakly); without it, dumping a Lua function is a clear error.
**
** Results are assembled in a StrBuf: a growable byte array that starts
** inside the struct and moves to a userdata held in a fixed, reserved
** stack slot once it grows, so an error (longjmp) in the middle of a gsub
** or format never leaks memory and temporaries may be pushed above it.
*/
#include <ctype.h>
#include <float.h>
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/obj.h"
#include "../core/err.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib_string.h"
#include "../core/buf.h"

/* -DLU_STRING_STANDALONE builds string.c + buffer.c as a C module that a
** stock luajit can load (package.loadlib "luaopen_string"), which is how
** the library is differential-tested against LuaJIT's own. */
#ifndef LU_STRING_STANDALONE
#include "lib.h"
#include "../core/strfmt.h"
#include "../core/str.h"
#include "../core/gc.h"
#endif

#define uchar(c)  ((unsigned char)(c))

/* -- Number conversions (LuaJIT/x86-64 semantics) ------------------------ */

/* Double to int32 as cvttsd2si: truncation, INT32_MIN when out of range. */
static int32_t num2int(double n)
{
  if (n > -2147483649.0 && n < 2147483648.0)
    return (int32_t)n;
  return INT32_MIN;
}

/* Double to int64 as cvttsd2si: truncation, INT64_MIN when out of range. */
static int64_t num2i64(double n)
{
  if (n >= -9223372036854775808.0 && n < 9223372036854775808.0)
    return (int64_t)n;
  return INT64_MIN;
}

/* Double to uint64 as LuaJIT's %x/%u/%o conversion: values at or above
** 2^63 wrap modulo 2^64, everything else goes through num2i64. */
static uint64_t num2u64(double n)
{
  if (n >= 9223372036854775808.0)
    return (uint64_t)num2i64(n - 18446744073709551616.0);
  return (uint64_t)num2i64(n);
}

/* -- Fast argument access ------------------------------------------------
** The library is written against the C API, which decodes the index and
** checks the type on every call. The hot entry points read an argument
** straight from the C frame (L->base + narg - 1, as the API does for a
** positive index) when it already has the expected type, and otherwise
** fall back to the API, which converts (numbers to strings in place, as
** luaL_checklstring does) and raises the argument errors.
*/

/* The frame slot of argument narg (> 0), or NULL if absent. */
static LU_AINLINE const TValue *str_argslot(lua_State *L, int narg)
{
#ifndef LU_STRING_STANDALONE
  const TValue *o = L->base + (narg - 1);
  return o < L->top ? o : NULL;
#else
  (void)L; (void)narg;
  return NULL;
#endif
}

/* luaL_checklstring(L, narg, len). */
static LU_AINLINE const char *str_checklstr(lua_State *L, int narg,
                                            size_t *len)
{
#ifndef LU_STRING_STANDALONE
  const TValue *o = str_argslot(L, narg);
  if (LU_LIKELY(o != NULL && tvisstr(o))) {
    *len = strV(o)->len;
    return strdata(strV(o));
  }
#endif
  return luaL_checklstring(L, narg, len);
}

/* luaL_checknumber(L, narg). */
static LU_AINLINE double str_checknum(lua_State *L, int narg)
{
#ifndef LU_STRING_STANDALONE
  const TValue *o = str_argslot(L, narg);
  if (LU_LIKELY(o != NULL && tvisnumber(o))) return numV(o);
#endif
  return luaL_checknumber(L, narg);
}

/* An int64_t/uint64_t cdata argument as its 64 bits (lunar's FFI; never
** in the standalone module, where cdata belong to the host). */
static int str_int64bits(lua_State *L, int arg, uint64_t *bits)
{
#ifndef LU_STRING_STANDALONE
  const TValue *o = str_argslot(L, arg);
  if (o == NULL || !tviscdata(o)) return 0;  /* The usual case, inline. */
  return lu_ffi_int64bits(L, arg, bits, NULL);
#else
  (void)L;
  (void)arg;
  (void)bits;
  return 0;
#endif
}

static int32_t str_checkint(lua_State *L, int narg)
{
  return num2int(str_checknum(L, narg));
}

static int32_t str_optint(lua_State *L, int narg, int32_t def)
{
#ifndef LU_STRING_STANDALONE
  const TValue *o = str_argslot(L, narg);
  if (o == NULL || tvisnil(o)) return def;
  if (LU_LIKELY(tvisnumber(o))) return num2int(numV(o));
#endif
  return lua_isnoneornil(L, narg) ? def : str_checkint(L, narg);
}

/* -- StrBuf: growable result buffer backed by a userdata ---------------- */

#define SB_INLINE  240  /* Bytes kept in the StrBuf itself (C stack). */

typedef struct StrBuf {
  lua_State *L;
  int slot;     /* Absolute stack index reserved for the backing userdata. */
  char *b;      /* inl, or the userdata's bytes once it outgrew inl. */
  size_t n, sz;
  char inl[SB_INLINE];
} StrBuf;

/* Largest string the library builds (LuaJIT's LJ_MAX_STR). */
#define STR_MAXLEN  ((size_t)0x7fffff00)

/* Out of memory (or a result above the string limit): a memory error, so
** that xpcall handlers are not run, as in LuaJIT. */
static LU_NORET void str_errmem(lua_State *L)
{
#ifndef LU_STRING_STANDALONE
  lu_err_mem(L);
#else
  lua_pushliteral(L, "not enough memory");
  lua_error(L);
  for (;;) {}
#endif
}

/* Start an empty buffer. Small results stay in sb->inl; a stack slot is
** reserved (nil) for the userdata that takes over when they do not. */
static void sb_init(lua_State *L, StrBuf *sb)
{
  sb->L = L;
  lua_pushnil(L);
  sb->slot = lua_gettop(L);
  sb->b = sb->inl;
  sb->n = 0;
  sb->sz = SB_INLINE;
}

/* Move the contents to a bigger userdata with room for `need` more. */
static LU_NOINLINE void sb_grow(StrBuf *sb, size_t need)
{
  {
    size_t nsz = sb->sz < 1024 ? 1024 : sb->sz;
    char *nb;
    if (need > STR_MAXLEN - sb->n) str_errmem(sb->L);
    while (nsz - sb->n < need) nsz = nsz < STR_MAXLEN / 2 ? nsz * 2 : STR_MAXLEN;
    nb = (char *)lua_newuserdata(sb->L, nsz);
    memcpy(nb, sb->b, sb->n);
    lua_replace(sb->L, sb->slot);
    sb->b = nb;
    sb->sz = nsz;
  }
}

/* Make room for `need` more bytes; returns the write position. */
static LU_AINLINE char *sb_need(StrBuf *sb, size_t need)
{
  if (LU_UNLIKELY(sb->sz - sb->n < need)) sb_grow(sb, need);
  return sb->b + sb->n;
}

static LU_AINLINE void sb_addlstr(StrBuf *sb, const char *s, size_t len)
{
  lu_buf_copy(sb_need(sb, len), s, len);
  sb->n += len;
}

static void sb_addchar(StrBuf *sb, int c)
{
  *sb_need(sb, 1) = (char)c;
  sb->n++;
}

/* Append the string or number on the stack top, then pop it. */
static void sb_addtop(StrBuf *sb)
{
  size_t len;
  const char *s = lua_tolstring(sb->L, -1, &len);
  sb_addlstr(sb, s, len);
  lua_pop(sb->L, 1);
}

/* Replace the backing userdata by the result string. */
static void sb_result(StrBuf *sb)
{
#ifndef LU_STRING_STANDALONE
  /* What the three API calls below do, straight on the frame: the GC
  ** step runs while the backing userdata is still anchored in its slot,
  ** then the string replaces it and becomes the top. */
  lua_State *L = sb->L;
  TValue *slot;
  GCstr *s;
  lu_gc_check(L);
  s = lu_str_new(L, sb->b, sb->n);
  slot = L->base + (sb->slot - 1);  /* After anything that may move it. */
  setstrV(L, slot, s);
  L->top = slot + 1;
#else
  lua_pushlstring(sb->L, sb->b, sb->n);
  lua_replace(sb->L, sb->slot);
  lua_settop(sb->L, sb->slot);
#endif
}

/* -- Simple functions ---------------------------------------------------- */

/* Results up to this size are built on the C stack, bigger ones in a
** userdata (garbage after the call). */
#define STR_SMALL  256

/* Scratch space for a result of len bytes: the caller's small buffer, or
** a fresh userdata pushed on the stack. */
static char *str_scratch(lua_State *L, char *small, size_t len)
{
  if (len <= STR_SMALL) return small;
  return (char *)lua_newuserdata(L, len);
}

static int str_len(lua_State *L)
{
  size_t len;
  str_checklstr(L, 1, &len);
  lua_pushinteger(L, (lua_Integer)len);
  return 1;
}

/* Resolve a [start, stop] range against a string of length len, LuaJIT
** style: negative positions count from the end, then both are clamped.
** Returns the 1-based start and stop in pi and pj (empty when start > stop). */
static void str_range(int64_t len, int64_t start, int64_t stop,
                      int64_t *pi, int64_t *pj)
{
  if (stop < 0) stop += len + 1;
  else if (stop > len) stop = len;
  if (start < 0) start += len + 1;
  if (start < 1) start = 1;
  *pi = start;
  *pj = stop;
}

static int str_sub(lua_State *L)
{
  size_t len;
  const char *s = str_checklstr(L, 1, &len);
  int64_t i, j;
  str_range((int64_t)len, str_checkint(L, 2), str_optint(L, 3, -1), &i, &j);
  if (i <= j)
    lua_pushlstring(L, s + i - 1, (size_t)(j - i + 1));
  else
    lua_pushliteral(L, "");
  return 1;
}

static int str_byte(lua_State *L)
{
  size_t len;
  const char *s = str_checklstr(L, 1, &len);
  int32_t start = str_optint(L, 2, 1);
  int64_t i, j, k, n;
  str_range((int64_t)len, start, str_optint(L, 3, start), &i, &j);
  if (i > j) return 0;
  n = j - i + 1;
  if (n >= 0x7fffffff || !lua_checkstack(L, (int)n))
    return luaL_error(L, "string slice too long");
  for (k = 0; k < n; k++)
    lua_pushinteger(L, uchar(s[i - 1 + k]));
  return (int)n;
}

static int str_char(lua_State *L)
{
  int n = lua_gettop(L), i;
  char small[STR_SMALL];
  char *p = str_scratch(L, small, (size_t)n);
  for (i = 1; i <= n; i++) {
    int32_t c = str_checkint(L, i);
    luaL_argcheck(L, uchar(c) == c, i, "invalid value");
    p[i - 1] = (char)c;
  }
  lua_pushlstring(L, p, (size_t)n);
  return 1;
}

static int str_reverse(lua_State *L)
{
  size_t len, i;
  const char *s = str_checklstr(L, 1, &len);
  char small[STR_SMALL];
  char *p = str_scratch(L, small, len);
  for (i = 0; i < len; i++) p[i] = s[len - 1 - i];
  lua_pushlstring(L, p, len);
  return 1;
}

static int str_casemap(lua_State *L, int upper)
{
  size_t len, i;
  const char *s = str_checklstr(L, 1, &len);
  char small[STR_SMALL];
  char *p = str_scratch(L, small, len);
  /* Eight bytes at a time: a byte's high bit in m is set exactly when the
  ** byte is an ASCII letter of the case to change (b >= lo, b <= hi, b <
  ** 0x80, tested on its low 7 bits without carries between bytes); m >> 2
  ** then is its 0x20 bit, which flips the case. */
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  const uint64_t lo = upper ? 'a' : 'A', hi = upper ? 'z' : 'Z';
  for (i = 0; i + 8 <= len; i += 8) {
    uint64_t x, low7, m;
    memcpy(&x, s + i, 8);
    low7 = x & ~high;
    m = ((low7 + ones * (0x80 - lo)) ^ (low7 + ones * (0x7f - hi))) & ~x & high;
    x ^= m >> 2;
    memcpy(p + i, &x, 8);
  }
  for (; i < len; i++) {
    int c = uchar(s[i]);
    if (upper) p[i] = (char)((c >= 'a' && c <= 'z') ? c - 32 : c);
    else p[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
  lua_pushlstring(L, p, len);
  return 1;
}

static int str_lower(lua_State *L) { return str_casemap(L, 0); }
static int str_upper(lua_State *L) { return str_casemap(L, 1); }

/* string.rep(s, n [, sep]): n copies of s separated by sep. Sizes at or
** above LuaJIT's string limit raise "not enough memory" (as LuaJIT). */
static int str_rep(lua_State *L)
{
  size_t len, seplen = 0, total, i;
  const char *s = str_checklstr(L, 1, &len);
  int32_t n = str_checkint(L, 2);
  const char *sep = luaL_optlstring(L, 3, "", &seplen);
  char *p;
  if (n <= 0 || (len == 0 && seplen == 0)) {
    lua_pushliteral(L, "");
    return 1;
  }
  {
    uint64_t tot = (uint64_t)len * (uint64_t)n +
                   (uint64_t)seplen * (uint64_t)(n - 1);
    if (tot >= STR_MAXLEN) str_errmem(L);
    total = (size_t)tot;
  }
  {
    /* s, then (sep .. s) once, then that unit doubled by copying what is
    ** already written: the tail after the first s has period seplen+len. */
    char small[STR_SMALL];
    char *w;
    size_t done, need;
    p = str_scratch(L, small, total);
    memcpy(p, s, len);
    w = p + len;
    need = total - len;
    if (need) {
      memcpy(w, sep, seplen);
      memcpy(w + seplen, s, len);
      for (done = seplen + len; done < need; done += i) {
        i = done < need - done ? done : need - done;
        memcpy(w + done, w, i);
      }
    }
    lua_pushlstring(L, p, total);
  }
  return 1;
}

/* The bytecode writer (src/parse/bcdump.c), if linked. Declared weak so
** that string.dump degrades to a clear error while it does not exist. */
LU_FUNC int lu_bcwrite(lua_State *L, GCproto *pt, lua_Writer writer,
                       void *data, int strip) __attribute__((weak));

/* The writer runs outside the writer's own protection and must not throw
** (the dump buffer would leak): the chunk is turned into a string under
** lua_cpcall and parked in the registry, so an allocation failure comes
** back as a status. */
typedef struct DumpOut { const void *p; size_t sz; } DumpOut;
static char dump_key;

static int dump_store(lua_State *L)
{
  DumpOut *o = (DumpOut *)lua_touserdata(L, 1);
  lua_pushlightuserdata(L, &dump_key);
  lua_pushlstring(L, (const char *)o->p, o->sz);
  lua_rawset(L, LUA_REGISTRYINDEX);
  return 0;
}

static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
  DumpOut o;
  int status;
  (void)ud;
  o.p = p;
  o.sz = sz;
  status = lua_cpcall(L, dump_store, &o);
  if (status) lua_pop(L, 1);  /* The error message. */
  return status;
}

/* string.dump(f [, strip]): LuaJIT's bytecode format. Any true second
** argument strips the debug info. C functions cannot be dumped. */
static int str_dump(lua_State *L)
{
  int strip, status;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  strip = lua_toboolean(L, 2);
  lua_settop(L, 1);
  if (lua_iscfunction(L, 1))
    return luaL_error(L, "unable to dump given function");
  if (lu_bcwrite == NULL)
    return luaL_error(L, "string.dump: not implemented (no bytecode writer)");
  /* lua_topointer of a function is its GCfunc. */
  status = lu_bcwrite(L, funcproto((GCfunc *)lua_topointer(L, 1)),
                      dump_writer, NULL, strip);
  if (status == LUA_ERRMEM) str_errmem(L);
  if (status) return luaL_error(L, "unable to dump given function");
  lua_pushlightuserdata(L, &dump_key);
  lua_rawget(L, LUA_REGISTRYINDEX);
  lua_pushlightuserdata(L, &dump_key);
  lua_pushnil(L);
  lua_rawset(L, LUA_REGISTRYINDEX);
  return 1;
}

/* -- Pattern matching ----------------------------------------------------- */

#define L_ESC             '%'
#define SPECIALS          "^$*+?.([%-"
#define MATCH_MAXDEPTH    200
#define CAP_UNFINISHED    (-1)
#define CAP_POSITION      (-2)

typedef struct MatchState {
  const char *src_init;  /* Start of the subject. */
  const char *src_end;   /* End of the subject. */
  const char *p_end;     /* End of the pattern. */
  lua_State *L;
  int level;             /* Number of captures (finished or not). */
  int depth;             /* Current nesting of match(). */
  const char *pf, *pfe;  /* First item [pf, pfe) if every match starts
                         ** with one byte it matches, else NULL. */
  struct {
    const char *init;
    ptrdiff_t len;       /* Length, CAP_UNFINISHED or CAP_POSITION. */
  } capture[LUA_MAXCAPTURES];
} MatchState;

static const char *match(MatchState *ms, const char *s, const char *p);

static int check_capture(MatchState *ms, int l)
{
  l -= '1';
  if (l < 0 || l >= ms->level || ms->capture[l].len == CAP_UNFINISHED)
    return luaL_error(ms->L, "invalid capture index");
  return l;
}

static int capture_to_close(MatchState *ms)
{
  int level = ms->level;
  for (level--; level >= 0; level--)
    if (ms->capture[level].len == CAP_UNFINISHED) return level;
  return luaL_error(ms->L, "invalid pattern capture");
}

/* Skip one single-character class starting at p; returns its end. Escapes
** and sets end at the NUL terminator (the pattern is a Lua string). */
static const char *class_end(MatchState *ms, const char *p)
{
  switch (*p++) {
  case L_ESC:
    if (*p == '\0')
      luaL_error(ms->L, "malformed pattern (ends with '%%')");
    return p + 1;
  case '[':
    if (*p == '^') p++;
    do {
      if (*p == '\0')
        luaL_error(ms->L, "malformed pattern (missing ']')");
      if (*(p++) == L_ESC && *p != '\0') p++;
    } while (*p != ']');
    return p + 1;
  default:
    return p;
  }
}

/* Character classes of the C locale for %a %c %d %g %l %p %s %u %w %x:
** bit (1 << index in "acdglpsuwx") for each class a byte belongs to.
** Bytes >= 128 belong to none. */
static const uint16_t cls_bits[256] = {
  2, 2, 2, 2, 2, 2, 2, 2, 2, 66, 66, 66,
  66, 66, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 64, 40, 40, 40,
  40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40,
  780, 780, 780, 780, 780, 780, 780, 780, 780, 780, 40, 40,
  40, 40, 40, 40, 40, 905, 905, 905, 905, 905, 905, 393,
  393, 393, 393, 393, 393, 393, 393, 393, 393, 393, 393, 393,
  393, 393, 393, 393, 393, 393, 393, 40, 40, 40, 40, 40,
  40, 793, 793, 793, 793, 793, 793, 281, 281, 281, 281, 281,
  281, 281, 281, 281, 281, 281, 281, 281, 281, 281, 281, 281,
  281, 281, 281, 40, 40, 40, 40, 2,
};

/* Class bit of class letter cl (lower case), or 0 if cl is no class. */
static const uint16_t cls_letter[32] = {
  /* `  a  b  c  d  e  f  g  h  i  j  k  l   m  n  o  p   q  r  s */
  0, 1, 0, 2, 4, 0, 0, 8, 0, 0, 0, 0, 16, 0, 0, 0, 32, 0, 0, 64,
  /* t  u    v  w    x    y  z  {  |  }  ~  DEL */
  0, 128, 0, 256, 512, 0, 0, 0, 0, 0, 0, 0
};

/* Does character c belong to class %cl? Upper-case classes complement;
** %z is the NUL byte; any other cl matches itself. */
static LU_AINLINE int class_match(int c, int cl)
{
  int lc = cl | 0x20;
  unsigned bit;
  if (lc >= 'a' && lc <= 'z') {
    if (lc == 'z') bit = (c == 0);
    else if ((bit = cls_letter[lc - 0x60]) != 0) bit = (cls_bits[c] & bit) != 0;
    else return cl == c;
    return (cl & 0x20) ? (int)bit : !bit;
  }
  return cl == c;
}

/* Set match: p points at '[', ec at the closing ']'. */
static int set_match(int c, const char *p, const char *ec)
{
  int sig = 1;
  p++;
  if (*p == '^') {
    sig = 0;
    p++;
  }
  while (p < ec) {
    if (*p == L_ESC) {
      p++;
      if (class_match(c, uchar(*p))) return sig;
      p++;
    } else if (p[1] == '-' && p + 2 < ec) {
      if (uchar(p[0]) <= c && c <= uchar(p[2])) return sig;
      p += 3;
    } else {
      if (uchar(*p) == c) return sig;
      p++;
    }
  }
  return !sig;
}

static LU_AINLINE int single_match(int c, const char *p, const char *ep)
{
  switch (*p) {
  case '.': return 1;
  case L_ESC: return class_match(c, uchar(p[1]));
  case '[': return set_match(c, p, ep - 1);
  default: return uchar(*p) == c;
  }
}

/* %bxy: p points at x. */
static const char *match_balance(MatchState *ms, const char *s, const char *p)
{
  int open, close, cont = 1;
  if (ms->p_end - p < 2)
    luaL_error(ms->L, "unbalanced pattern");
  if (s >= ms->src_end || *s != *p) return NULL;
  open = *p;
  close = p[1];
  while (++s < ms->src_end) {
    if (*s == close) {
      if (--cont == 0) return s + 1;
    } else if (*s == open) {
      cont++;
    }
  }
  return NULL;
}

/* The byte that must come next when the pattern continues at rest with
** a literal (not special, without a '*', '?' or '-' that would let it
** match nothing), possibly after some ')' closing open captures (they
** consume nothing); -1 otherwise. A ')' counts only while there is an
** unfinished capture for it, so a stray ')' still reaches match() and
** raises its error. */
static int expand_literal(MatchState *ms, const char *rest)
{
  int open = 0, l;
  for (l = 0; l < ms->level; l++)
    if (ms->capture[l].len == CAP_UNFINISHED) open++;
  while (rest < ms->p_end && *rest == ')' && open > 0) {
    rest++;
    open--;
  }
  if (rest >= ms->p_end || *rest == '\0' || *rest == ')' ||
      strchr(SPECIALS, *rest) != NULL)
    return -1;
  if (rest + 1 < ms->p_end &&
      (rest[1] == '*' || rest[1] == '?' || rest[1] == '-'))
    return -1;
  return uchar(*rest);
}

static const char *max_expand(MatchState *ms, const char *s, const char *p,
                              const char *ep)
{
  ptrdiff_t i = 0;
  const char *rest = ep + 1;
  ptrdiff_t n = ms->src_end - s;
  int c;
  /* Longest run of matching bytes; the common item kinds get their own
  ** loops. */
  if (*p == '.') {
    i = n;
  } else if (*p == L_ESC) {
    int cl = uchar(p[1]), lc = cl | 0x20;
    unsigned bit = (lc > 0x60 && lc < 0x80) ? cls_letter[lc - 0x60] : 0;
    if (bit && (cl & 0x20))
      while (i < n && (cls_bits[uchar(s[i])] & bit)) i++;
    else
      while (i < n && class_match(uchar(s[i]), cl)) i++;
  } else if (*p == '[') {
    while (i < n && set_match(uchar(s[i]), p, ep - 1)) i++;
  } else {
    while (i < n && s[i] == *p) i++;
  }
  if (rest == ms->p_end) return s + i;  /* Nothing follows: take all. */
  c = expand_literal(ms, rest);
  if (c >= 0) {
    /* A literal follows: only try the ends where it comes next. */
    for (; i >= 0; i--) {
      if (s + i < ms->src_end && uchar(s[i]) == c) {
        const char *res = match(ms, s + i, rest);
        if (res) return res;
      }
    }
    return NULL;
  }
  while (i >= 0) {
    const char *res = match(ms, s + i, rest);
    if (res) return res;
    i--;
  }
  return NULL;
}

static const char *min_expand(MatchState *ms, const char *s, const char *p,
                              const char *ep)
{
  for (;;) {
    const char *res = match(ms, s, ep + 1);
    if (res) return res;
    if (s < ms->src_end && single_match(uchar(*s), p, ep)) s++;
    else return NULL;
  }
}

static const char *start_capture(MatchState *ms, const char *s,
                                 const char *p, int what)
{
  const char *res;
  int level = ms->level;
  if (level >= LUA_MAXCAPTURES) luaL_error(ms->L, "too many captures");
  ms->capture[level].init = s;
  ms->capture[level].len = what;
  ms->level = level + 1;
  if ((res = match(ms, s, p)) == NULL) ms->level--;
  return res;
}

static const char *end_capture(MatchState *ms, const char *s, const char *p)
{
  int l = capture_to_close(ms);
  const char *res;
  ms->capture[l].len = s - ms->capture[l].init;
  if ((res = match(ms, s, p)) == NULL) ms->capture[l].len = CAP_UNFINISHED;
  return res;
}

static const char *match_capture(MatchState *ms, const char *s, int l)
{
  size_t len;
  l = check_capture(ms, l);
  len = (size_t)ms->capture[l].len;
  if ((size_t)(ms->src_end - s) >= len &&
      memcmp(ms->capture[l].init, s, len) == 0)
    return s + len;
  return NULL;
}

/* Match pattern p against the subject at s. Returns the end of the match
** or NULL. Tail positions loop instead of recursing; every real recursion
** goes through here and counts against MATCH_MAXDEPTH. */
static const char *match(MatchState *ms, const char *s, const char *p)
{
  if (++ms->depth > MATCH_MAXDEPTH)
    luaL_error(ms->L, "pattern too complex");
  for (;;) {
    const char *ep;
    int m;
    if (p == ms->p_end) goto done;
    switch (*p) {
    case '(':
      if (p + 1 < ms->p_end && p[1] == ')')
        s = start_capture(ms, s, p + 2, CAP_POSITION);
      else
        s = start_capture(ms, s, p + 1, CAP_UNFINISHED);
      goto done;
    case ')':
      s = end_capture(ms, s, p + 1);
      goto done;
    case '$':
      if (p + 1 == ms->p_end) {
        if (s != ms->src_end) s = NULL;
        goto done;
      }
      goto dflt;
    case L_ESC:
      switch (p[1]) {
      case 'b':
        s = match_balance(ms, s, p + 2);
        if (s == NULL) goto done;
        p += 4;
        continue;
      case 'f': {
        int prev, cur;
        p += 2;
        if (*p != '[')
          luaL_error(ms->L, "missing '[' after '%%f' in pattern");
        ep = class_end(ms, p);
        prev = (s == ms->src_init) ? 0 : uchar(s[-1]);
        cur = (s < ms->src_end) ? uchar(*s) : 0;
        if (set_match(prev, p, ep - 1) || !set_match(cur, p, ep - 1)) {
          s = NULL;
          goto done;
        }
        p = ep;
        continue;
      }
      default:
        if (isdigit(uchar(p[1]))) {
          s = match_capture(ms, s, uchar(p[1]));
          if (s == NULL) goto done;
          p += 2;
          continue;
        }
        goto dflt;
      }
    default:
    dflt:
      ep = class_end(ms, p);
      m = s < ms->src_end && single_match(uchar(*s), p, ep);
      switch (ep < ms->p_end ? *ep : '\0') {
      case '?':
        if (m) {
          const char *res = match(ms, s + 1, ep + 1);
          if (res) {
            s = res;
            goto done;
          }
        }
        p = ep + 1;
        continue;
      case '*':
        s = max_expand(ms, s, p, ep);
        goto done;
      case '+':
        s = m ? max_expand(ms, s + 1, p, ep) : NULL;
        goto done;
      case '-':
        s = min_expand(ms, s, p, ep);
        goto done;
      default:
        if (!m) {
          s = NULL;
          goto done;
        }
        s++;
        p = ep;
        continue;
      }
    }
  }
done:
  ms->depth--;
  return s;
}

/* Set ms->pf/pfe when the pattern p begins with a single-byte item (a
** literal, '.', a %class or escape, or a set) that is not followed by
** '*', '-' or '?': every match then starts with a byte that item
** matches, and the scanning loops skip other start positions without
** entering match(). Never throws: malformed patterns get no first item
** and report their error from match() as before. */
static void ms_first(MatchState *ms, const char *p)
{
  const char *ep;
  ms->pf = NULL;
  if (p >= ms->p_end) return;
  switch (*p) {
  case '(': case ')': case '$':
    return;
  case L_ESC:
    if (p + 1 >= ms->p_end) return;
    {
      int c = uchar(p[1]);
      if (c == 'b' || c == 'f' || (c >= '0' && c <= '9')) return;
    }
    ep = p + 2;
    break;
  case '[': {
    const char *q = p + 1;
    if (q < ms->p_end && *q == '^') q++;
    do {
      if (q >= ms->p_end) return;
      if (*q++ == L_ESC) {
        if (q >= ms->p_end) return;
        q++;
      }
    } while (q >= ms->p_end || *q != ']');
    ep = q + 1;
    break;
  }
  default:
    ep = p + 1;
    break;
  }
  if (ep < ms->p_end && (*ep == '*' || *ep == '-' || *ep == '?')) return;
  ms->pf = p;
  ms->pfe = ep;
}

static void ms_init(MatchState *ms, lua_State *L, const char *s, size_t ls,
                    const char *p, size_t lp)
{
  ms->L = L;
  ms->src_init = s;
  ms->src_end = s + ls;
  ms->p_end = p + strnlen(p, lp);  /* A NUL ends the pattern (LuaJIT). */
  ms->level = 0;
  ms->depth = 0;
  ms_first(ms, p);
}

/* With a first item (ms->pf), the first position at or after s where a
** match can start, or src_end when there is none before the end. */
static const char *ms_skip(MatchState *ms, const char *s)
{
  const char *p = ms->pf, *e = ms->src_end;
  if (*p == '.') return s;
  if (*p == L_ESC) {
    int cl = uchar(p[1]), lc = cl | 0x20;
    unsigned bit = (lc > 0x60 && lc < 0x80) ? cls_letter[lc - 0x60] : 0;
    if (bit && (cl & 0x20))
      while (s < e && !(cls_bits[uchar(*s)] & bit)) s++;
    else
      while (s < e && !class_match(uchar(*s), cl)) s++;
  } else if (*p == '[') {
    while (s < e && !set_match(uchar(*s), p, ms->pfe - 1)) s++;
  } else {
    s = memchr(s, *p, (size_t)(e - s));
    if (s == NULL) s = e;
  }
  return s;
}

/* Can a match start at s? False only when the pattern's first item must
** consume a byte and the byte at s (if any) does not fit it. */
static LU_AINLINE int ms_canstart(MatchState *ms, const char *s)
{
  return ms->pf == NULL ||
         (s < ms->src_end && single_match(uchar(*s), ms->pf, ms->pfe));
}

/* Push capture i of a match spanning [s, e). Without captures, capture 0
** is the whole match. */
static void push_onecapture(MatchState *ms, int i, const char *s,
                            const char *e)
{
  if (i >= ms->level) {
    if (i == 0)
      lua_pushlstring(ms->L, s, (size_t)(e - s));
    else
      luaL_error(ms->L, "invalid capture index");
  } else {
    ptrdiff_t l = ms->capture[i].len;
    if (l == CAP_UNFINISHED) luaL_error(ms->L, "unfinished capture");
    if (l == CAP_POSITION)
      lua_pushinteger(ms->L, ms->capture[i].init - ms->src_init + 1);
    else
      lua_pushlstring(ms->L, ms->capture[i].init, (size_t)l);
  }
}

static int push_captures(MatchState *ms, const char *s, const char *e)
{
  int i, nlevels = (ms->level == 0 && s) ? 1 : ms->level;
  /* A C function may push LUA_MINSTACK (20) values; the callers have
  ** pushed at most 5 of their own, so only long capture lists check. */
  if (nlevels > 15) luaL_checkstack(ms->L, nlevels, "too many captures");
  for (i = 0; i < nlevels; i++)
    push_onecapture(ms, i, s, e);
  return nlevels;
}

static const char *lmemfind(const char *s1, size_t l1, const char *s2,
                            size_t l2)
{
  if (l2 == 0) return s1;
  if (l2 > l1) return NULL;
  {
    const char *init;
    l2--;
    l1 -= l2;
    while (l1 > 0 && (init = (const char *)memchr(s1, *s2, l1)) != NULL) {
      init++;
      if (memcmp(init, s2 + 1, l2) == 0) return init - 1;
      l1 -= (size_t)(init - s1);
      s1 = init;
    }
    return NULL;
  }
}

static int has_specials(const char *p, size_t lp)
{
  size_t i;
  for (i = 0; i < lp; i++)
    if (p[i] && strchr(SPECIALS, p[i])) return 1;
  return 0;
}

/* Shared body of find and match. The start position is clamped into
** [1, len+1] (LuaJIT). find without pattern specials is a plain search. */
static int str_find_aux(lua_State *L, int find)
{
  size_t ls, lp;
  const char *s = str_checklstr(L, 1, &ls);
  const char *p = str_checklstr(L, 2, &lp);
  int64_t init = str_optint(L, 3, 1);
  if (init < 0) init += (int64_t)ls + 1;
  if (init < 1) init = 1;
  if (init > (int64_t)ls + 1) init = (int64_t)ls + 1;
  if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
    const char *s2 = lmemfind(s + init - 1, ls - (size_t)(init - 1), p, lp);
    if (s2) {
      lua_pushinteger(L, s2 - s + 1);
      lua_pushinteger(L, (lua_Integer)(s2 - s + lp));
      return 2;
    }
  } else {
    MatchState ms;
    const char *s1 = s + init - 1;
    int anchor = (lp > 0 && *p == '^');
    if (anchor) {
      p++;
      lp--;
    }
    ms_init(&ms, L, s, ls, p, lp);
    do {
      const char *e;
      ms.level = 0;
      ms.depth = 0;
      if (ms_canstart(&ms, s1) && (e = match(&ms, s1, p)) != NULL) {
        if (find) {
          lua_pushinteger(L, s1 - s + 1);
          lua_pushinteger(L, e - s);
          return push_captures(&ms, NULL, NULL) + 2;
        }
        return push_captures(&ms, s1, e);
      }
    } while (s1++ < ms.src_end && !anchor);
  }
  lua_pushnil(L);
  return 1;
}

static int str_find(lua_State *L) { return str_find_aux(L, 1); }
static int str_match(lua_State *L) { return str_find_aux(L, 0); }

/* gmatch iterator; upvalues: subject, pattern, next start offset. A '^'
** in the pattern is an ordinary character here (Lua 5.1/LuaJIT). */
static int gmatch_aux(lua_State *L)
{
  MatchState ms;
  size_t ls, lp, start;
  const char *s, *p;
  const char *src;
  TValue *posuv = NULL;  /* Upvalue 3 when read straight from the closure. */
#ifndef LU_STRING_STANDALONE
  /* The running closure sits below the frame base (L->base - 2, as for
  ** the C API); read its upvalues directly instead of through the API's
  ** pseudo-index decoding on every iteration. */
  const TValue *f = L->base - 2;
  TValue *uv = NULL;
  if (f >= L->stack && tvisfunc(f) && iscfunc(funcV(f)) &&
      funcV(f)->c.f == gmatch_aux)
    uv = funcV(f)->c.upvalue;
  /* debug.setupvalue can change the upvalues: check their types. */
  if (uv != NULL && tvisstr(&uv[0]) && tvisstr(&uv[1]) &&
      tvisnumber(&uv[2])) {
    double pos = numV(&uv[2]);
    s = strdata(strV(&uv[0]));
    ls = strV(&uv[0])->len;
    p = strdata(strV(&uv[1]));
    lp = strV(&uv[1])->len;
    if (!(pos <= (double)ls)) return 0;  /* Past the end (or NaN). */
    start = pos > 0 ? (size_t)pos : 0;
    posuv = &uv[2];
  } else
#endif
  {
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
    s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    if (s == NULL || p == NULL || (pos > 0 && (size_t)pos > ls)) return 0;
    start = pos > 0 ? (size_t)pos : 0;
  }
  ms_init(&ms, L, s, ls, p, lp);
  for (src = s + start; src <= ms.src_end; src++) {
    const char *e;
    if (ms.pf) {
      src = ms_skip(&ms, src);
      if (src == ms.src_end) break;  /* No match can start at the end. */
    }
    ms.level = 0;
    ms.depth = 0;
    if ((e = match(&ms, src, p)) != NULL) {
      lua_Integer newstart = e - s;
      if (e == src) newstart++;  /* Empty match: advance by one. */
      if (posuv != NULL) {
        setnumV(posuv, (double)newstart);  /* A number: no GC barrier. */
      } else {
        lua_pushinteger(L, newstart);
        lua_replace(L, lua_upvalueindex(3));
      }
      return push_captures(&ms, src, e);
    }
  }
  return 0;
}

static int str_gmatch(lua_State *L)
{
  luaL_checkstring(L, 1);
  luaL_checkstring(L, 2);
  lua_settop(L, 2);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, gmatch_aux, 3);
  return 1;
}

/* Append the replacement string for one match. "%0".."%9" insert captures;
** '%' before anything else inserts that character (a trailing '%' inserts
** the NUL terminator, as LuaJIT does). */
static void add_s(MatchState *ms, StrBuf *sb, const char *s, const char *e,
                  int idx)
{
  size_t l, i;
  const char *news = lua_tolstring(ms->L, idx, &l);
  for (i = 0; i < l; i++) {
    if (news[i] != L_ESC) {
      sb_addchar(sb, news[i]);
    } else {
      i++;
      if (!isdigit(uchar(news[i]))) {
        sb_addchar(sb, news[i]);
      } else if (news[i] == '0') {
        sb_addlstr(sb, s, (size_t)(e - s));
      } else {
        push_onecapture(ms, news[i] - '1', s, e);
        sb_addtop(sb);
      }
    }
  }
}

static void add_value(MatchState *ms, StrBuf *sb, const char *s,
                      const char *e, int tr)
{
  lua_State *L = ms->L;
  switch (tr) {
  case LUA_TFUNCTION: {
    int n;
    lua_pushvalue(L, 3);
    n = push_captures(ms, s, e);
    lua_call(L, n, 1);
    break;
  }
  case LUA_TTABLE:
    push_onecapture(ms, 0, s, e);
    lua_gettable(L, 3);
    break;
  default:
    add_s(ms, sb, s, e, 3);
    return;
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    lua_pushlstring(L, s, (size_t)(e - s));
  } else if (!lua_isstring(L, -1)) {
    luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  }
  sb_addtop(sb);
}

static int str_gsub(lua_State *L)
{
  size_t srcl, lp;
  const char *src = str_checklstr(L, 1, &srcl);
  const char *p = str_checklstr(L, 2, &lp);
  int tr = lua_type(L, 3);
  int32_t max_s = str_optint(L, 4, (int32_t)(srcl < 0x7ffffffe ? srcl + 1 : 0x7fffffff));
  int anchor = (lp > 0 && *p == '^');
  int32_t n = 0;
  MatchState ms;
  StrBuf sb;
  luaL_argcheck(L, tr == LUA_TNUMBER || tr == LUA_TSTRING ||
                   tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
                "string/function/table expected");
  lua_settop(L, 3);
  if (anchor) {
    p++;
    lp--;
  }
  sb_init(L, &sb);
  ms_init(&ms, L, src, srcl, p, lp);
  while (n < max_s) {
    const char *e;
    ms.level = 0;
    ms.depth = 0;
    e = ms_canstart(&ms, src) ? match(&ms, src, p) : NULL;
    if (e) {
      n++;
      add_value(&ms, &sb, src, e, tr);
    }
    if (e && e > src) {
      src = e;
    } else if (src < ms.src_end) {
      /* Copy up to the next position where a match can start. */
      const char *q = src + 1;
      if (!anchor && ms.pf) q = ms_skip(&ms, q);
      sb_addlstr(&sb, src, (size_t)(q - src));
      src = q;
    } else {
      break;
    }
    if (anchor) break;
  }
  sb_addlstr(&sb, src, (size_t)(ms.src_end - src));
  sb_result(&sb);
  lua_pushinteger(L, n);
  return 2;
}

/* -- string.format ------------------------------------------------------- */

#define FMT_FLAGS    "-+ #0"
#define FMT_NUMBUF   512   /* Enough for %99.99f of 1e308. */
#define FMT_NUMBUF_SMALL 160  /* %a of a mantissa: "-0x1." + 99 digits + "p-1074". */

/* Push tostring(value at idx) for %s and %q: __tostring if present (its
** result is used as is when it is a string or number), else the plain
** conversion. Returns the bytes and length of the pushed string. */
static const char *fmt_tostring(lua_State *L, int idx, size_t *len)
{
  luaL_checkstack(L, 4, "too many arguments");
  if (luaL_callmeta(L, idx, "__tostring")) {
    if (!lua_isstring(L, -1)) {
      /* LuaJIT formats a non-string result as a plain value. */
      int top = lua_gettop(L);
      lu_strlib_tostring(L, top);
      lua_remove(L, top);
    }
  } else {
    lu_strlib_tostring(L, idx);
  }
  return lua_tolstring(L, -1, len);
}

/* Plain tostring (no metamethods), pushed on the stack. */
void lu_strlib_tostring(lua_State *L, int idx)
{
  switch (lua_type(L, idx)) {
  case LUA_TNUMBER:
  case LUA_TSTRING:
    lua_pushvalue(L, idx);
    lua_tolstring(L, -1, NULL);
    break;
  case LUA_TNIL:
    lua_pushliteral(L, "nil");
    break;
  case LUA_TBOOLEAN:
    if (lua_toboolean(L, idx)) lua_pushliteral(L, "true");
    else lua_pushliteral(L, "false");
    break;
  default:
    lua_pushfstring(L, "%s: %p", luaL_typename(L, idx), lua_topointer(L, idx));
    break;
  }
}

static void fmt_quoted(StrBuf *sb, const char *s, size_t len)
{
  size_t i;
  sb_addchar(sb, '"');
  for (i = 0; i < len; i++) {
    int c = uchar(s[i]);
    if (c == '"' || c == '\\' || c == '\n') {
      sb_addchar(sb, '\\');
      sb_addchar(sb, c);
    } else if (c < 32 || c == 127) {
      /* "\ddd" (three digits when a digit follows), else "\d". */
      int next = (i + 1 < len) ? uchar(s[i + 1]) : 0;
      sb_addchar(sb, '\\');
      if (c >= 100 || isdigit(next)) sb_addchar(sb, '0' + c / 100);
      if (c >= 10 || isdigit(next)) sb_addchar(sb, '0' + c / 10 % 10);
      sb_addchar(sb, '0' + c % 10);
    } else {
      sb_addchar(sb, c);
    }
  }
  sb_addchar(sb, '"');
}

#define FMT_TIE_BUMP  1
#define FMT_TIE_MODE  2

/* Is x an odd integer? (x finite, |x| < 2^63 checked by the caller.) */
static int fmt_isodd(double x)
{
  return x < 9007199254740992.0 && x == floor(x) && fmod(x, 2.0) == 1.0;
}

/* LuaJIT rounds exact decimal (and hex) ties away from zero, the C
** library to even. Returns nonzero (FMT_TIE_*) when printing |v| with
** conversion conv (lower case) and precision prec hits an exact tie.
**
** A double is odd*2^-k; its decimal expansion has exactly k fractional
** digits and ends in 5. Keeping s fractional digits is a tie exactly when
** k == s+1, i.e. when |v|*2^(s+1) is an odd integer. Rounding at 10^s
** with s > 0 (integer digits) is a tie when 2|v| = odd * 10^s, which is
** only possible for s <= 22 (5^23 > 2^53). */
static int fmt_istie(double v, int conv, int prec)
{
  double a = fabs(v);
  int keep;  /* Decimal digits kept after the point (may be negative). */
  int tie = 0;
  if (a == 0 || a != a || a == HUGE_VAL) return 0;
  if (conv == 'a') {
    int e;
    double m = frexp(a, &e);  /* a = m * 2^e, m in [0.5, 1). */
    if (prec < 0) return 0;  /* Shortest exact form: no rounding. */
    return fmt_isodd(ldexp(m * 2, 4 * prec + 1)) ? FMT_TIE_BUMP : 0;
  }
  if (conv == 'f') {
    keep = prec;
  } else {
    int digits = prec;  /* Digits after the first one in %e style. */
    int x = (int)floor(log10(a));  /* Decimal exponent before rounding. */
    if (pow(10.0, x) > a) x--;
    else if (pow(10.0, x + 1) <= a) x++;
    if (conv == 'g') digits = prec == 0 ? 0 : prec - 1;
    keep = digits - x;
  }
  if (keep >= 0) {
    if (keep < 1100) tie = fmt_isodd(ldexp(a, keep + 1));
  } else if (keep >= -22) {
    double p10 = pow(10.0, -keep), a2 = 2 * a;
    tie = fmod(a2, p10) == 0 && fmt_isodd(a2 / p10);
  }
  if (!tie) return 0;
  /* Moving one ulp away from zero is enough unless the ulp is coarser
  ** than half the rounding unit. */
  return (nextafter(a, HUGE_VAL) - a) <= 0.5 * pow(10.0, -keep) ?
         FMT_TIE_BUMP : FMT_TIE_MODE;
}

/* snprintf one double; on an exact tie round away from zero (see
** fmt_istie): by moving one ulp away, or, when the ulp is too coarse for
** that, under a directed rounding mode (glibc honours it, but drops a
** digit of "%#g" when the rounding carries, hence not the default). */
static int fmt_double(char *buf, size_t sz, const char *form, double v,
                      int tie)
{
  int n;
  if (tie == FMT_TIE_BUMP) {
    v = nextafter(v, v < 0 ? -HUGE_VAL : HUGE_VAL);
    n = snprintf(buf, sz, form, v);
  } else if (tie == FMT_TIE_MODE) {
    int mode = fegetround();
    fesetround(v < 0 ? FE_DOWNWARD : FE_UPWARD);
    n = snprintf(buf, sz, form, v);
    fesetround(mode);
  } else {
    n = snprintf(buf, sz, form, v);
  }
  return n;
}

/* "%#g": glibc drops a kept zero when rounding carries into a new decade
** ("%#.2g" of 99.6 gives "1.e+02"; LuaJIT "1.0e+02"). Apply C's own
** definition instead: pick %e or %f from the rounded exponent. */
static int fmt_alt_g(char *buf, size_t sz, const char *form, int conv,
                     double v, int prec, int tie)
{
  char f2[32], tmp[64];
  const char *ep;
  int p = prec < 0 ? 6 : (prec == 0 ? 1 : prec), x;
  size_t fl = strcspn(form, ".gG");  /* form ends with the conversion. */
  snprintf(tmp, sizeof(tmp), "%%.%de", p - 1);
  fmt_double(tmp + 16, sizeof(tmp) - 16, tmp, v, tie);
  ep = strchr(tmp + 16, 'e');
  x = ep ? atoi(ep + 1) : 0;
  if (fl > 20) fl = 20;
  memcpy(f2, form, fl);
  if (x < -4 || x >= p)
    snprintf(f2 + fl, sizeof(f2) - fl, ".%d%c", p - 1, conv == 'g' ? 'e' : 'E');
  else
    snprintf(f2 + fl, sizeof(f2) - fl, ".%df", p - 1 - x);
  return fmt_double(buf, sz, f2, v, tie);
}

/* %a of a subnormal: LuaJIT normalises it ("0x1p-1074"), the C library
** does not ("0x0.0000000000001p-1022"). Format the normalised mantissa
** without width, patch the exponent, then pad like printf would. */
static int fmt_subnormal_hex(char *buf, size_t sz, const char *form,
                             int conv, double v, int width, int prec, int tie)
{
  char f2[32], tmp[FMT_NUMBUF_SMALL], *w = f2, *pp;
  const char *r;
  int e, n, zero = 0, left = 0, pad;
  double m = frexp(v, &e);  /* |m| in [0.5, 1) */
  *w++ = '%';
  for (r = form + 1; *r && strchr(FMT_FLAGS, *r); r++) {
    if (*r == '0') zero = 1;
    else if (*r == '-') left = 1;
    else *w++ = *r;
  }
  if (prec >= 0) w += sprintf(w, ".%d", prec);
  *w++ = (char)conv;
  *w = '\0';
  n = fmt_double(tmp, sizeof(tmp) - 16, f2, m * 2, tie);
  pp = strchr(tmp, conv == 'a' ? 'p' : 'P');
  if (pp == NULL || n <= 0) return snprintf(buf, sz, form, v);
  n = (int)(pp - tmp) + sprintf(pp + 1, "%+d", e - 1) + 1;
  pad = width > n ? width - n : 0;
  if (left) {
    return snprintf(buf, sz, "%s%*s", tmp, pad, "");
  } else if (zero) {
    int pre = (tmp[0] == '-' || tmp[0] == '+' || tmp[0] == ' ') ? 3 : 2;
    if (pad == 0) return snprintf(buf, sz, "%s", tmp);
    return snprintf(buf, sz, "%.*s%0*d%s", pre, tmp, pad, 0, tmp + pre);
  }
  return snprintf(buf, sz, "%*s%s", pad, "", tmp);
}

/* Append snprintf output, clipped to the buffer it was written into. */
static void fmt_addn(StrBuf *sb, const char *buf, int n, size_t bufsz)
{
  if (n <= 0) return;
  if ((size_t)n >= bufsz) n = (int)bufsz - 1;
  sb_addlstr(sb, buf, (size_t)n);
}

/* Flags of a conversion spec. */
#define FF_LEFT   1
#define FF_PLUS   2
#define FF_SPACE  4
#define FF_ALT    8
#define FF_ZERO   16

/* Append prefix pre (sign, "0x"), nzero zeros and the digits, padded to
** width as C's printf does: spaces on the left, zeros after the prefix
** with FF_ZERO, or spaces on the right with FF_LEFT. */
static void fmt_emit(StrBuf *sb, unsigned flags, int width, const char *pre,
                     size_t npre, size_t nzero, const char *dig, size_t ndig)
{
  size_t len = npre + nzero + ndig;
  size_t pad = width > 0 && (size_t)width > len ? (size_t)width - len : 0;
  char *w = sb_need(sb, len + pad);
  if (!(flags & (FF_LEFT | FF_ZERO))) { memset(w, ' ', pad); w += pad; }
  memcpy(w, pre, npre);
  w += npre;
  if ((flags & (FF_LEFT | FF_ZERO)) == FF_ZERO) { memset(w, '0', pad); w += pad; }
  memset(w, '0', nzero);
  w += nzero;
  memcpy(w, dig, ndig);
  w += ndig;
  if (flags & FF_LEFT) { memset(w, ' ', pad); w += pad; }
  sb->n = (size_t)(w - sb->b);
}

/* %d %i (int64) and %u %x %X %o (uint64) of the 64 bits with C's rules for
** flags, width and precision, without the C library: the digits (none
** for a zero with precision 0), zeros up to the precision, '#' adds "0x"
** to a nonzero hex value and a leading zero to octal, and a precision
** turns off the '0' flag. */
static void fmt_integer(StrBuf *sb, unsigned flags, int width, int prec,
                        int conv, uint64_t bits)
{
  static const char hexl[] = "0123456789abcdef", hexu[] = "0123456789ABCDEF";
  char dbuf[32], pre[2];
  char *e = dbuf + sizeof(dbuf), *d = e;
  size_t npre = 0, ndig, nzero;
  uint64_t u;
  if (conv == 'd' || conv == 'i') {
    int64_t v = (int64_t)bits;
    u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (v < 0) pre[npre++] = '-';
    else if (flags & FF_PLUS) pre[npre++] = '+';
    else if (flags & FF_SPACE) pre[npre++] = ' ';
  } else {
    u = bits;
  }
  if (conv == 'x' || conv == 'X') {
    const char *hex = conv == 'x' ? hexl : hexu;
    if (u && (flags & FF_ALT)) { pre[0] = '0'; pre[1] = (char)conv; npre = 2; }
    for (; u; u >>= 4) *--d = hex[u & 15];
  } else if (conv == 'o') {
    for (; u; u >>= 3) *--d = (char)('0' + (u & 7));
  } else {
    for (; u; u /= 10) *--d = (char)('0' + u % 10);
  }
  ndig = (size_t)(e - d);
  if (prec < 0) prec = 1;
  else flags &= ~(unsigned)FF_ZERO;
  nzero = (size_t)prec > ndig ? (size_t)prec - ndig : 0;
  if (conv == 'o' && (flags & FF_ALT) && nzero == 0 && (ndig == 0 || *d != '0'))
    nzero = 1;
  fmt_emit(sb, flags, width, pre, npre, nzero, d, ndig);
}

/* Fast path of %f: v scaled by 10^prec exactly, as the unevaluated sum
** hi + lo of two doubles (Dekker's product: no long double, whose x87
** conversions with their control-word switches cost more than all the
** rest). Below 1e15 the integer part of hi + lo and its fraction are
** exact to far better than 1e-4, so unless the fraction lies within 1e-4
** of a rounding midpoint, rounding gives exactly the digits printf
** prints. Returns 0 (nothing written) when that does not hold: near
** ties, huge values, high precisions, NaN and infinities. */
static int fmt_fixed(StrBuf *sb, unsigned flags, int width, int prec,
                     double v)
{
  static const double p10[16] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
    1e11, 1e12, 1e13, 1e14, 1e15
  };
  const double split = 134217729.0;  /* 2^27 + 1 */
  char dbuf[40], pre[1];
  char *e = dbuf + sizeof(dbuf), *d = e;
  double a = v < 0 ? -v : v;
  double p, hi, lo, ah, al, ph, pl, c, fl, fr;
  uint64_t D, ip;
  size_t npre = 0;
  int i;
  if (prec < 0) prec = 6;
  if (prec > 15 || !(a < 1e15)) return 0;
  p = p10[prec];
  hi = a * p;
  if (!(hi < 1e15)) return 0;
  /* lo = a * p - hi exactly: split both factors into 26-bit halves. */
  c = split * a; ah = c - (c - a); al = a - ah;
  c = split * p; ph = c - (c - p); pl = p - ph;
  lo = ((ah * ph - hi) + ah * pl + al * ph) + al * pl;
  fl = (double)(int64_t)hi;  /* floor: 0 <= hi < 1e15. */
  fr = (hi - fl) + lo;  /* hi - fl is exact below 2^52. */
  if (fr < 0) { fl -= 1; fr += 1; }
  else if (fr >= 1) { fl += 1; fr -= 1; }
  if (fr > 0.5 - 1e-4 && fr < 0.5 + 1e-4) return 0;
  D = (uint64_t)fl + (fr > 0.5);
  if (prec == 0) {
    ip = D;
    if (flags & FF_ALT) *--d = '.';
  } else {
    for (i = 0; i < prec; i++) { *--d = (char)('0' + D % 10); D /= 10; }
    *--d = '.';
    ip = D;
  }
  do { *--d = (char)('0' + ip % 10); ip /= 10; } while (ip);
  if (signbit(v)) pre[npre++] = '-';
  else if (flags & FF_PLUS) pre[npre++] = '+';
  else if (flags & FF_SPACE) pre[npre++] = ' ';
  fmt_emit(sb, flags, width, pre, npre, 0, d, (size_t)(e - d));
  return 1;
}

/* Fast path of %e %E %g %G (without '#') for finite nonzero v: the body
** from lu_strfmt_fp, then sign and padding as printf does. Returns 0
** (nothing written) when lu_strfmt_fp cannot decide or conv is %a. */
static int fmt_gefast(StrBuf *sb, unsigned flags, int width, int prec,
                      int conv, double v)
{
#ifndef LU_STRING_STANDALONE
  char body[40], pre[1];
  size_t n, npre = 0;
  if ((flags & FF_ALT) || (conv | 0x20) == 'a') return 0;
  n = lu_strfmt_fp(body, fabs(v), conv, prec);
  if (n == 0) return 0;
  if (v < 0) pre[npre++] = '-';
  else if (flags & FF_PLUS) pre[npre++] = '+';
  else if (flags & FF_SPACE) pre[npre++] = ' ';
  fmt_emit(sb, flags, width, pre, npre, 0, body, n);
  return 1;
#else
  (void)sb; (void)flags; (void)width; (void)prec; (void)conv; (void)v;
  return 0;
#endif
}

/* %e %E %f %g %G %a %A of v, with LuaJIT's spelling of NaN, its rounding
** of exact ties, "%#g" and normalised subnormals for %a. */
static void fmt_float(StrBuf *sb, char *form, int conv, double v, int width,
                      int prec)
{
  char nbuf[FMT_NUMBUF];
  size_t fl;
  int tie = 0, len, lc = conv | 0x20;
  if (v != v) {
    /* LuaJIT: NaN has no sign and ignores the '+' flag. */
    char *w = form, *r = form;
    for (; *r; r++) if (*r != '+') *w++ = *r;
    *w = '\0';
    v = fabs(v);
  } else {
    tie = fmt_istie(v, lc, prec >= 0 ? prec : (lc == 'a' ? -1 : 6));
  }
  fl = strlen(form);
  form[fl] = (char)conv;
  form[fl + 1] = '\0';
  if (lc == 'a' && v != 0 && fabs(v) < DBL_MIN)
    len = fmt_subnormal_hex(nbuf, sizeof(nbuf), form, conv, v, width, prec, tie);
  else if (lc == 'g' && strchr(form, '#') && v == v && fabs(v) != HUGE_VAL)
    len = fmt_alt_g(nbuf, sizeof(nbuf), form, conv, v, prec, tie);
  else
    len = fmt_double(nbuf, sizeof(nbuf), form, v, tie);
  fmt_addn(sb, nbuf, len, sizeof(nbuf));
}

/* Append s padded to the spec's width / cut to its precision. */
static void fmt_padded(StrBuf *sb, const char *s, size_t len, int left,
                       int width, int prec)
{
  size_t pad = 0;
  if (width <= 0 && prec < 0) {  /* Plain "%s". */
    sb_addlstr(sb, s, len);
    return;
  }
  if (prec >= 0 && (size_t)prec < len) len = (size_t)prec;
  if (width > 0 && (size_t)width > len) pad = (size_t)width - len;
  if (!left) while (pad) { sb_addchar(sb, ' '); pad--; }
  sb_addlstr(sb, s, len);
  while (pad) { sb_addchar(sb, ' '); pad--; }
}

/* Rebuild "%" flags width .prec (without the conversion) for the C
** library paths. */
static void fmt_form(char *form, unsigned flags, int width, int prec)
{
  char *f = form;
  *f++ = '%';
  if (flags & FF_LEFT) *f++ = '-';
  if (flags & FF_PLUS) *f++ = '+';
  if (flags & FF_SPACE) *f++ = ' ';
  if (flags & FF_ALT) *f++ = '#';
  if (flags & FF_ZERO) *f++ = '0';
  if (width >= 10) *f++ = (char)('0' + width / 10);
  if (width >= 0) *f++ = (char)('0' + width % 10);
  if (prec >= 0) {
    *f++ = '.';
    if (prec >= 10) *f++ = (char)('0' + prec / 10);
    *f++ = (char)('0' + prec % 10);
  }
  *f = '\0';
}

static void fmt_badopt(lua_State *L, const char *spec, const char *endp)
{
  lua_pushlstring(L, spec, (size_t)(endp - spec));
  luaL_error(L, "invalid option '%s' to 'format'", lua_tostring(L, -1));
}

/* Parse two digits at most; *pp advances. A third digit is an error that
** quotes the spec up to and including it. Returns -1 if no digits. */
static LU_AINLINE int fmt_digits(lua_State *L, const char *spec,
                                 const char **pp, const char *end)
{
  const char *p = *pp;
  int v = -1;
#define fmt_isdig(c)  ((unsigned)((c) - '0') < 10u)
  if (p < end && fmt_isdig(*p)) {
    v = *p++ - '0';
    if (p < end && fmt_isdig(*p)) {
      v = v * 10 + (*p++ - '0');
      if (p < end && fmt_isdig(*p)) fmt_badopt(L, spec, p + 1);
    }
  }
#undef fmt_isdig
  *pp = p;
  return v;
}

/* string.format(fmt, ...) with the format at stack index fmtarg and the
** arguments after it; pushes the result. Exposed for buffer:putf. */
void lu_strlib_format_from(lua_State *L, int fmtarg)
{
  int top = lua_gettop(L);
  int arg = fmtarg;
  size_t sfl;
  const char *strfrmt = str_checklstr(L, fmtarg, &sfl);
  const char *end = strfrmt + sfl;
  StrBuf sb;
  sb_init(L, &sb);
  while (strfrmt < end) {
    const char *spec, *p;
    unsigned flags;
    int width, prec, conv;
    if (*strfrmt != '%') {
      const char *q = memchr(strfrmt, '%', (size_t)(end - strfrmt));
      if (q == NULL) q = end;
      sb_addlstr(&sb, strfrmt, (size_t)(q - strfrmt));
      strfrmt = q;
      continue;
    }
    if (strfrmt + 1 < end && strfrmt[1] == '%') {
      sb_addchar(&sb, '%');
      strfrmt += 2;
      continue;
    }
    /* Parse the spec: flags, width, precision, conversion. */
    spec = strfrmt;
    p = strfrmt + 1;
    flags = 0;
    for (; p < end; p++) {
      if (*p == '-') flags |= FF_LEFT;
      else if (*p == '+') flags |= FF_PLUS;
      else if (*p == ' ') flags |= FF_SPACE;
      else if (*p == '#') flags |= FF_ALT;
      else if (*p == '0') flags |= FF_ZERO;
      else break;
    }
    width = fmt_digits(L, spec, &p, end);
    prec = -1;
    if (p < end && *p == '.') {
      p++;
      prec = fmt_digits(L, spec, &p, end);
      if (prec < 0) prec = 0;
    }
    if (p >= end) fmt_badopt(L, spec, end);
    conv = uchar(*p);
    switch (conv) {
    case 'd': case 'i': case 'u': case 'c': case 'x': case 'X': case 'o':
    case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A':
    case 'q': case 's':
      break;
    default:
      fmt_badopt(L, spec, p + 1);
    }
    strfrmt = p + 1;
    if (++arg > top) luaL_argerror(L, arg, "value expected");
    switch (conv) {
    case 'c': {
      char ch = (char)num2int(str_checknum(L, arg));
      fmt_padded(&sb, &ch, 1, flags & FF_LEFT, width, -1);
      break;
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
      /* The 64 bits of the value: signed for %d/%i, else unsigned. An
      ** int64_t/uint64_t cdata gives its bits as they are (LuaJIT 2.1). */
      uint64_t bits;
      if (!str_int64bits(L, arg, &bits)) {
        double n = str_checknum(L, arg);
        bits = (conv == 'd' || conv == 'i') ? (uint64_t)num2i64(n) : num2u64(n);
      }
      fmt_integer(&sb, flags, width, prec, conv, bits);
      break;
    }
    case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A': {
      double v = str_checknum(L, arg);
      char form[32];
      if (conv == 'f' && fmt_fixed(&sb, flags, width, prec, v)) break;
      if (conv != 'f' && fmt_gefast(&sb, flags, width, prec, conv, v)) break;
      fmt_form(form, flags, width, prec);
      fmt_float(&sb, form, conv, v, width, prec);
      break;
    }
    case 'q': case 's': {
      size_t len;
      const char *s;
      /* Strings are used as they are (LuaJIT ignores a __tostring of
      ** the string metatable here); other values go through tostring. */
      const TValue *o = str_argslot(L, arg);
      if ((o != NULL && tvisstr(o)) || lua_type(L, arg) == LUA_TSTRING) {
        s = str_checklstr(L, arg, &len);
        if (conv == 'q') fmt_quoted(&sb, s, len);
        else fmt_padded(&sb, s, len, flags & FF_LEFT, width, prec);
        break;
      }
      s = fmt_tostring(L, arg, &len);
      if (conv == 'q') fmt_quoted(&sb, s, len);
      else fmt_padded(&sb, s, len, flags & FF_LEFT, width, prec);
      lua_pop(L, 1);
      break;
    }
    }
  }
  sb_result(&sb);
}

int lu_strlib_format(lua_State *L)
{
  lu_strlib_format_from(L, 1);
  return 1;
}

/* -- Library registration ------------------------------------------------ */

static const luaL_Reg str_funcs[] = {
  {"len", str_len},
  {"byte", str_byte},
  {"char", str_char},
  {"sub", str_sub},
  {"rep", str_rep},
  {"reverse", str_reverse},
  {"lower", str_lower},
  {"upper", str_upper},
  {"dump", str_dump},
  {"find", str_find},
  {"match", str_match},
  {"gmatch", str_gmatch},
  {"gsub", str_gsub},
  {"format", lu_strlib_format},
  {NULL, NULL}
};

LUALIB_API int luaopen_string(lua_State *L)
{
#ifndef LU_STRING_STANDALONE
  lu_lib_register(L, LUA_STRLIBNAME, str_funcs);
#else
  luaL_register(L, LUA_STRLIBNAME, str_funcs);
#endif
  /* The string metatable: __index = the string table. */
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "");
  lua_pushvalue(L, -2);
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  return 1;
}
