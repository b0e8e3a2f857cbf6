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

/* Short strings (0..16 bytes) fall in three length classes, each read
** with a fixed pattern of possibly overlapping loads that covers every
** byte: class 0 (0..3 bytes) three single bytes, class 1 (4..7) two 4-byte
** loads, class 2 (8..16) four 4-byte loads. lu_str_new instantiates its
** lookup once per class, so neither the gathering nor the byte compare
** re-dispatches on the length. */
static LU_AINLINE int str_class(size_t len)
{
  return len >= 8 ? 2 : len >= 4 ? 1 : 0;
}

/* Gather the len bytes at s (of class cls) into the words a and b. */
static LU_AINLINE void str_gather(const char *s, size_t len, int cls,
                                  uint64_t *a, uint64_t *b)
{
  if (cls > 0) {
    size_t q = cls == 2 ? 4 : 0;
    *a = (rd32(s) << 32) | rd32(s + q);
    *b = (rd32(s + len - 4) << 32) | rd32(s + len - 4 - q);
  } else if (len > 0) {
    *a = ((uint64_t)(uint8_t)s[0] << 16) |
         ((uint64_t)(uint8_t)s[len >> 1] << 8) | (uint8_t)s[len - 1];
    *b = 0;
  } else {
    *a = *b = 0;
  }
}

/* The hash of a short string from its gathered words: two keyed folds. */
static LU_AINLINE uint32_t str_mix_short(uint64_t seed, uint64_t a,
                                         uint64_t b, size_t len)
{
  uint64_t h = hash_fold(a ^ HASH_K1(seed), b ^ HASH_K2(seed));
  h = hash_fold(h ^ HK3, (uint64_t)len ^ HASH_K1(seed));
  return (uint32_t)(h ^ (h >> 32));
}

static LU_AINLINE uint32_t str_hash_short(uint64_t seed, const char *s,
                                          size_t len)
{
  uint64_t a, b;
  str_gather(s, len, str_class(len), &a, &b);
  return str_mix_short(seed, a, b, len);
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

/* Do the len bytes (of class cls) at x and y agree? The loads of
** str_gather, without a call to memcmp. */
static LU_AINLINE int str_eq_short(const char *x, const char *y, size_t len,
                                   int cls)
{
  if (cls == 2)
    return ((rd64(x) ^ rd64(y)) |
            (rd64(x + len - 8) ^ rd64(y + len - 8))) == 0;
  if (cls == 1)
    return ((rd32(x) ^ rd32(y)) |
            (rd32(x + len - 4) ^ rd32(y + len - 4))) == 0;
  if (len > 0)
    return x[0] == y[0] && x[len >> 1] == y[len >> 1] &&
           x[len - 1] == y[len - 1];
  return 1;
}

/* A string's hash and length as one word, to test both with one compare
** in the chain walk (the two fields are adjacent, see the assert). */
_Static_assert(offsetof(GCstr, len) == offsetof(GCstr, hash) + 4,
               "GCstr: len follows hash");
static LU_AINLINE uint64_t str_hashlen_key(uint32_t h, size_t len)
{
  if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
    return (uint64_t)h | ((uint64_t)len << 32);
  return ((uint64_t)h << 32) | (uint64_t)len;
}

static LU_AINLINE uint64_t str_hashlen(const GCstr *s)
{
  uint64_t v;
  memcpy(&v, &s->hash, 8);
  return v;
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

/* The lookup of lu_str_new for a short string of class cls (a constant
** in each instantiation). */
static LU_AINLINE GCstr *str_new_short(lua_State *L, const char *str,
                                       size_t len, int cls)
{
  global_State *g = G(L);
  uint64_t a, b, key;
  uint32_t h;
  GCstr *s;
  str_gather(str, len, cls, &a, &b);
  h = str_mix_short(g->strseed, a, b, len);
  key = str_hashlen_key(h, len);
  for (s = g->strhash[h & g->strmask]; s; s = (GCstr *)s->nextgc) {
    if (str_hashlen(s) == key && str_eq_short(strdata(s), str, len, cls)) {
      str_resurrect(g, s);
      return s;
    }
  }
  return str_create(L, str, len, h);
}

/* Look the string up in the table; create it if absent. Each short class
** (the common cases: keys, string.sub and string.char results) has its own
** small function, a leaf apart from the tail call that creates a string,
** so it needs (almost) no callee-saved registers. The empty string needs no special case: it is
** interned (and fixed) when the state is created. A length over
** LU_MAX_STR cannot be in the table, so its check waits for str_create. */
static LU_NOINLINE GCstr *str_new_class0(lua_State *L, const char *str,
                                         size_t len)
{
  return str_new_short(L, str, len, 0);
}

static LU_NOINLINE GCstr *str_new_class1(lua_State *L, const char *str,
                                         size_t len)
{
  return str_new_short(L, str, len, 1);
}

static LU_NOINLINE GCstr *str_new_class2(lua_State *L, const char *str,
                                         size_t len)
{
  return str_new_short(L, str, len, 2);
}

GCstr *lu_str_new(lua_State *L, const char *str, size_t len)
{
  if (len < 4) return str_new_class0(L, str, len);
  if (len < 8) return str_new_class1(L, str, len);
  if (len <= 16) return str_new_class2(L, str, len);
  return str_new_long(L, str, len);
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
