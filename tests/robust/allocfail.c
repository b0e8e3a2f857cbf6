/*
** lunar: allocation-failure sweep.
**
**   cc -Isrc/api tests/robust/allocfail.c build/liblunar.a -lm -ldl -o allocfail
**   ./allocfail [-v] [-trace] [-max N] [SNIPPET-NAME...]
**
** Every state runs on a checking allocator that keeps a header with the
** block size in front of each block, verifies the old size the VM passes on
** every reallocation or free, counts live bytes, and can fail the k-th
** growing allocation (a shrink never fails, as the Lua API promises).
**
** Phase 1 sweeps state creation: lua_newstate + luaL_openlibs (run under
** lua_cpcall) with the k-th allocation failing, k = 1, 2, ... until nothing
** fails; each attempt must end in NULL or LUA_ERRMEM and lua_close must
** free everything.
**
** Phase 2 sweeps each snippet below (parser, every library, the GC): for
** k = 1, 2, ... (up to the snippet's total allocation count, capped by
** -max) a fresh state runs the snippet with its k-th allocation failing.
** The run must succeed (the failure was swallowed by a pcall inside the
** snippet) or fail with "not enough memory"; then, with failures off, a
** second chunk must run correctly in the same state, and after lua_close
** the live byte count must be exactly 0.  A crash is caught by a signal
** handler that names the snippet and k.  Exit status 0 iff every check
** passed; prints the number of allocation points swept.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <execinfo.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

/* -- Checking allocator ---------------------------------------------------- */

/* -trace: print a backtrace at every injected failure (glibc). */
static int trace = 0;
static void *btbuf[16];

typedef struct Hdr { size_t size; size_t magic; } Hdr;
#define HDR_MAGIC ((size_t)0x4c554e4152414c43ull)

typedef struct Arena {
  long count;     /* Growing allocations so far. */
  long fail_at;   /* Fail the allocation with this number (0: never). */
  long failed;    /* How many were failed. */
  size_t live;    /* Live bytes. */
  long badsize;   /* Old-size mismatches seen. */
} Arena;

static void *check_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  Arena *a = (Arena *)ud;
  Hdr *h = NULL;
  if (ptr != NULL) {
    h = (Hdr *)ptr - 1;
    if (h->magic != HDR_MAGIC) {
      fprintf(stderr, "allocfail: foreign or corrupted block %p\n", ptr);
      abort();
    }
    if (h->size != osize) a->badsize++;
  }
  if (nsize == 0) {
    if (h) { a->live -= h->size; h->magic = 0; free(h); }
    return NULL;
  }
  if (ptr == NULL || nsize > h->size) {
    a->count++;
    if (a->fail_at && a->count == a->fail_at) {
      a->failed++;
      if (trace) backtrace_symbols_fd(btbuf, backtrace(btbuf, 16), 2);
      return NULL;
    }
  }
  {
    size_t old = h ? h->size : 0;
    Hdr *nh = (Hdr *)realloc(h, sizeof(Hdr) + nsize);
    if (nh == NULL) return NULL;
    nh->size = nsize;
    nh->magic = HDR_MAGIC;
    a->live = a->live - old + nsize;
    return nh + 1;
  }
}

/* -- Crash reporting ------------------------------------------------------- */

static char where[256];

static void on_signal(int sig)
{
  char buf[320];
  int n = snprintf(buf, sizeof(buf), "allocfail: CRASH (signal %d) in %s\n",
                   sig, where);
  if (n > 0) (void)!write(2, buf, (size_t)n);
  _exit(2);
}

static int on_panic(lua_State *L)
{
  const char *m = lua_tostring(L, -1);
  fprintf(stderr, "allocfail: PANIC (%s) in %s\n", m ? m : "?", where);
  _exit(3);
  return 0;
}

/* -- Snippets -------------------------------------------------------------- */

typedef struct Snippet { const char *name; const char *src; } Snippet;

static const Snippet snippets[] = {
  { "parser",
    "local f = assert(loadstring([[\n"
    "  local a, b, c = 1, 'two', {3, x = 4, [5] = 6, 'seven'}\n"
    "  local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end\n"
    "  for i = 1, 3 do a = a + i end\n"
    "  for k, v in pairs(c) do a = a + 1 end\n"
    "  while a > 100 do a = a - 1 end\n"
    "  repeat a = a + 1 until a > 10\n"
    "  goto skip\n"
    "  a = 0\n"
    "  ::skip::\n"
    "  local s = 'x' .. a .. [=[long]=] .. \"\\n\\65\"\n"
    "  return fib(10) + #s, function(...) return select('#', ...) end\n"
    "]], '=parsed'))\n"
    "local r = f()\n"
    "assert(r == 64)\n"
    "assert(not loadstring('x = = 1'))\n"
    "assert(loadstring(string.rep('x = 1\\n', 50)))\n" },
  { "string",
    "local s = string.rep('abc', 20, ',')\n"
    "local t = {}\n"
    "for w in s:gmatch('%a+') do t[#t+1] = w:upper() end\n"
    "local r = string.format('%d %5.2f %s %q %x %g', 42, 3.14159, 'str', 'q\\n', 255, 1e20)\n"
    "local g = s:gsub('b', function(x) return x .. x end)\n"
    "local h = s:gsub('(a)(b)', '%2%1')\n"
    "local k = s:gsub('a', {a = 'A'})\n"
    "assert(s:find('c,a', 1, true) and s:match('^(%a+)'))\n"
    "assert(#string.reverse(s) == #s and s:sub(2, 5) and s:byte(1, -1))\n"
    "assert(string.char(65, 66) == 'AB' and tostring(12.5) == '12.5')\n"
    "assert(tonumber('0x10') == 16 and #table.concat(t, '-') > 0)\n" },
  { "table",
    "local t = {}\n"
    "for i = 1, 200 do t[i] = (i * 7919) % 211 end\n"
    "table.sort(t)\n"
    "table.sort(t, function(a, b) return a > b end)\n"
    "table.insert(t, 1, 0) table.insert(t, 5) table.remove(t, 1)\n"
    "local h = {}\n"
    "for i = 1, 100 do h['k' .. i] = i; h[i + 0.5] = i end\n"
    "for k, v in pairs(h) do h[k] = v + 1 end\n"
    "assert(#table.concat(t, ',') > 0 and table.maxn(t) == 201)\n"
    "assert(select('#', unpack(t)) == 201)\n" },
  { "math_bit_os",
    "local x = 0\n"
    "for i = 1, 50 do x = x + math.sin(i) * math.floor(i / 3) + math.fmod(i, 7) end\n"
    "math.randomseed(42) x = x + math.random(10) + math.random()\n"
    "x = x + bit.band(0xff, 0x0f) + bit.lshift(1, 10) + bit.bxor(5, 3)\n"
    "local s = bit.tohex(0xdeadbeef) .. os.date('!%Y-%m-%d %H:%M:%S', 0)\n"
    "local t = os.date('!*t', 86400)\n"
    "assert(t.day == 2 and os.time({year = 2000, month = 1, day = 1}))\n"
    "assert(os.getenv('HOME') or true) assert(os.clock() >= 0)\n"
    "assert(s == 'deadbeef1970-01-01 00:00:00')\n" },
  { "io",
    "local name = os.tmpname()\n"
    "local f = assert(io.open(name, 'w'))\n"
    "for i = 1, 50 do f:write(i, ' line\\n') end\n"
    "f:close()\n"
    "local n = 0\n"
    "for l in io.lines(name) do n = n + #l end\n"
    "f = assert(io.open(name))\n"
    "local all = f:read('*a') f:seek('set', 0) local a, b = f:read('*n', '*l') f:close()\n"
    "os.remove(name)\n"
    "assert(n > 0 and #all > 0 and a == 1)\n" },
  { "coroutine",
    "local function gen(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end\n"
    "local s = 0 for v in gen(30) do s = s + v end\n"
    "local cos = {}\n"
    "for i = 1, 20 do cos[i] = coroutine.create(function(a) local b = coroutine.yield(a * 2) return a + b end) end\n"
    "for i = 1, 20 do assert(coroutine.resume(cos[i], i)) assert(coroutine.resume(cos[i], 1)) end\n"
    "local ok, e = coroutine.resume(coroutine.create(function() error('x') end))\n"
    "assert(s == 465 and not ok)\n" },
  { "debug_errors",
    "local function rr(ok, e, ...)\n"
    "  if not ok and type(e) == 'string' and e:find('not enough memory') then error(e, 0) end\n"
    "  return ok, e, ...\n"
    "end\n"
    "local tb = debug.traceback('msg', 1)\n"
    "local info = debug.getinfo(1, 'nSlu')\n"
    "local function f() local x = 1 return (debug.getlocal(1, 1)) end\n"
    "local ok, e = rr(pcall(error, {code = 1}))\n"
    "local ok2, e2 = rr(xpcall(function() local t = nil; return t.x end, debug.traceback))\n"
    "local ok3, e3 = rr(pcall(string.rep))\n"
    "assert(#tb > 0, 'tb') assert(info.short_src, 'info') assert(f() == 'x', 'getlocal')\n"
    "assert(not ok2, 'ok2') assert(not ok3, 'ok3')\n"
    "error('final ' .. 1)\n" },
  { "buffer_dump",
    "local buf = require('string.buffer')\n"
    "local b = buf.new()\n"
    "for i = 1, 100 do b:put(i, ',') end\n"
    "local s = b:tostring() b:reset() b:putf('%d-%s', 5, 'x')\n"
    "local d = string.dump(function(a, b) return a * b + 1 end)\n"
    "local f = assert(loadstring(d))\n"
    "assert(f(6, 7) == 43 and #s > 0)\n"
    "package.preload.mymod = function(name) return {name = name} end\n"
    "assert(require('mymod').name == 'mymod')\n" },
  { "gc",
    "local keep = {}\n"
    "local weak = setmetatable({}, {__mode = 'k'})\n"
    "for i = 1, 90 do\n"
    "  local t = {i, tostring(i), function() return i end}\n"
    "  weak[t] = true\n"
    "  if i % 3 == 0 then keep[#keep + 1] = t end\n"
    "  local p = newproxy(true) getmetatable(p).__gc = function() keep.gc = (keep.gc or 0) + 1 end\n"
    "end\n"
    "collectgarbage() collectgarbage('step', 10) collectgarbage()\n"
    "local s = {} for i = 1, 60 do s[i] = ('%d'):format(i) .. ('x'):rep(i % 20) end\n"
    "assert(collectgarbage('count') > 0 and #keep == 30)\n" },
  { "meta",
    "local mt = {__index = function(t, k) return k .. '!' end,\n"
    "  __add = function(a, b) return 1 end, __concat = function(a, b) return 'c' end,\n"
    "  __call = function(self, ...) return select('#', ...) end,\n"
    "  __tostring = function() return 'obj' end, __eq = function() return true end}\n"
    "local a, b = setmetatable({}, mt), setmetatable({}, mt)\n"
    "assert(a.foo == 'foo!' and a + b == 1 and a .. 'x' == 'c' and a(1, 2) == 2)\n"
    "assert(tostring(a) == 'obj' and a == b)\n"
    "local env = setmetatable({}, {__index = _G})\n"
    "local f = assert(loadstring('y = 1 return y + 1')) setfenv(f, env)\n"
    "assert(f() == 2 and env.y == 1)\n" },
  { "lexer_errors",
    "local bad = {'x = [[', 'x = \"\\\\q\"', 'x = 1e', 'for', 'x = }', 'local 1',\n"
    "  'goto l1', 'break', 'x = \"\\\\300\"', 'return return', '::a:: ::a::', 'f(', 'x = 0x'}\n"
    "for _, src in ipairs(bad) do\n"
    "  local f, e = loadstring(src, '=bad')\n"
    "  if e and e:find('not enough memory') then error(e, 0) end\n"
    "  assert(f == nil and e, src)\n"
    "end\n"
    "local f = assert(loadstring('local s = [==[a]]b]==] .. \"\\\\65\\\\x42\\\\u{43}\\\\z  d\" return s, 0x1p4, 1e-3, 3 % 1'))\n" },
  { "co_errors",
    "local function rr(ok, e, ...)\n"
    "  if not ok and type(e) == 'string' and e:find('not enough memory') then error(e, 0) end\n"
    "  return ok, e, ...\n"
    "end\n"
    "local co = coroutine.create(function(a) local t = {} for i = 1, 20 do t[i] = coroutine.yield(i) end error({t}) end)\n"
    "for i = 1, 21 do rr(coroutine.resume(co, i)) end\n"
    "local ok, e = rr(coroutine.resume(coroutine.create(function() local x = nil; return x.y end)))\n"
    "assert(not ok and e:find('attempt to index'))\n"
    "local w = coroutine.wrap(function() error(setmetatable({}, {__tostring = function() return 'E' end})) end)\n"
    "ok, e = rr(pcall(w))\n"
    "assert(not ok and tostring(e) == 'E')\n"
    "ok, e = rr(xpcall(function() error('deep') end, function(m) return debug.traceback(m, 2) end))\n"
    "assert(not ok and e:find('deep'), tostring(e))\n" },
  { "ffi",
    "local ffi = require 'ffi'\n"
    "ffi.cdef[[typedef struct { int a; double b[4]; } af_t; size_t strlen(const char *);\n"
    "  enum af_e { AF1, AF2 = 7 }; struct af_big { int x[3]; union { int i; float f; }; };]]\n"
    "local s = ffi.new('af_t', {1, {2, 3}})\n"
    "assert(s.a == 1 and s.b[1] == 3)\n"
    "local p = ffi.new('int[?]', 10, 5)\n"
    "assert(p[9] == 5 and tostring(3LL + 4) == '7LL' and p + 1 ~= nil)\n"
    "assert(tonumber(ffi.C.strlen('abc')) == 3 and ffi.C.AF2 == 7)\n"
    "local T = ffi.metatype('struct { int v; }', {__index = {get = function(x) return x.v end}})\n"
    "assert(T(5):get() == 5 and ffi.string(ffi.new('char[4]', 'ab')) == 'ab')\n"
    "assert(tostring(ffi.typeof('struct af_big *')) == 'ctype<struct af_big *>')\n"
    "ffi.gc(ffi.new('char[8]'), function() end)\n" },
};
#define NSNIP ((int)(sizeof(snippets) / sizeof(snippets[0])))

static const char after_src[] =
  "local t = {} for i = 1, 100 do t[i] = tostring(i) .. 'x' end\n"
  "local co = coroutine.wrap(function(a) return coroutine.yield(a) + 1 end)\n"
  "assert(co(1) == 1 and co(2) == 3)\n"
  "return #table.concat(t) + #string.format('%d', 7)";

/* -- Driver ---------------------------------------------------------------- */

static int verbose = 0;
static long problems = 0;
static long points = 0;

static void problem(const char *fmt, const char *a, long k, const char *b)
{
  problems++;
  if (problems <= 60) {
    fprintf(stderr, "allocfail: ");
    fprintf(stderr, fmt, a, k, b);
    fputc('\n', stderr);
  }
}

static int openlibs_cb(lua_State *L)
{
  luaL_openlibs(L);
  return 0;
}

/* Create a state; with fail_at set, phase-1 style. Returns NULL on failure. */
static lua_State *mkstate(Arena *a, int *status)
{
  lua_State *L = lua_newstate(check_alloc, a);
  *status = 0;
  if (L == NULL) return NULL;
  lua_atpanic(L, on_panic);
  *status = lua_cpcall(L, openlibs_cb, NULL);
  return L;
}

static void close_and_check(lua_State *L, Arena *a, const char *name, long k)
{
  a->fail_at = 0;
  snprintf(where, sizeof(where), "%s k=%ld (lua_close)", name, k);
  lua_close(L);
  if (a->live != 0) {
    char b[64];
    snprintf(b, sizeof(b), "%zu bytes", a->live);
    problem("%s k=%ld: %s still allocated after lua_close", name, k, b);
  }
  if (a->badsize) problem("%s k=%ld: wrong old size passed to the allocator%s",
                          name, k, "");
}

/* Phase 1: state creation and luaL_openlibs. */
static void sweep_newstate(long maxk)
{
  long k;
  for (k = 1; k <= maxk; k++) {
    Arena a = { 0, k, 0, 0, 0 };
    int st;
    lua_State *L;
    snprintf(where, sizeof(where), "newstate k=%ld", k);
    L = mkstate(&a, &st);
    points++;
    if (L == NULL) {
      if (a.live != 0) problem("%s k=%ld: lua_newstate failed but %s", "newstate", k,
                               "leaked memory");
      continue;
    }
    if (st != 0 && st != LUA_ERRMEM)
      problem("%s k=%ld: openlibs failed with status other than %s", "newstate", k,
              "LUA_ERRMEM");
    close_and_check(L, &a, "newstate", k);
    if (a.failed == 0) break;  /* Past the last allocation. */
  }
  printf("newstate+openlibs: %ld allocation points\n", k - 1);
}

/* Phase 2: one snippet. Returns the number of allocation points swept. */
static long sweep_snippet(const Snippet *sn, long maxk)
{
  long k, total;
  int ok_runs = 0, mem_errs = 0;
  for (k = 1; k <= maxk; k++) {
    Arena a = { 0, 0, 0, 0, 0 };
    int st;
    long base;
    const char *msg;
    lua_State *L = mkstate(&a, &st);
    if (L == NULL || st != 0) { problem("%s k=%ld: %s", sn->name, k, "state creation failed"); break; }
    base = a.count;
    a.fail_at = base + k;
    snprintf(where, sizeof(where), "%s k=%ld", sn->name, k);
    st = luaL_loadbuffer(L, sn->src, strlen(sn->src), sn->name);
    if (st == 0) st = lua_pcall(L, 0, 0, 0);
    msg = st != 0 ? lua_tostring(L, -1) : NULL;
    if (st == 0) {
      ok_runs++;
    } else if (msg && strstr(msg, "not enough memory")) {
      mem_errs++;
    } else if (a.failed == 0 && msg && strstr(msg, "final 1")) {
      /* debug_errors ends with a deliberate error. */
    } else if (a.failed && msg && strstr(msg, "final 1")) {
      ok_runs++;  /* The failure was swallowed by a pcall in the snippet. */
    } else {
      problem("%s k=%ld: unexpected error: %s", sn->name, k, msg ? msg : "(non-string)");
    }
    lua_settop(L, 0);
    total = a.count - base;
    /* The same state must still work. */
    a.fail_at = 0;
    snprintf(where, sizeof(where), "%s k=%ld (next chunk)", sn->name, k);
    st = luaL_loadbuffer(L, after_src, strlen(after_src), "=after");
    if (st == 0) st = lua_pcall(L, 0, 1, 0);
    if (st != 0 || lua_tonumber(L, -1) != 293)
      problem("%s k=%ld: next chunk failed: %s", sn->name, k,
              st != 0 && lua_tostring(L, -1) ? lua_tostring(L, -1) : "wrong result");
    lua_settop(L, 0);
    close_and_check(L, &a, sn->name, k);
    points++;
    if (a.failed == 0) { k--; break; }  /* k exceeded the allocation count. */
  }
  if (k > maxk) k = maxk;
  printf("%-14s %6ld allocation points (%d ok, %d out of memory)%s\n", sn->name,
         k, ok_runs, mem_errs, k == maxk ? " [capped]" : "");
  (void)total;
  return k;
}

int main(int argc, char **argv)
{
  long maxk = 100000, swept = 0;
  int i, j, any = 0;
  signal(SIGSEGV, on_signal);
  signal(SIGBUS, on_signal);
  signal(SIGABRT, on_signal);
  signal(SIGFPE, on_signal);
  signal(SIGILL, on_signal);
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0) verbose = 1;
    else if (strcmp(argv[i], "-trace") == 0) trace = 1;
    else if (strcmp(argv[i], "-max") == 0 && i + 1 < argc) maxk = atol(argv[++i]);
    else any = 1;
  }
  if (!any) sweep_newstate(maxk);
  for (j = 0; j < NSNIP; j++) {
    int want = !any;
    for (i = 1; i < argc; i++)
      if (strcmp(argv[i], snippets[j].name) == 0) want = 1;
    if (want) swept += sweep_snippet(&snippets[j], maxk);
  }
  printf("allocfail: %ld runs, %ld snippet allocation points swept, %ld problems\n",
         points, swept, problems);
  return problems ? 1 : 0;
}
