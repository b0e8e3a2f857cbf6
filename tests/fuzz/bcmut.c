/*
** lunar: mutation test of the bytecode loader (C level, meant for ASan).
**
**   bcmut [-n MUTANTS] [-s SEED] [-q] [-o SAVEFILE] FILE.lua...
**
** Every FILE is compiled and dumped (with and without debug info); the
** dumps themselves must load and dumping them again must give the same
** bytes (up to the order of template table hash keys).
** Then MUTANTS mutants (default 2000), spread over the dumps, are made by
** flipping, overwriting, inserting and deleting bytes, planting random
** instructions and truncating; each must be rejected with an error or load
** and run in a sandbox (see bcfuzz.h) without crashing. Prints
** one summary line; exit status 1 on a round-trip failure. -o writes each
** mutant to SAVEFILE before trying it (to keep the one that crashed).
*/
#include <stdio.h>

#include "bcfuzz.h"

static uint64_t rng_state = 88172645463325252ull;

static uint32_t rnd(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state >> 16);
}

typedef struct Dump { char *b; size_t n; } Dump;

static int writer(lua_State *L, const void *p, size_t sz, void *ud)
{
  Dump *d = (Dump *)ud;
  (void)L;
  d->b = realloc(d->b, d->n + sz);
  memcpy(d->b + d->n, p, sz);
  d->n += sz;
  return 0;
}

/* Dump the function on top of the stack (strip via string.dump). */
static Dump dumpfn(lua_State *L, int strip)
{
  Dump d = {NULL, 0};
  size_t n;
  const char *s;
  lua_getglobal(L, "string");
  lua_getfield(L, -1, "dump");
  lua_pushvalue(L, -3);
  lua_pushboolean(L, strip);
  if (lua_pcall(L, 2, 1, 0) != 0) {
    fprintf(stderr, "bcmut: string.dump: %s\n", lua_tostring(L, -1));
    exit(1);
  }
  s = lua_tolstring(L, -1, &n);
  writer(L, s, n, &d);
  lua_pop(L, 2);
  return d;
}

static size_t mutate(char *b, size_t n, size_t cap)
{
  int k, nm = 1 + (int)(rnd() % 3);
  static const uint8_t interesting[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0xfe, 0x40};
  for (k = 0; k < nm && n > 0; k++) {
    size_t pos = rnd() % n;
    switch (rnd() % 8) {
    case 0: b[pos] ^= (char)(1 << (rnd() % 8)); break;
    case 1: b[pos] = (char)rnd(); break;
    case 2: b[pos] = (char)interesting[rnd() % sizeof(interesting)]; break;
    case 3:
      if (n < cap) {
        memmove(b + pos + 1, b + pos, n - pos);
        b[pos] = (char)rnd();
        n++;
      }
      break;
    case 4:
      memmove(b + pos, b + pos + 1, n - pos - 1);
      n--;
      break;
    case 5: {  /* A random instruction: a valid opcode, random operands. */
      if (pos + 4 <= n) {
        b[pos] = (char)(rnd() % BC__MAX);
        b[pos + 1] = (char)(rnd() % 8);
        b[pos + 2] = (char)(rnd() % 8);
        b[pos + 3] = (char)((rnd() & 1) ? rnd() % 8 : 0x7f + rnd() % 3);
      }
      break;
    }
    case 6: if (pos > 4) n = pos; break;  /* Truncate. */
    default: {  /* Small operand tweak. */
      b[pos] = (char)(b[pos] + (int)(rnd() % 5) - 2);
      break;
    }
    }
  }
  return n;
}

int main(int argc, char **argv)
{
  unsigned long nmut = 2000, i;
  int quiet = 0, a, nd = 0, bad = 0;
  const char *savefile = NULL;
  Dump *dumps;
  BCFStats st = {0, 0, 0, 0, 0, 0};
  lua_State *L;
  char *buf;
  size_t cap = 0;
  for (a = 1; a < argc && argv[a][0] == '-'; a++) {
    if (strcmp(argv[a], "-n") == 0 && a + 1 < argc) nmut = strtoul(argv[++a], NULL, 10);
    else if (strcmp(argv[a], "-s") == 0 && a + 1 < argc) rng_state ^= strtoull(argv[++a], NULL, 10) * 0x9e3779b97f4a7c15ull;
    else if (strcmp(argv[a], "-q") == 0) quiet = 1;
    else if (strcmp(argv[a], "-o") == 0 && a + 1 < argc) savefile = argv[++a];
    else { fprintf(stderr, "usage: bcmut [-n N] [-s SEED] [-q] FILE.lua...\n"); return 2; }
  }
  if (rng_state == 0) rng_state = 1;
  dumps = calloc((size_t)(argc - a) * 2 + 1, sizeof(Dump));
  L = bcf_newstate();
  for (; a < argc; a++) {
    int s;
    if (luaL_loadfile(L, argv[a]) != 0) {
      if (!quiet) fprintf(stderr, "bcmut: skipping %s\n", lua_tostring(L, -1));
      lua_pop(L, 1);
      continue;
    }
    for (s = 0; s <= 1; s++) {
      Dump d = dumpfn(L, s), d2;
      if (luaL_loadbufferx(L, d.b, d.n, "=dump", "b") != 0) {
        fprintf(stderr, "bcmut: %s: dump does not load: %s\n", argv[a], lua_tostring(L, -1));
        bad = 1;
        lua_pop(L, 1);
        free(d.b);
        continue;
      }
      d2 = dumpfn(L, s);
      lua_pop(L, 1);
      /* Template tables are rebuilt by insertion, so their hash keys may
      ** come out in another order: the size must still agree. */
      if (d2.n != d.n) {
        fprintf(stderr, "bcmut: %s: dump of the reloaded dump differs\n", argv[a]);
        bad = 1;
      }
      free(d2.b);
      if (d.n + 16 > cap) cap = d.n + 16;
      dumps[nd++] = d;
    }
    lua_pop(L, 1);
  }
  if (nd == 0) { fprintf(stderr, "bcmut: no input\n"); return 2; }
  buf = malloc(cap);
  for (i = 0; i < nmut; i++) {
    Dump *d = &dumps[rnd() % (unsigned)nd];
    size_t n;
    memcpy(buf, d->b, d->n);
    n = mutate(buf, d->n, cap);
    if (savefile != NULL) {  /* Keep the current mutant for a post-mortem. */
      FILE *fp = fopen(savefile, "wb");
      if (fp != NULL) { fwrite(buf, 1, n, fp); fclose(fp); }
    }
    bcf_try(L, buf, n, 1, &st);
    if ((i + 1) % 500 == 0 || bcf_mem > BCF_MEMLIMIT / 2) {  /* Fresh state. */
      lua_close(L);
      L = bcf_newstate();
    }
  }
  lua_close(L);
  printf("bcmut: %d dumps, %lu mutants: %lu rejected, %lu loaded, %lu run "
         "(%lu with a runtime error, %lu stopped by the timer), 0 crashes\n",
         nd, st.tried, st.rejected, st.accepted, st.ran, st.runerr,
         st.timeouts);
  for (a = 0; a < nd; a++) free(dumps[a].b);
  free(dumps);
  free(buf);
  return bad;
}
