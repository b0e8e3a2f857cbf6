/*
** lunar: tables (see tab.h for the layout and the invariants).
*/
#include "tab.h"
#include "mem.h"
#include "err.h"

Node lu_tab_nilnode[1] = {{ {LU_VNIL}, {LU_VNIL}, NULL }};
const TValue lu_tab_nilvalue = {LU_VNIL};

/* Array keys considered by a rehash: 1 .. 2^TAB_MAXABITS. */
#define TAB_MAXABITS  27

/* Small array parts are colocated: allocated in the same block as the
** GCtab, right after it (one allocation per small table). t->colo > 0: the
** array lives there, colo slots; colo < 0: the array has moved out to its
** own block (grown), the -colo slots stay unused until the table dies. */
#define TAB_MAXCOLO   16

static LU_AINLINE size_t tab_blocksize(const GCtab *t)
{
  int c = t->colo < 0 ? -t->colo : t->colo;
  return sizeof(GCtab) + (size_t)c * sizeof(TValue);
}

/* -- Helpers ---------------------------------------------------------------- */

/* Is n an int32 value? Then store it in *k. -0 counts as 0. */
static LU_AINLINE int num_isint(double n, int32_t *k)
{
  if (n >= -2147483648.0 && n < 2147483648.0) {
    int32_t i = (int32_t)n;
    if ((double)i == n) {
      *k = i;
      return 1;
    }
  }
  return 0;
}

/* Hash of a non-string key's raw bits (numbers, booleans, pointers). The
** fold and multiply make every input bit reach the low bits used by the
** mask: small integral doubles differ only in their top bits. */
static LU_AINLINE uint32_t hash_bits(uint64_t u)
{
  u ^= u >> 32;
  u *= 0x9e3779b97f4a7c15ull;
  return (uint32_t)(u >> 32) ^ (uint32_t)u;
}

/* Main position of a key. */
static LU_AINLINE Node *hashkey(const GCtab *t, const TValue *k)
{
  uint32_t h = tvisstr(k) ? strV(k)->hash : hash_bits(k->u64);
  return &t->node[h & t->hmask];
}

/* Find the node holding key bits u (whatever its value); NULL if absent. */
static LU_AINLINE Node *findnode(const GCtab *t, const TValue *k)
{
  Node *n = hashkey(t, k);
  do {
    if (n->key.u64 == k->u64) return n;
    n = n->next;
  } while (n);
  return NULL;
}

static LU_AINLINE uint32_t hsize(const GCtab *t)
{
  return t->node == lu_tab_nilnode ? 0 : t->hmask + 1;
}

static LU_AINLINE uint32_t hbits_of(const GCtab *t)
{
  uint32_t n = hsize(t);
  return n ? (uint32_t)__builtin_ctz(n) : 0;
}

uint32_t lu_tab_hbits(uint32_t n)
{
  if (n == 0) return 0;
  if (n == 1) return 1;
  return 32 - (uint32_t)__builtin_clz(n - 1);
}

static void tab_clearnodes(Node *node, uint32_t n)
{
  for (uint32_t i = 0; i < n; i++) {
    setnilV(&node[i].val);
    setnilV(&node[i].key);
    node[i].next = NULL;
  }
}

static void tab_cleararray(TValue *a, uint32_t from, uint32_t to)
{
  for (uint32_t i = from; i < to; i++) setnilV(&a[i]);
}

/* -- Creation and destruction ---------------------------------------------- */

/* The general case of lu_tab_new (separate, so that the fast path needs
** no register saves). With clear 0 the nodes (and the array, if there
** are no nodes) are left uninitialised: the caller (lu_tab_dup) fills them
** before anything else can allocate or throw, hence before the GC sees the
** table. (The node vector is the last allocation: when it fails, the array
** must already be clean.) */
static LU_NOINLINE GCtab *tab_new_slow(lua_State *L, uint32_t asize,
                                       uint32_t hbits, int clear)
{
  GCtab *t;
  int colo = asize > 0 && asize <= TAB_MAXCOLO;
  if (LU_UNLIKELY(asize > LU_MAX_ASIZE || hbits > LU_MAX_HBITS))
    lu_err_msg(L, LU_ERR_TABOV);
  t = &lu_mem_newgco(L, sizeof(GCtab) +
                        (colo ? (size_t)asize * sizeof(TValue) : 0))->tab;
  /* Consistent (empty) before anything else is allocated. */
  t->gct = LU_GCT_TAB;
  t->nomm = 0;
  t->colo = 0;
  t->array = NULL;
  t->gclist = NULL;
  t->metatable = NULL;
  t->node = lu_tab_nilnode;
  t->asize = 0;
  t->hmask = 0;
  t->freetop = lu_tab_nilnode;
  if (colo) {
    t->colo = (int8_t)asize;
    t->array = (TValue *)(t + 1);
    if (clear || hbits > 0) tab_cleararray(t->array, 0, asize);
    t->asize = asize;
  } else if (asize > 0) {
    t->array = lu_mem_newvec(L, asize, TValue);
    if (clear || hbits > 0) tab_cleararray(t->array, 0, asize);
    t->asize = asize;
  }
  if (hbits > 0) {
    uint32_t n = 1u << hbits;
    Node *node = lu_mem_newvec(L, n, Node);
    if (clear) tab_clearnodes(node, n);
    t->node = node;
    t->hmask = n - 1;
    t->freetop = node + n;
  }
  return t;
}

GCtab *lu_tab_new(lua_State *L, uint32_t asize, uint32_t hbits)
{
  GCtab *t;
  if (LU_LIKELY(hbits == 0 && asize <= TAB_MAXCOLO)) {
    /* Fast path (TNEW of {} and short constructors): one block, no hash
    ** part. A plain loop: memset's set-up costs more than a few stores. */
    uint32_t i;
    t = &lu_mem_newgco(L, sizeof(GCtab) + (size_t)asize * sizeof(TValue))->tab;
    t->gct = LU_GCT_TAB;
    t->nomm = 0;
    t->colo = (int8_t)asize;
    t->array = asize ? (TValue *)(t + 1) : NULL;
    t->gclist = NULL;
    t->metatable = NULL;
    t->node = lu_tab_nilnode;
    t->asize = asize;
    t->hmask = 0;
    t->freetop = lu_tab_nilnode;
    for (i = 0; i < asize; i++) {
      __asm__("" : "+r"(i));  /* Keeps gcc from calling memset here. */
      setnilV(&((TValue *)(t + 1))[i]);
    }
    return t;
  }
  return tab_new_slow(L, asize, hbits, 1);
}

GCtab *lu_tab_new_ah(lua_State *L, int32_t narr, int32_t nrec)
{
  uint32_t asize = narr > 0 ? (uint32_t)narr + 1 : 0;
  uint32_t hbits = nrec > 0 ? lu_tab_hbits((uint32_t)nrec) : 0;
  return lu_tab_new(L, asize, hbits);
}

GCtab *lu_tab_dup(lua_State *L, const GCtab *kt)
{
  uint32_t n = hsize(kt);
  GCtab *t = tab_new_slow(L, kt->asize, hbits_of(kt), 0);
  if (kt->asize > 0)
    memcpy(t->array, kt->array, (size_t)kt->asize * sizeof(TValue));
  if (n > 0) {
    Node *tn = t->node;
    const Node *kn = kt->node;
    memcpy(tn, kn, (size_t)n * sizeof(Node));
    for (uint32_t i = 0; i < n; i++) {
      if (tn[i].next != NULL) tn[i].next = tn + (tn[i].next - kn);
    }
    t->freetop = tn + (kt->freetop - kn);
  }
  return t;
}

void lu_tab_clear(GCtab *t)
{
  if (t->asize > 0) tab_cleararray(t->array, 0, t->asize);
  if (hsize(t) > 0) {
    tab_clearnodes(t->node, hsize(t));
    t->freetop = t->node + hsize(t);
  }
}

void lu_tab_free(global_State *g, GCtab *t)
{
  if (t->asize > 0 && t->colo <= 0)
    lu_mem_freevec(g, t->array, t->asize, TValue);
  if (hsize(t) > 0) lu_mem_freevec(g, t->node, hsize(t), Node);
  lu_mem_free(g, t, tab_blocksize(t));
}

/* -- Lookups --------------------------------------------------------------- */

const TValue *lu_tab_getint(GCtab *t, int32_t key)
{
  TValue k;
  Node *n;
  if (lu_tab_inarray(t, key)) return &t->array[(uint32_t)key];
  if (t->node == lu_tab_nilnode) return NULL;  /* No hash part. */
  k.n = (double)key;
  n = findnode(t, &k);
  return n ? &n->val : NULL;
}

const TValue *lu_tab_getstr(GCtab *t, GCstr *key)
{
  return lu_tab_getstr_fast(t, key);
}

const TValue *lu_tab_getnum(GCtab *t, double key)
{
  int32_t k;
  TValue tk;
  Node *n;
  if (num_isint(key, &k)) return lu_tab_getint(t, k);
  if (key != key) return NULL;
  tk.n = key;
  n = findnode(t, &tk);
  return n ? &n->val : NULL;
}

const TValue *lu_tab_get(lua_State *L, GCtab *t, const TValue *key)
{
  const TValue *v;
  if (tvisstr(key)) {
    v = lu_tab_getstr_fast(t, strV(key));
  } else if (tvisnumber(key)) {
    v = lu_tab_getnum(t, numV(key));
  } else if (tvisnil(key)) {
    v = NULL;
  } else {
    Node *n = findnode(t, key);
    v = n ? &n->val : NULL;
  }
  return v ? v : &lu_tab_nilvalue;
}

/* -- Resizing -------------------------------------------------------------- */

void lu_tab_resize(lua_State *L, GCtab *t, uint32_t asize, uint32_t hbits)
{
  global_State *g = G(L);
  Node *oldnode = t->node;
  uint32_t oldhsize = hsize(t);
  uint32_t oldasize = t->asize;
  uint32_t need = 0, i;
  Node *node = lu_tab_nilnode;
  TValue *newarray = NULL;
  if (LU_UNLIKELY(asize > LU_MAX_ASIZE)) lu_err_msg(L, LU_ERR_TABOV);
  /* Make sure the new hash part can take everything that goes there, so
  ** that reinsertion below can never rehash. */
  for (i = asize; i < oldasize; i++)
    if (!tvisnil(&t->array[i])) need++;
  for (i = 0; i < oldhsize; i++) {
    const TValue *k = &oldnode[i].key;
    int32_t ik;
    if (tvisnil(&oldnode[i].val)) continue;
    /* Keys that move into the new array part need no node. */
    if (tvisnumber(k) && num_isint(numV(k), &ik) && ik >= 0 &&
        (uint32_t)ik < asize)
      continue;
    need++;
  }
  if (need > (hbits ? 1u << hbits : 0)) hbits = lu_tab_hbits(need);
  if (LU_UNLIKELY(hbits > LU_MAX_HBITS)) lu_err_msg(L, LU_ERR_TABOV);
  /* Allocate everything that can fail before changing the table. */
  if (hbits > 0) {
    node = lu_mem_newvec(L, 1u << hbits, Node);
    tab_clearnodes(node, 1u << hbits);
  }
  if (asize < oldasize && t->colo > 0) {
    newarray = t->array;  /* A colocated array shrinks in place. */
  } else if (asize < oldasize && asize > 0) {
    /* A shrunk array is a fresh block, so that nothing can fail later. */
    newarray = (TValue *)lu_mem_tryrealloc(g, NULL, 0,
                                           (size_t)asize * sizeof(TValue));
    if (newarray == NULL) {
      if (hbits > 0) lu_mem_freevec(g, node, 1u << hbits, Node);
      lu_err_mem(L);
    }
  }
  if (asize > oldasize) {
    int colo = t->colo > 0;  /* A colocated array moves out to grow. */
    TValue *a = (TValue *)lu_mem_tryrealloc(g, colo ? NULL : t->array,
                                            colo ? 0 : (size_t)oldasize * sizeof(TValue),
                                            (size_t)asize * sizeof(TValue));
    if (a == NULL) {
      if (hbits > 0) lu_mem_freevec(g, node, 1u << hbits, Node);
      lu_err_mem(L);
    }
    if (colo) {
      if (oldasize > 0)
        memcpy(a, t->array, (size_t)oldasize * sizeof(TValue));
      t->colo = (int8_t)-t->colo;
    }
    tab_cleararray(a, oldasize, asize);
    t->array = a;
    t->asize = asize;
  }
  t->node = node;
  t->hmask = hbits > 0 ? (1u << hbits) - 1 : 0;
  t->freetop = node + (hbits > 0 ? 1u << hbits : 0);
  if (asize < oldasize) {
    /* Switch to the shrunk array, then move the old tail into the hash. */
    TValue *oldarray = t->array;
    if (asize > 0 && newarray != oldarray)
      memcpy(newarray, oldarray, (size_t)asize * sizeof(TValue));
    t->array = newarray;
    t->asize = asize;
    for (i = asize; i < oldasize; i++) {
      if (!tvisnil(&oldarray[i])) {
        TValue k;
        k.n = (double)i;
        *lu_tab_newkey(L, t, &k) = oldarray[i];
      }
    }
    if (t->colo > 0) {
      /* In place: keep the pointer, clear the unused tail. */
      t->array = oldarray;
      tab_cleararray(oldarray, asize, oldasize);
    } else {
      lu_mem_freevec(g, oldarray, oldasize, TValue);
    }
  }
  for (i = 0; i < oldhsize; i++) {
    Node *n = &oldnode[i];
    if (!tvisnil(&n->val))
      *lu_tab_newkey(L, t, &n->key) = n->val;
  }
  if (oldhsize > 0) lu_mem_freevec(g, oldnode, oldhsize, Node);
}

void lu_tab_reasize(lua_State *L, GCtab *t, uint32_t nasize)
{
  lu_tab_resize(L, t, nasize, hbits_of(t));
}

/* Count an integer key for the array size computation: nums[i] counts the
** keys in (2^(i-1), 2^i]. Returns 1 if the key is a candidate. */
static LU_AINLINE int count_int(const TValue *key, uint32_t *nums, int *has0)
{
  int32_t k;
  if (tvisnumber(key) && num_isint(numV(key), &k)) {
    if (k == 0) {
      *has0 = 1;
    } else if (k > 0 && (uint32_t)k <= (1u << TAB_MAXABITS)) {
      uint32_t b = k == 1 ? 0 : 32 - (uint32_t)__builtin_clz((uint32_t)k - 1);
      nums[b]++;
      return 1;
    }
  }
  return 0;
}

/* The table is full: count every key (plus the one being inserted), choose
** the new array size (see below), the rest goes to the hash. */
static void rehash(lua_State *L, GCtab *t, const TValue *ek)
{
  uint32_t nums[TAB_MAXABITS + 1];
  uint32_t total = 0, nint = 0, i, b;
  uint32_t n = 0, na = 0, acc = 0;
  int has0 = 0;
  memset(nums, 0, sizeof(nums));
  /* Array part. */
  if (t->asize > 0 && !tvisnil(&t->array[0])) {
    has0 = 1;
    total++;
  }
  for (i = 1, b = 0; i < t->asize; i++) {
    while (i > (1u << b)) b++;
    if (!tvisnil(&t->array[i])) {
      nums[b]++;
      nint++;
      total++;
    }
  }
  /* Hash part. */
  for (i = 0; i < hsize(t); i++) {
    Node *nd = &t->node[i];
    if (!tvisnil(&nd->val)) {
      total++;
      nint += (uint32_t)count_int(&nd->key, nums, &has0);
    }
  }
  total++;
  nint += (uint32_t)count_int(ek, nums, &has0);
  /* Best array size: the largest n = 2^b that has a key in (n/2, n] and
  ** whose slots 1..n would be more than a quarter used (at least 2 slots).
  ** That is the policy LuaJIT's tables show (measured: array sizes as in
  ** luajit for every insertion order we tried), looser than Lua 5.1's
  ** "more than half": a table filled in a scattered order (queens' column
  ** and diagonal sets, sieves starting at 2) ends up all in the array
  ** part as in LuaJIT instead of keeping its last keys in the hash. */
  if (has0) {  /* Key 0 counts with key 1 (and lives in any array part). */
    nums[0]++;
    nint++;
  }
  for (b = 0; b <= TAB_MAXABITS && (1u << b) / 4 < nint; b++) {
    acc += nums[b];
    if (nums[b] > 0 && acc > (1u << b) / 4) {
      n = b > 0 ? 1u << b : 2;
      na = acc;
    }
  }
  if (n > 0) {
    lu_tab_resize(L, t, n + 1, lu_tab_hbits(total - na));
  } else {
    lu_tab_resize(L, t, 0, lu_tab_hbits(total));
  }
}

/* -- Stores ------------------------------------------------------------------ */

/* Take a free node, searching downwards from freetop; NULL if none. */
static LU_AINLINE Node *getfreepos(GCtab *t)
{
  Node *n = t->freetop;
  while (n > t->node) {
    n--;
    if (tvisnil(&n->key)) {
      t->freetop = n;
      return n;
    }
  }
  t->freetop = n;
  return NULL;
}

TValue *lu_tab_newkey(lua_State *L, GCtab *t, const TValue *key)
{
  TValue k = *key;
  Node *mp;
  if (tvisnumber(&k)) {
    int32_t i;
    if (k.n == 0) k.n = 0.0;  /* -0 is 0. */
    if (num_isint(k.n, &i) && lu_tab_inarray(t, i)) return &t->array[i];
  }
  t->nomm = 0;
  mp = hashkey(t, &k);
  if (!tvisnil(&mp->val) || mp == lu_tab_nilnode) {
    Node *freen = getfreepos(t);
    Node *othern;
    if (freen == NULL) {
      rehash(L, t, &k);
      return lu_tab_set(L, t, &k);
    }
    othern = hashkey(t, &mp->key);
    if (othern != mp) {
      /* The occupant is not in its main position: move it away. */
      while (othern->next != mp) othern = othern->next;
      othern->next = freen;
      *freen = *mp;
      mp->next = NULL;
      setnilV(&mp->val);
    } else {
      /* The occupant is in its main position: chain the new key. */
      freen->next = mp->next;
      mp->next = freen;
      mp = freen;
    }
  }
  mp->key = k;
  /* The key is a new reference from t: a black table must see it. */
  lu_gc_barriert(L, t, &k);
  return &mp->val;
}

TValue *lu_tab_setint(lua_State *L, GCtab *t, int32_t key)
{
  TValue k;
  Node *n;
  t->nomm = 0;
  if (lu_tab_inarray(t, key)) return &t->array[(uint32_t)key];
  k.n = (double)key;
  n = findnode(t, &k);
  return n ? &n->val : lu_tab_newkey(L, t, &k);
}

TValue *lu_tab_setstr(lua_State *L, GCtab *t, GCstr *key)
{
  TValue k;
  Node *n;
  t->nomm = 0;
  setstrV(L, &k, key);
  n = findnode(t, &k);
  return n ? &n->val : lu_tab_newkey(L, t, &k);
}

TValue *lu_tab_setnum(lua_State *L, GCtab *t, double key)
{
  int32_t i;
  TValue k;
  Node *n;
  if (num_isint(key, &i)) return lu_tab_setint(L, t, i);
  if (LU_UNLIKELY(key != key)) lu_err_msg(L, LU_ERR_NANIDX);
  t->nomm = 0;
  k.n = key;
  n = findnode(t, &k);
  return n ? &n->val : lu_tab_newkey(L, t, &k);
}

TValue *lu_tab_set(lua_State *L, GCtab *t, const TValue *key)
{
  Node *n;
  if (tvisstr(key)) return lu_tab_setstr(L, t, strV(key));
  if (tvisnumber(key)) return lu_tab_setnum(L, t, numV(key));
  if (LU_UNLIKELY(tvisnil(key))) lu_err_msg(L, LU_ERR_NILIDX);
  t->nomm = 0;
  n = findnode(t, key);
  return n ? &n->val : lu_tab_newkey(L, t, key);
}

/* -- Traversal --------------------------------------------------------------- */

/* Position after key: 0 for nil, array index + 1, asize + node index + 1.
** A key with a nil value is still found (cleared during the traversal). */
static uint32_t next_index(lua_State *L, GCtab *t, const TValue *key)
{
  Node *n;
  TValue k = *key;
  if (tvisnil(&k)) return 0;
  if (tvisnumber(&k)) {
    int32_t i;
    if (num_isint(k.n, &i)) {
      if (lu_tab_inarray(t, i)) return (uint32_t)i + 1;
      k.n = (double)i;  /* -0 is 0. */
    }
  }
  n = findnode(t, &k);
  if (LU_UNLIKELY(n == NULL)) lu_err_msg(L, LU_ERR_NEXTIDX);
  return t->asize + (uint32_t)(n - t->node) + 1;
}

int lu_tab_next(lua_State *L, GCtab *t, TValue *key)
{
  uint32_t i = next_index(L, t, key);
  return lu_tab_iternext(t, &i, key);
}

/* -- Length ------------------------------------------------------------------- */

/* Border search beyond the array part: double j until t[j] is nil, then
** binary search between the last non-nil i and j. */
static MSize len_hash(GCtab *t, MSize j)
{
  MSize i = j;
  const TValue *v;
  j++;
  while ((v = lu_tab_getint(t, (int32_t)j)) != NULL && !tvisnil(v)) {
    i = j;
    if (j > (MSize)INT32_MAX / 2) {
      /* Pathological table: linear search from 1. */
      for (i = 1; (v = lu_tab_getint(t, (int32_t)i)) && !tvisnil(v); i++) {}
      return i - 1;
    }
    j *= 2;
  }
  while (j - i > 1) {
    MSize m = (i + j) / 2;
    v = lu_tab_getint(t, (int32_t)m);
    if (v == NULL || tvisnil(v)) j = m; else i = m;
  }
  return i;
}

MSize lu_tab_len(GCtab *t)
{
  MSize j = t->asize ? t->asize - 1 : 0;
  if (j > 0 && tvisnil(&t->array[j])) {
    /* Binary search for a border inside the array part. */
    MSize i = 0;
    while (j - i > 1) {
      MSize m = (i + j) / 2;
      if (tvisnil(&t->array[m])) j = m; else i = m;
    }
    return i;
  }
  if (t->node == lu_tab_nilnode) return j;
  return len_hash(t, j);
}
