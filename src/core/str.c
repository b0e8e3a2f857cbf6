/*
** lunar: interned strings (see str.h).
**
** -- The hash ---------------------------------------------------------------
** A keyed hash over all bytes, 16 bytes per step. Each step folds the
** 128-bit product of two 64-bit words into the state (high half XOR low
** half). BOTH factors are masked with a secret key derived from
** g->strseed: the first with k1, the second with k2 (the first step) or
** the running state (later steps). A factor masked with a public constant
** would let a script zero it (make the first 8 bytes of a block equal the
** constant) and so give every string with that block the same hash, seed
** or no seed; with secret masks a script that does not know g->strseed can
** neither zero a factor nor precompute colliding strings. The tail (under
** 16 bytes) is read with possibly overlapping loads, and a final round
** mixes in the length.
*/
#include "str.h"
#include "mem.h"
#include "err.h"
#include "gc.h"

/* -- Hashing -------------------------------------------------------------- */

#define HK1  0xa0761d6478bd642full
#define HK2  0xe7037ed1a0b428dbull
#define HK3  0x8ebc6af09c88c6e3ull

static LU_AINLINE uint64_t hash_fold(uint64_t a, uint64_t b)
{
  unsigned __int128 r = (unsigned __int128)a * b;
  return (uint64_t)(r >> 64) ^ (uint64_t)r;
}

static LU_AINLINE uint64_t rd64(const char *p)
{
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static LU_AINLINE uint64_t rd32(const char *p)
{
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

/* The two secret keys of a state's hash. k2 is an odd-constant multiple
** of the seed (a bijection), so both keys are unknown to a script and not
** a mere bit pattern of each other. */
#define HASH_K1(seed)  ((seed) ^ HK1)
#define HASH_K2(seed)  (((seed) * HK3) ^ HK2)

/* The hash of 0..16 bytes: the bytes are gathered into two 64-bit words
** with at most four loads (overlapping for lengths that are not a power of
** two), then two keyed folds. Inlined into lu_str_new, whose lookups are
** mostly of short strings (keys, string.sub results). */
static LU_AINLINE uint32_t str_hash_short(uint64_t seed, const char *s,
                                          size_t len)
{
  uint64_t a, b, h;
  if (len >= 4) {
    /* Two (possibly overlapping) 4..8-byte reads cover 4..16 bytes. */
    size_t q = (len >> 3) << 2;
    a = (rd32(s) << 32) | rd32(s + q);
    b = (rd32(s + len - 4) << 32) | rd32(s + len - 4 - q);
  } else if (len > 0) {
    a = ((uint64_t)(uint8_t)s[0] << 16) |
        ((uint64_t)(uint8_t)s[len >> 1] << 8) | (uint8_t)s[len - 1];
    b = 0;
  } else {
    a = b = 0;
  }
  h = hash_fold(a ^ HASH_K1(seed), b ^ HASH_K2(seed));
  h = hash_fold(h ^ HK3, (uint64_t)len ^ HASH_K1(seed));
  return (uint32_t)(h ^ (h >> 32));
}

/* The hash of more than 16 bytes: one fold per 16 bytes, then the last 16
** bytes (overlapping the previous step) and the length, as above. */
static LU_NOINLINE uint32_t str_hash_long(uint64_t seed, const char *s,
                                          size_t len)
{
  uint64_t k1 = HASH_K1(seed);
  uint64_t h = HASH_K2(seed);
  size_t left = len;
  const char *p = s;
  while (left > 16) {
    h = hash_fold(rd64(p) ^ k1, rd64(p + 8) ^ h);
    p += 16;
    left -= 16;
  }
  h = hash_fold(rd64(s + len - 16) ^ k1, rd64(s + len - 8) ^ h);
  h = hash_fold(h ^ HK3, (uint64_t)len ^ k1);
  return (uint32_t)(h ^ (h >> 32));
}

uint32_t lu_str_hash(uint64_t seed, const char *s, size_t len)
{
  return len <= 16 ? str_hash_short(seed, s, len) : str_hash_long(seed, s, len);
}

/* -- The string table ------------------------------------------------------ */

void lu_str_init(lua_State *L)
{
  global_State *g = G(L);
  g->strmask = LU_MIN_STRTAB - 1;
  g->strnum = 0;
  g->strhash = lu_mem_newvec(L, LU_MIN_STRTAB, GCstr *);
  memset(g->strhash, 0, LU_MIN_STRTAB * sizeof(GCstr *));
}

void lu_str_resize(lua_State *L, MSize newmask)
{
  global_State *g = G(L);
  GCstr **newhash;
  MSize i;
  if (newmask < LU_MIN_STRTAB - 1 || newmask >= 0x3fffffffu ||
      newmask == g->strmask || g->gc.state == GCSsweepstring)
    return;  /* Never move strings under the string sweep's feet. */
  newhash = (GCstr **)lu_mem_tryrealloc(g, NULL, 0,
                                        ((size_t)newmask + 1) * sizeof(GCstr *));
  if (newhash == NULL) return;  /* Keep the old table: still correct. */
  memset(newhash, 0, ((size_t)newmask + 1) * sizeof(GCstr *));
  for (i = 0; i <= g->strmask; i++) {
    GCobj *o = (GCobj *)g->strhash[i];
    while (o) {
      GCobj *next = o->gch.nextgc;
      MSize h = o->str.hash & newmask;
      o->gch.nextgc = (GCobj *)newhash[h];
      newhash[h] = &o->str;
      o = next;
    }
  }
  lu_mem_freevec(g, g->strhash, (size_t)g->strmask + 1, GCstr *);
  g->strhash = newhash;
  g->strmask = newmask;
}

/* A string found in the table may be dead but not yet swept (the GC has
** finished marking): make it live again before handing it out. */
static LU_AINLINE void str_resurrect(global_State *g, GCstr *s)
{
  GCobj *o = obj2gco(s);
  if (isdead(g, o)) flipwhite(o);
}

/* Do the len (at most 16) bytes at a and b agree? A few possibly
** overlapping loads instead of a call to memcmp. */
static LU_AINLINE int str_eq_short(const char *a, const char *b, size_t len)
{
  if (len >= 8)
    return ((rd64(a) ^ rd64(b)) |
            (rd64(a + len - 8) ^ rd64(b + len - 8))) == 0;
  if (len >= 4)
    return ((rd32(a) ^ rd32(b)) |
            (rd32(a + len - 4) ^ rd32(b + len - 4))) == 0;
  if (len > 0)
    return a[0] == b[0] && a[len >> 1] == b[len >> 1] &&
           a[len - 1] == b[len - 1];
  return 1;
}

/* Create and link the string s[0..len-1] of hash h, known to be absent.
** Kept out of line so that the lookup in lu_str_new stays small. */
static LU_NOINLINE GCstr *str_create(lua_State *L, const char *str, size_t len,
                                     uint32_t h)
{
  global_State *g = G(L);
  GCstr *s;
  GCstr **anchor;
  if (LU_UNLIKELY(len > LU_MAX_STR)) lu_err_msg(L, LU_ERR_STROV);
  s = (GCstr *)lu_mem_new(L, lu_str_size(len));
  s->marked = lu_mem_curwhite(g);
  s->gct = LU_GCT_STR;
  s->reserved = 0;
  s->hashalg = 0;
  s->sid = g->strsid++;
  s->hash = h;
  s->len = (MSize)len;
  memcpy(strdatawr(s), str, len);
  strdatawr(s)[len] = '\0';
  anchor = &g->strhash[h & g->strmask];
  s->nextgc = (GCobj *)*anchor;
  *anchor = s;
  if (++g->strnum > g->strmask)
    lu_str_resize(L, (g->strmask << 1) | 1);
  return s;
}

/* lu_str_new for more than 16 bytes: hash all of them, compare with
** memcmp. */
static LU_NOINLINE GCstr *str_new_long(lua_State *L, const char *str,
                                       size_t len)
{
  global_State *g = G(L);
  uint32_t h = str_hash_long(g->strseed, str, len);
  GCstr *s;
  for (s = g->strhash[h & g->strmask]; s; s = (GCstr *)s->nextgc) {
    if (s->hash == h && s->len == len && memcmp(strdata(s), str, len) == 0) {
      str_resurrect(g, s);
      return s;
    }
  }
  return str_create(L, str, len, h);
}

/* Look the string up in the table; create it if absent. The short case
** (the common one: keys, string.sub and string.char results) is a leaf
** apart from the tail calls, so it needs no callee-saved registers. The
** empty string needs no special case: it is interned (and fixed) when the
** state is created. A length over LU_MAX_STR cannot be in the table, so
** its check waits for str_create. */
GCstr *lu_str_new(lua_State *L, const char *str, size_t len)
{
  global_State *g = G(L);
  uint32_t h;
  GCstr *s;
  if (LU_UNLIKELY(len > 16)) return str_new_long(L, str, len);
  h = str_hash_short(g->strseed, str, len);
  for (s = g->strhash[h & g->strmask]; s; s = (GCstr *)s->nextgc) {
    if (s->hash == h && s->len == len && str_eq_short(strdata(s), str, len)) {
      str_resurrect(g, s);
      return s;
    }
  }
  return str_create(L, str, len, h);
}

GCstr *lu_str_newz(lua_State *L, const char *s)
{
  return lu_str_new(L, s, strlen(s));
}

void lu_str_free(global_State *g, GCstr *s)
{
  g->strnum--;
  lu_mem_free(g, s, lu_str_size(s->len));
}

void lu_str_freeall(global_State *g)
{
  MSize i;
  if (g->strhash == NULL) return;
  for (i = 0; i <= g->strmask; i++) {
    GCobj *o = (GCobj *)g->strhash[i];
    while (o) {
      GCobj *next = o->gch.nextgc;
      lu_str_free(g, &o->str);
      o = next;
    }
  }
  lu_mem_freevec(g, g->strhash, (size_t)g->strmask + 1, GCstr *);
  g->strhash = NULL;
  g->strmask = 0;
}

int lu_str_cmp(GCstr *a, GCstr *b)
{
  MSize n = a->len < b->len ? a->len : b->len;
  int r;
  if (a == b) return 0;
  r = memcmp(strdata(a), strdata(b), n);
  if (r != 0) return r;
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}
