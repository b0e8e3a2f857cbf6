/*
** lunar: LuaJIT 2.1 bytecode dumps — the writer and the verifying reader.
** The format is described in bcdump.h.
**
** The reader trusts nothing. It first gathers the whole chunk into one
** buffer, then checks every count against the bytes that remain before
** allocating anything, decodes each prototype into a block laid out as the
** parser lays it out, and finally verifies every instruction against its
** prototype (operand ranges, constant kinds, jump targets, the pairing of
** loop instructions, MULTRES producers and consumers, control never
** falling off the end) so that no accepted chunk can make the interpreter
** read or write outside its frame, constants or upvalues.
*/
#include <string.h>

#include "../core/obj.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/str.h"
#include "../core/tab.h"
#include "../core/func.h"
#include "../core/udata.h"
#include "../core/buf.h"
#include "../core/state.h"
#include "../core/strfmt.h"
#include "../vm/vm.h"
#include "bc.h"
#include "bcdump.h"
#include "../ffi/cdata.h"

static const char *const bcdump_varnames[] = {
  "",
#define BCDUMP_VARSTR(name, str)  str,
  BCDUMP_VARDEF(BCDUMP_VARSTR)
#undef BCDUMP_VARSTR
};

/* -- Writer ----------------------------------------------------------------- */

typedef struct BCWriteCtx {
  SBuf *sb;
  int strip;
} BCWriteCtx;

static void bcw_uleb(SBuf *sb, uint64_t v)
{
  char *w = lu_buf_more(sb, 10);
  for (; v >= 0x80; v >>= 7) *w++ = (char)((v & 0x7f) | 0x80);
  *w++ = (char)v;
  sb->w = w;
}

static void bcw_byte(SBuf *sb, int b)
{
  lu_buf_putchar(sb, b);
}

/* Is n exactly an int32 (and not -0)? Such numbers are dumped as ints. */
static int bcw_isint(double n, int32_t *k)
{
  if (n >= -2147483648.0 && n <= 2147483647.0) {
    int32_t i = (int32_t)n;
    if ((double)i == n && !(i == 0 && __builtin_signbit(n))) {
      *k = i;
      return 1;
    }
  }
  return 0;
}

/* A template table key or value. Integral numbers are narrowed to INT for
** values (narrow) but, as LuaJIT writes them, never for hash keys. */
static void bcw_ktabk(SBuf *sb, const TValue *o, int narrow)
{
  int32_t k;
  if (tvisstr(o)) {
    GCstr *s = strV(o);
    bcw_uleb(sb, BCDUMP_KTAB_STR + s->len);
    lu_buf_putmem(sb, strdata(s), s->len);
  } else if (tvisnumber(o)) {
    if (narrow && bcw_isint(numV(o), &k)) {
      bcw_uleb(sb, BCDUMP_KTAB_INT);
      bcw_uleb(sb, (uint32_t)k);
    } else {
      bcw_uleb(sb, BCDUMP_KTAB_NUM);
      bcw_uleb(sb, (uint32_t)o->u64);
      bcw_uleb(sb, (uint32_t)(o->u64 >> 32));
    }
  } else {
    bcw_uleb(sb, tvisnil(o) ? BCDUMP_KTAB_NIL :
                 tvisfalse(o) ? BCDUMP_KTAB_FALSE : BCDUMP_KTAB_TRUE);
  }
}

static void bcw_ktab(SBuf *sb, GCtab *t)
{
  MSize narray = 0, nhash = 0, i;
  if (t->asize > 0) {  /* Trim trailing nils of the array part. */
    for (narray = t->asize; narray > 0; narray--)
      if (!tvisnil(&t->array[narray - 1])) break;
  }
  if (t->hmask > 0 || !tvisnil(&t->node[0].val)) {
    for (i = 0; i <= t->hmask; i++)
      if (!tvisnil(&t->node[i].val)) nhash++;
  }
  bcw_uleb(sb, narray);
  bcw_uleb(sb, nhash);
  for (i = 0; i < narray; i++) bcw_ktabk(sb, &t->array[i], 1);
  if (nhash) {
    for (i = 0; i <= t->hmask; i++) {
      Node *n = &t->node[i];
      if (!tvisnil(&n->val)) {
        bcw_ktabk(sb, &n->key, 0);
        bcw_ktabk(sb, &n->val, 1);
      }
    }
  }
}

/* The debug info of pt, appended to sb. */
static void bcw_debug(SBuf *sb, GCproto *pt)
{
  MSize i, n = pt->sizebc;
  BCPos lastpc = 0;
  BCLine first = pt->firstline;
  for (i = 1; i < n; i++) {
    uint32_t d = (uint32_t)(pt->lineinfo[i] - first);
    if (pt->numline < 256) {
      bcw_byte(sb, (int)d);
    } else if (pt->numline < 65536) {
      uint16_t v = (uint16_t)d;
      lu_buf_putmem(sb, &v, 2);
    } else {
      lu_buf_putmem(sb, &d, 4);
    }
  }
  for (i = 0; i < pt->sizeuv; i++)
    lu_buf_putmem(sb, pt->uvnames[i], strlen(pt->uvnames[i]) + 1);
  for (i = 0; i < pt->sizevarinfo; i++) {
    VarInfo *vi = &pt->varinfo[i];
    const char *name = vi->name ? strdata(vi->name) : "";
    int code;
    for (code = 1; code < BCDUMP_VAR__MAX; code++)
      if (strcmp(name, bcdump_varnames[code]) == 0) break;
    if (code < BCDUMP_VAR__MAX) bcw_byte(sb, code);
    else lu_buf_putmem(sb, name, strlen(name) + 1);
    bcw_uleb(sb, vi->startpc - lastpc);
    bcw_uleb(sb, vi->endpc - vi->startpc);
    lastpc = vi->startpc;
  }
  bcw_byte(sb, BCDUMP_VAR_END);
}

/* The original opcode of a patched instruction (no JIT: I- variants only). */
static BCIns bcw_ins(BCIns ins)
{
  BCOp op = bc_op(ins);
  if (op == BC_IFORL || op == BC_IITERL || op == BC_ILOOP)
    setbc_op(&ins, op - 1);
  return ins;
}

/* ULEB128 of v into p; returns the number of bytes. */
static int bcw_uleb_mem(char *p, uint32_t v)
{
  int n = 0;
  for (; v >= 0x80; v >>= 7) p[n++] = (char)((v & 0x7f) | 0x80);
  p[n++] = (char)v;
  return n;
}

/* Insert n bytes at offset pos of the buffer. */
static void bcw_insert(SBuf *sb, MSize pos, const char *p, int n)
{
  lu_buf_more(sb, (size_t)n);
  memmove(sb->b + pos + n, sb->b + pos, sbuflen(sb) - pos);
  memcpy(sb->b + pos, p, (size_t)n);
  sb->w += n;
}

static void bcw_proto(BCWriteCtx *ctx, GCproto *pt)
{
  SBuf *sb = ctx->sb;
  MSize i, start, hdrend;
  int strip = ctx->strip || (pt->flags & PROTO_STRIPPED) || !pt->lineinfo;
  /* Children first, so the reader's stack pops them in kgc order. */
  for (i = 0; i < pt->sizekgc; i++) {
    GCobj *o = proto_kgc(pt, i);
    if (o->gch.gct == LU_GCT_PROTO) bcw_proto(ctx, gco2pt(o));
  }
  start = sbuflen(sb);
  bcw_byte(sb, pt->flags & (PROTO_CHILD | PROTO_VARARG | PROTO_FFI));
  bcw_byte(sb, pt->numparams);
  bcw_byte(sb, pt->framesize);
  bcw_byte(sb, pt->sizeuv);
  bcw_uleb(sb, pt->sizekgc);
  bcw_uleb(sb, pt->sizekn);
  bcw_uleb(sb, pt->sizebc - 1);
  hdrend = sbuflen(sb);
  /* Instructions, upvalues and constants. */
  for (i = 1; i < pt->sizebc; i++) {
    BCIns ins = bcw_ins(proto_bc(pt)[i]);
    lu_buf_putmem(sb, &ins, 4);
  }
  lu_buf_putmem(sb, pt->uv, pt->sizeuv * 2);
  for (i = pt->sizekgc; i-- > 0; ) {
    GCobj *o = proto_kgc(pt, i);
    if (o->gch.gct == LU_GCT_PROTO) {
      bcw_uleb(sb, BCDUMP_KGC_CHILD);
    } else if (o->gch.gct == LU_GCT_TAB) {
      bcw_uleb(sb, BCDUMP_KGC_TAB);
      bcw_ktab(sb, gco2tab(o));
    } else if (o->gch.gct == LU_GCT_CDATA) {
      /* FFI 64-bit integer constant: low and high 32 bits. */
      uint64_t v = *(uint64_t *)cdataptr(gco2cd(o));
      bcw_uleb(sb, o->cd.ctypeid == CTID_UINT64 ? BCDUMP_KGC_U64 :
                   BCDUMP_KGC_I64);
      bcw_uleb(sb, (uint32_t)v);
      bcw_uleb(sb, (uint32_t)(v >> 32));
    } else {
      GCstr *s = gco2str(o);
      bcw_uleb(sb, BCDUMP_KGC_STR + s->len);
      lu_buf_putmem(sb, strdata(s), s->len);
    }
  }
  for (i = 0; i < pt->sizekn; i++) {
    TValue *o = &proto_knum(pt, i);
    int32_t k;
    if (bcw_isint(numV(o), &k)) {
      bcw_uleb(sb, (uint64_t)(uint32_t)k << 1);
    } else {
      bcw_uleb(sb, ((uint64_t)(uint32_t)o->u64 << 1) | 1);
      bcw_uleb(sb, (uint32_t)(o->u64 >> 32));
    }
  }
  /* Debug info, whose size then goes between the header and the body. */
  if (!strip) {
    char tmp[15];
    int n;
    MSize dbgstart = sbuflen(sb), sizedbg;
    bcw_debug(sb, pt);
    sizedbg = sbuflen(sb) - dbgstart;
    n = bcw_uleb_mem(tmp, sizedbg);
    if (sizedbg) {
      n += bcw_uleb_mem(tmp + n, (uint32_t)pt->firstline);
      n += bcw_uleb_mem(tmp + n, (uint32_t)pt->numline);
    }
    bcw_insert(sb, hdrend, tmp, n);
  }
  /* Prefix the whole prototype with its length. */
  {
    char tmp[5];
    int n = bcw_uleb_mem(tmp, sbuflen(sb) - start);
    bcw_insert(sb, start, tmp, n);
  }
}

typedef struct BCWriteJob {
  GCproto *pt;
  int strip;
  SBuf sb;
} BCWriteJob;

static TValue *bcw_cp(lua_State *L, lua_CFunction f, void *ud)
{
  BCWriteJob *job = (BCWriteJob *)ud;
  BCWriteCtx ctx;
  GCproto *pt = job->pt;
  int strip = job->strip || (pt->flags & PROTO_STRIPPED) || !pt->lineinfo;
  (void)f;
  ctx.sb = &job->sb;
  ctx.strip = strip;
  lu_buf_putchar(ctx.sb, BCDUMP_HEAD1);
  lu_buf_putchar(ctx.sb, BCDUMP_HEAD2);
  lu_buf_putchar(ctx.sb, BCDUMP_HEAD3);
  lu_buf_putchar(ctx.sb, BCDUMP_VERSION);
  bcw_uleb(ctx.sb, BCDUMP_F_FR2 | (strip ? BCDUMP_F_STRIP : 0) |
                   ((pt->flags & PROTO_FFI) ? BCDUMP_F_FFI : 0));
  if (!strip) {
    GCstr *name = pt->chunkname;
    bcw_uleb(ctx.sb, name->len);
    lu_buf_putmem(ctx.sb, strdata(name), name->len);
  }
  bcw_proto(&ctx, pt);
  lu_buf_putchar(ctx.sb, 0);
  return NULL;
}

/* The dump is built in memory inside a protected call (so an allocation
** failure frees the buffer), then handed to the writer in one piece. */
int lu_bcwrite(lua_State *L, GCproto *pt, lua_Writer writer, void *data,
               int strip)
{
  BCWriteJob job;
  int status;
  job.pt = pt;
  job.strip = strip;
  lu_buf_init(L, &job.sb);
  status = lu_vm_cpcall(L, NULL, &job, bcw_cp);
  if (status == 0)
    status = writer(L, job.sb.b, sbuflen(&job.sb), data);
  else
    L->top--;  /* Drop the error message: report failure as a status. */
  lu_buf_free(G(L), &job.sb);
  return status;
}

/* -- Reader ----------------------------------------------------------------- */

typedef struct BCRead {
  lua_State *L;
  const uint8_t *p, *pe;   /* Current position and end (bounds checked). */
  GCtab *anchor;           /* Keeps everything read alive for the GC. */
  int32_t nanchor;
  GCstr *chunkname;        /* For the prototypes (from the dump if kept). */
  GCstr *loadname;         /* For error messages (as given to load). */
  int strip;
  GCtab *stack;            /* Prototypes read, not yet claimed: [1..n]. */
  int32_t nstack;
} BCRead;

static LU_NORET void bcr_error(BCRead *r, ErrMsg em)
{
  lua_State *L = r->L;
  const char *name = strdata(r->loadname);
  if (*name == '@' || *name == '=') name++;
  else if (*name == BCDUMP_HEAD1) name = "(binary)";
  lu_str_pushf(L, "%s: %s", name, err2msg(em));
  lu_err_throw(L, LUA_ERRSYNTAX);
}

#define bcr_check(r, c)  do { if (LU_UNLIKELY(!(c))) bcr_error((r), LU_ERR_BCBAD); } while (0)

static void bcr_keep(BCRead *r, GCobj *o, uint32_t itype)
{
  TValue *slot = lu_tab_setint(r->L, r->anchor, ++r->nanchor);
  setgcVraw(slot, o, itype);
}

static int bcr_byte(BCRead *r)
{
  bcr_check(r, r->p < r->pe);
  return *r->p++;
}

/* A ULEB128 of at most 5 bytes (35 bits) whose value must not exceed max. */
static uint64_t bcr_uleb_max(BCRead *r, uint64_t max)
{
  uint64_t v = 0;
  int shift = 0;
  for (;;) {
    int b = bcr_byte(r);
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
    bcr_check(r, shift < 35);
  }
  bcr_check(r, v <= max);
  return v;
}

static uint32_t bcr_uleb(BCRead *r)
{
  return (uint32_t)bcr_uleb_max(r, 0xffffffffu);
}

/* ULEB128 with 33 significant bits: returns the value, *flag = bit 0. */
static uint32_t bcr_uleb33(BCRead *r, int *flag)
{
  uint64_t v = bcr_uleb_max(r, 0x1ffffffffull);
  *flag = (int)(v & 1);
  return (uint32_t)(v >> 1);
}

static const uint8_t *bcr_mem(BCRead *r, MSize len)
{
  const uint8_t *p = r->p;
  bcr_check(r, (size_t)(r->pe - r->p) >= len);
  r->p += len;
  return p;
}

static GCstr *bcr_str(BCRead *r, MSize len)
{
  const uint8_t *s = bcr_mem(r, len);
  GCstr *str = lu_str_new(r->L, (const char *)s, len);
  bcr_keep(r, obj2gco(str), LU_TSTR);
  return str;
}

static void bcr_ktabk(BCRead *r, TValue *o)
{
  uint32_t tp = bcr_uleb(r);
  if (tp >= BCDUMP_KTAB_STR) {
    setstrV(r->L, o, bcr_str(r, tp - BCDUMP_KTAB_STR));
  } else if (tp == BCDUMP_KTAB_INT) {
    setnumV(o, (double)(int32_t)bcr_uleb(r));
  } else if (tp == BCDUMP_KTAB_NUM) {
    uint32_t lo = bcr_uleb(r);
    uint32_t hi = bcr_uleb(r);
    o->u64 = ((uint64_t)hi << 32) | lo;
    if (!tvisnumber(o) || o->n != o->n) setnumV(o, __builtin_nan(""));
  } else if (tp == BCDUMP_KTAB_NIL) {
    setnilV(o);
  } else {
    setboolV(o, tp == BCDUMP_KTAB_TRUE);
  }
}

static GCtab *bcr_ktab(BCRead *r)
{
  lua_State *L = r->L;
  uint32_t narray = bcr_uleb(r), nhash = bcr_uleb(r);
  uint32_t i;
  GCtab *t;
  /* Every item takes at least one byte: bound the sizes by the input. */
  bcr_check(r, narray <= (size_t)(r->pe - r->p) && narray <= LU_MAX_ASIZE);
  bcr_check(r, nhash <= (size_t)(r->pe - r->p) / 2);
  t = lu_tab_new(L, narray, nhash ? lu_tab_hbits(nhash) : 0);
  bcr_keep(r, obj2gco(t), LU_TTAB);
  for (i = 0; i < narray; i++) {
    TValue v;
    bcr_ktabk(r, &v);
    if (!tvisnil(&v)) *lu_tab_setint(L, t, (int32_t)i) = v;
  }
  for (i = 0; i < nhash; i++) {
    TValue k, v;
    bcr_ktabk(r, &k);
    bcr_check(r, !tvisnil(&k) && !(tvisnumber(&k) && k.n != k.n));
    bcr_ktabk(r, &v);
    *lu_tab_set(L, t, &k) = v;
  }
  return t;
}

/* -- Instruction verification ------------------------------------------------ */

static int bcv_kgc_is(GCproto *pt, MSize idx, int gct)
{
  return idx < pt->sizekgc && proto_kgc(pt, idx)->gch.gct == gct;
}

/* Check operand x of mode m. */
static int bcv_operand(GCproto *pt, BCMode m, uint32_t x, BCPos pc)
{
  switch (m) {
  case BCMnone: case BCMlit: case BCMlits: return 1;
  case BCMdst: case BCMbase: case BCMvar: case BCMrbase:
    return x < pt->framesize;
  case BCMuv: return x < pt->sizeuv;
  case BCMpri: return x <= 2;
  case BCMnum: return x < pt->sizekn;
  case BCMstr: return bcv_kgc_is(pt, x, LU_GCT_STR);
  case BCMtab: return bcv_kgc_is(pt, x, LU_GCT_TAB);
  case BCMfunc: return bcv_kgc_is(pt, x, LU_GCT_PROTO);
  case BCMjump: {
    ptrdiff_t t = (ptrdiff_t)pc + 1 + (ptrdiff_t)x - BCBIAS_J;
    return t >= 1 && t < (ptrdiff_t)pt->sizebc;
  }
  case BCMcdata: return bcv_kgc_is(pt, x, LU_GCT_CDATA);
  default: return 0;
  }
}

static BCPos bcv_target(BCIns ins, BCPos pc)
{
  return (BCPos)((ptrdiff_t)pc + 1 + bc_j(ins));
}

/* The successors of the instruction at pc into succ[] (at most two):
** the next instruction unless control never falls through, the jump
** target of jumps and loops, and for a comparison both its JMP (pc + 1)
** and the instruction after that JMP. Returns their number, or -1 if
** control can fall off the end of the bytecode. */
static int bcv_succ(const BCIns *bc, MSize n, BCPos pc, BCPos *succ)
{
  BCIns ins = bc[pc];
  BCOp op = bc_op(ins);
  int ns = 0;
  switch (op) {
  case BC_JMP: case BC_UCLO: case BC_ISNEXT:
    succ[ns++] = bcv_target(ins, pc);
    return ns;
  case BC_FORI: case BC_FORL: case BC_ITERL:
    succ[ns++] = bcv_target(ins, pc);
    break;
  case BC_RETM: case BC_RET: case BC_RET0: case BC_RET1:
  case BC_CALLT: case BC_CALLMT:
    return 0;
  default:
    if (op <= BC_ISF) {  /* Comparison: its JMP, and past it. */
      if (pc + 2 >= n) return -1;
      succ[ns++] = pc + 2;
    }
    break;
  }
  if (pc + 1 >= n) return -1;
  succ[ns++] = pc + 1;
  return ns;
}

/* MULTRES tracking. The interpreter's MULTRES (the number of values left by
** a CALL/CALLM/VARG with B = 0) is read by CALLM, CALLMT, RETM and TSETM
** from the slots above the producer's base. A forward dataflow pass gives
** every reachable instruction the MULTRES base valid on entry on all paths
** (MR_NONE when there is none or the paths disagree). Only JMP and UCLO
** pass it through, as in the parser's `return f()` after closing upvalues;
** every other instruction may clobber it. */
#define MR_TOP   (-2)   /* Not reached (yet). */
#define MR_NONE  (-1)   /* No valid MULTRES. */
/* Unreachable code (the parser leaves dead code after a return) never
** runs, so any MULTRES use in it is harmless. */
#define MR_OK(s, base)  ((s) == MR_TOP || (s) == (base))

/* Does ins leave MULTRES results starting at slot *base? */
static int bcv_multres(BCIns ins, int *base)
{
  BCOp op = bc_op(ins);
  if ((op == BC_CALL || op == BC_CALLM || op == BC_VARG) && bc_b(ins) == 0) {
    *base = bc_a(ins);
    return 1;
  }
  return 0;
}

/* Merge state s into mr[pc]; queue pc when it changed. */
static void bcv_flow(int16_t *mr, BCPos *work, MSize *nwork, BCPos pc, int s)
{
  int old = mr[pc];
  int merged = old == MR_TOP ? s : old == s ? s : MR_NONE;
  if (merged != old) {
    mr[pc] = (int16_t)merged;
    work[(*nwork)++] = pc;
  }
}

/* Compute mr[] for all instructions (all operands already checked, so
** every jump target is inside 1 .. sizebc-1). Returns 0 if control can
** fall off the end of the bytecode. */
static int bcv_dataflow(GCproto *pt, int16_t *mr, BCPos *work)
{
  BCIns *bc = proto_bc(pt);
  MSize n = pt->sizebc, nwork = 0, i;
  for (i = 0; i < n; i++) mr[i] = MR_TOP;
  bcv_flow(mr, work, &nwork, 1, MR_NONE);
  while (nwork > 0) {
    BCPos pc = work[--nwork], succ[2];
    BCIns ins = bc[pc];
    BCOp op = bc_op(ins);
    int out = MR_NONE, base, ns, i;
    if (bcv_multres(ins, &base)) out = base;
    if (op == BC_JMP || op == BC_UCLO) out = mr[pc];
    ns = bcv_succ(bc, n, pc, succ);
    if (ns < 0) return 0;
    for (i = 0; i < ns; i++) bcv_flow(mr, work, &nwork, succ[i], out);
  }
  return 1;
}

/* Fresh-table tracking for TSETM, which stores into R(A-1) without a type
** check: a second forward pass computes, per instruction, the set of slots
** that hold a table made by TNEW/TDUP on every path to it (a 256-bit set;
** meet = intersection). An instruction removes the slots it may write:
** its dst A, everything from a base A up (calls, KNIL, VARG, loops; ITERL
** also A-1), and CAT's B .. C temporaries. debug.setlocal and upvalues
** aliasing a slot can still change it at run time: the interpreter should
** check the type as well. */
typedef struct BCVSet { uint64_t w[4]; } BCVSet;

#define bcvs_has(s, i)  (((s)->w[(i) >> 6] >> ((i) & 63)) & 1)

static void bcvs_kill_from(BCVSet *s, int lo)
{
  int i;
  for (i = lo < 0 ? 0 : lo; i < 256; i++) s->w[i >> 6] &= ~(1ull << (i & 63));
}

static void bcvs_kill(BCVSet *s, int lo, int hi)
{
  int i;
  for (i = lo < 0 ? 0 : lo; i <= hi && i < 256; i++)
    s->w[i >> 6] &= ~(1ull << (i & 63));
}

/* Merge set x into in[pc] (reached[pc] says whether in[pc] is set yet). */
static void bcv_tflow(BCVSet *in, uint8_t *reached, BCPos *work,
                      MSize *nwork, uint8_t *queued, BCPos pc, const BCVSet *x)
{
  BCVSet m;
  int k, changed = 0;
  if (!reached[pc]) {
    m = *x;
    reached[pc] = 1;
    changed = 1;
  } else {
    for (k = 0; k < 4; k++) {
      m.w[k] = in[pc].w[k] & x->w[k];
      if (m.w[k] != in[pc].w[k]) changed = 1;
    }
  }
  if (changed) {
    in[pc] = m;
    if (!queued[pc]) {
      queued[pc] = 1;
      work[(*nwork)++] = pc;
    }
  }
}

/* Does every TSETM find a fresh table in R(A-1)? (Control flow was
** checked by bcv_dataflow.) */
static int bcv_tables(lua_State *L, GCproto *pt)
{
  BCIns *bc = proto_bc(pt);
  MSize n = pt->sizebc, nwork = 0, pc;
  size_t sz = n * (sizeof(BCVSet) + 2 + sizeof(BCPos));
  BCVSet *in, empty;
  uint8_t *reached, *queued;
  BCPos *work;
  int ok = 1, has = 0;
  for (pc = 1; pc < n; pc++)
    if (bc_op(bc[pc]) == BC_TSETM) has = 1;
  if (!has) return 1;
  in = (BCVSet *)lu_mem_new(L, sz);
  work = (BCPos *)(in + n);
  reached = (uint8_t *)(work + n);
  queued = reached + n;
  memset(reached, 0, 2 * (size_t)n);
  memset(&empty, 0, sizeof(empty));
  bcv_tflow(in, reached, work, &nwork, queued, 1, &empty);
  while (nwork > 0) {
    BCIns ins;
    BCOp op;
    BCVSet out;
    BCPos succ[2];
    int a, ns, i;
    pc = work[--nwork];
    queued[pc] = 0;
    ins = bc[pc];
    op = bc_op(ins);
    a = bc_a(ins);
    out = in[pc];
    switch (bcmode_a(op)) {
    case BCMdst: bcvs_kill(&out, a, a); break;
    case BCMbase: bcvs_kill_from(&out, op == BC_ITERL ? a - 1 : a); break;
    default: break;
    }
    if (op == BC_CAT) bcvs_kill(&out, bc_b(ins), bc_c(ins));
    if (op == BC_TNEW || op == BC_TDUP) out.w[a >> 6] |= 1ull << (a & 63);
    ns = bcv_succ(bc, n, pc, succ);
    for (i = 0; i < ns; i++)
      bcv_tflow(in, reached, work, &nwork, queued, succ[i], &out);
  }
  for (pc = 1; pc < n && ok; pc++)
    if (bc_op(bc[pc]) == BC_TSETM && reached[pc])
      ok = bcvs_has(&in[pc], bc_a(bc[pc]) - 1);
  lu_mem_free(G(L), in, sz);
  return ok;
}

/* Open upvalues at returns. The interpreter's returns do not close
** upvalues (as in LuaJIT, the parser puts UCLO 0 before every return of a
** function that creates closures), so a return reached while an upvalue
** still points into the frame would leave it dangling. A forward pass
** computes per instruction the lowest frame slot that may have an open
** upvalue on some path to it (UV_NONE: none): FNEW opens the slots its
** closure captures, UCLO A closes slots A and up (all of them when the
** lowest open slot is at least A), and every reachable return and tail
** call must see none open. Meet is the minimum. */
#define UV_NONE  0x100   /* No open upvalue. */
#define UV_TOP   0xffff  /* Not reached (yet). */

static void bcv_uvflow(uint16_t *st, BCPos *work, MSize *nwork,
                       uint8_t *queued, BCPos pc, int s)
{
  if (s < st[pc]) {
    st[pc] = (uint16_t)s;
    if (!queued[pc]) { queued[pc] = 1; work[(*nwork)++] = pc; }
  }
}

static int bcv_upvalues(lua_State *L, GCproto *pt)
{
  BCIns *bc = proto_bc(pt);
  MSize n = pt->sizebc, nwork = 0, pc;
  size_t sz = n * (sizeof(uint16_t) + sizeof(BCPos) + 1);
  uint16_t *st;
  uint8_t *queued;
  BCPos *work;
  int ok = 1, has = 0;
  for (pc = 1; pc < n; pc++)
    if (bc_op(bc[pc]) == BC_FNEW) has = 1;
  if (!has) return 1;  /* No closures: nothing can point into the frame. */
  work = (BCPos *)lu_mem_new(L, sz);  /* The widest type first: aligned. */
  st = (uint16_t *)(work + n);
  queued = (uint8_t *)(st + n);
  for (pc = 0; pc < n; pc++) st[pc] = UV_TOP;
  memset(queued, 0, n);
  bcv_uvflow(st, work, &nwork, queued, 1, UV_NONE);
  while (nwork > 0) {
    BCPos succ[2];
    BCIns ins;
    BCOp op;
    int out, ns, i;
    pc = work[--nwork];
    queued[pc] = 0;
    ins = bc[pc];
    op = bc_op(ins);
    out = st[pc];
    if (op == BC_FNEW) {
      GCproto *child = &((GCobj **)pt->k)[~(ptrdiff_t)bc_d(ins)]->pt;
      for (i = 0; i < child->sizeuv; i++) {
        uint16_t uv = child->uv[i];
        if ((uv & PROTO_UV_LOCAL) && (int)(uv & 0xff) < out) out = uv & 0xff;
      }
    } else if (op == BC_UCLO && out >= (int)bc_a(ins)) {
      out = UV_NONE;
    } else if (bc_isretins(op) && out != UV_NONE) {
      ok = 0;
      break;
    }
    ns = bcv_succ(bc, n, pc, succ);
    for (i = 0; i < ns; i++)
      bcv_uvflow(st, work, &nwork, queued, succ[i], out);
  }
  lu_mem_free(G(L), work, sz);
  return ok;
}

/* Does the slot range lo .. hi (inclusive, hi may be below lo: empty)
** lie in the frame? */
static int bcv_range(GCproto *pt, int lo, int hi)
{
  return hi < lo || (lo >= 0 && hi < (int)pt->framesize);
}

/* Check every instruction of pt against its operand modes (lu_bc_mode),
** then the extra rules of the opcodes that touch ranges of slots, MULTRES
** or paired instructions. Throws on the first violation. */
static void bcv_proto(BCRead *r, GCproto *pt)
{
  BCIns *bc = proto_bc(pt);
  MSize n = pt->sizebc;
  size_t memsz = ((n * sizeof(int16_t) + 3) & ~(size_t)3) + 2 * n * sizeof(BCPos);
  int16_t *mr;
  BCPos *work, pc;
  /* Pass 1: opcodes and operands, so that all jump targets are valid. */
  for (pc = 1; pc < n; pc++) {
    BCIns ins = bc[pc];
    BCOp op = bc_op(ins);
    int a = bc_a(ins), d = bc_d(ins);
    if (op >= BC_FUNCF || op == BC_JFORI || op == BC_IFORL ||
        op == BC_JFORL || op == BC_IITERL || op == BC_JITERL ||
        op == BC_ILOOP || op == BC_JLOOP || op == BC_ISTYPE ||
        op == BC_ISNUM || op == BC_KCDATA)
      goto bad;
    /* JMP's and LOOP's A (first free slot, for the JIT) and RET0's A are
    ** not used by the interpreter; UCLO's may equal the frame size. */
    if (op == BC_JMP || op == BC_LOOP || op == BC_RET0 || op == BC_UCLO) {
      if (a > (int)pt->framesize) goto bad;
    } else if (!bcv_operand(pt, bcmode_a(op), (uint32_t)a, pc)) {
      goto bad;
    }
    if (bcmode_hasd(op)) {
      if (!bcv_operand(pt, bcmode_d(op), (uint32_t)d, pc)) goto bad;
    } else {
      if (!bcv_operand(pt, bcmode_b(op), (uint32_t)bc_b(ins), pc) ||
          !bcv_operand(pt, bcmode_c(op), (uint32_t)bc_c(ins), pc)) goto bad;
    }
  }
  mr = (int16_t *)lu_mem_new(r->L, memsz);
  /* Every pc is queued at most twice (TOP -> base -> NONE). */
  work = (BCPos *)((char *)mr + ((n * sizeof(int16_t) + 3) & ~(size_t)3));
  if (!bcv_dataflow(pt, mr, work)) goto badfree;
  /* Pass 2: the rules of single opcodes. */
  for (pc = 1; pc < n; pc++) {
    BCIns ins = bc[pc];
    BCOp op = bc_op(ins);
    int a = bc_a(ins), b = bc_b(ins), c = bc_c(ins), d = bc_d(ins);
    int ok = 1;
    switch (op) {
    case BC_ISLT: case BC_ISGE: case BC_ISLE: case BC_ISGT:
    case BC_ISEQV: case BC_ISNEV: case BC_ISEQS: case BC_ISNES:
    case BC_ISEQN: case BC_ISNEN: case BC_ISEQP: case BC_ISNEP:
    case BC_ISTC: case BC_ISFC: case BC_IST: case BC_ISF:
      /* The interpreter takes its branch target from the next JMP. */
      ok = pc + 1 < n && bc_op(bc[pc + 1]) == BC_JMP;
      break;
    case BC_CAT: ok = b <= c; break;
    case BC_KNIL: ok = a <= d; break;
    case BC_TSETM: {
      /* R(A-1)[i ..] = MULTRES values at A; KN(D) is 2^52 + i. */
      uint64_t k = proto_knum(pt, d).u64;
      ok = a >= 1 && MR_OK(mr[pc], a) && (k >> 32) == 0x43300000u &&
           (uint32_t)k <= LU_MAX_ASIZE;
      break;
    }
    case BC_CALLM:  /* Function at A, C fixed args at A+2 .., MULTRES. */
      ok = bcv_range(pt, a, a + 1 + c) && bcv_range(pt, a, a + b - 2) &&
           MR_OK(mr[pc], a + 2 + c);
      break;
    case BC_CALL:
      ok = c >= 1 && bcv_range(pt, a, a + 1 + (c - 1)) &&
           bcv_range(pt, a, a + b - 2);
      break;
    case BC_CALLMT:
      ok = bcv_range(pt, a, a + 1 + d) && MR_OK(mr[pc], a + 2 + d);
      break;
    case BC_CALLT:
      ok = d >= 1 && bcv_range(pt, a, a + 1 + (d - 1));
      break;
    case BC_ITERC: case BC_ITERN:
      /* Generator, state, control at A-3 ..; call slots A .. A+3. */
      ok = a >= 3 && c == 3 && bcv_range(pt, a, a + 3) &&
           bcv_range(pt, a, a + b - 2);
      break;
    case BC_ISNEXT: {
      BCPos t = bcv_target(ins, pc);
      ok = a >= 3 && bc_op(bc[t]) == BC_ITERN && bc_a(bc[t]) == a;
      break;
    }
    case BC_VARG:
      ok = (pt->flags & PROTO_VARARG) && bcv_range(pt, a, a + b - 2);
      break;
    case BC_RETM: ok = MR_OK(mr[pc], a + d); break;
    case BC_RET: ok = d >= 1 && bcv_range(pt, a, a + d - 2); break;
    case BC_RET0: ok = d == 1; break;
    case BC_RET1: ok = d == 2; break;
    case BC_FORI: {
      /* FORI jumps past the loop's FORL, which jumps back behind FORI. */
      BCPos t = bcv_target(ins, pc);
      ok = bcv_range(pt, a, a + 3) && t >= pc + 2 &&
           bc_op(bc[t - 1]) == BC_FORL && bc_a(bc[t - 1]) == a &&
           bcv_target(bc[t - 1], t - 1) == pc + 1;
      break;
    }
    case BC_FORL: {
      BCPos t = bcv_target(ins, pc);
      ok = bcv_range(pt, a, a + 3) && t >= 2 && t <= pc &&
           bc_op(bc[t - 1]) == BC_FORI && bc_a(bc[t - 1]) == a &&
           bcv_target(bc[t - 1], t - 1) == pc + 1;
      break;
    }
    case BC_ITERL: ok = a >= 1; break;
    default: break;
    }
    if (!ok) goto badfree;
  }
  lu_mem_free(G(r->L), mr, memsz);
  if (!bcv_tables(r->L, pt) || !bcv_upvalues(r->L, pt)) goto bad;
  return;
badfree:
  lu_mem_free(G(r->L), mr, memsz);
bad:
  bcr_error(r, LU_ERR_BCBAD);
}

/* A child's upvalue descriptors refer to the parent's slots or upvalues. */
static void bcv_child(BCRead *r, GCproto *parent, GCproto *child)
{
  MSize i;
  for (i = 0; i < child->sizeuv; i++) {
    uint16_t uv = child->uv[i];
    if (uv & PROTO_UV_LOCAL) {
      bcr_check(r, (uv & 0xff) < parent->framesize && !(uv & 0x3f00));
    } else {
      bcr_check(r, uv < parent->sizeuv);
    }
  }
}

/* -- Prototypes --------------------------------------------------------------- */

#define ALIGN8(x)  (((x) + 7) & ~(size_t)7)

/* The stack of prototypes read but not yet claimed by a parent lives in a
** table, so the GC sees it and nothing leaks when reading fails. */
static void bcr_push(BCRead *r, GCproto *pt)
{
  TValue *slot = lu_tab_setint(r->L, r->stack, ++r->nstack);
  setprotoV(r->L, slot, pt);
}

static GCproto *bcr_pop(BCRead *r)
{
  const TValue *o;
  bcr_check(r, r->nstack > 0);
  o = lu_tab_getint(r->stack, r->nstack--);
  return protoV(o);
}

/* Pre-scan the debug info: count variables and name bytes. */
static void bcr_scandebug(BCRead *r, const uint8_t *p, const uint8_t *pe,
                          MSize sizebc, MSize numline, MSize sizeuv,
                          MSize *nvar, size_t *uvnamesz)
{
  BCRead s = *r;
  MSize width = numline < 256 ? 1 : numline < 65536 ? 2 : 4;
  MSize i;
  s.p = p;
  s.pe = pe;
  bcr_mem(&s, (sizebc - 1) * width);
  *uvnamesz = 0;
  for (i = 0; i < sizeuv; i++) {
    const uint8_t *q = s.p;
    while (bcr_byte(&s) != 0) {}
    *uvnamesz += (size_t)(s.p - q);
  }
  *nvar = 0;
  for (;;) {
    int code = bcr_byte(&s);
    if (code == BCDUMP_VAR_END) break;
    if (code >= BCDUMP_VAR__MAX) while (bcr_byte(&s) != 0) {}
    bcr_uleb(&s);
    bcr_uleb(&s);
    (*nvar)++;
  }
  bcr_check(r, s.p == pe);
}

/* The n-th variable active at a pc lives in slot n-1 (debug.getlocal and
** debug.setlocal rely on it): no pc may have more active variables than
** the frame has slots. */
static void bcr_checkvars(BCRead *r, GCproto *pt)
{
  MSize n = pt->sizebc, i;
  size_t sz = ((size_t)n + 1) * sizeof(int32_t);
  int32_t *delta, active = 0;
  int ok = 1;
  if (pt->sizevarinfo == 0) return;
  delta = (int32_t *)lu_mem_new(r->L, sz);
  memset(delta, 0, sz);
  for (i = 0; i < pt->sizevarinfo; i++) {
    delta[pt->varinfo[i].startpc]++;
    delta[pt->varinfo[i].endpc]--;
  }
  for (i = 0; i <= n && ok; i++) {
    active += delta[i];
    ok = active <= (int32_t)pt->framesize;
  }
  lu_mem_free(G(r->L), delta, sz);
  bcr_check(r, ok);
}

static GCproto *bcr_proto(BCRead *r, const uint8_t *pe)
{
  lua_State *L = r->L;
  int flags = bcr_byte(r);
  MSize numparams = (MSize)bcr_byte(r);
  MSize framesize = (MSize)bcr_byte(r);
  MSize sizeuv = (MSize)bcr_byte(r);
  MSize sizekgc = bcr_uleb(r), sizekn = bcr_uleb(r), sizebc = bcr_uleb(r) + 1;
  MSize sizedbg = 0, nvar = 0, i;
  BCLine firstline = 0, numline = 0;
  size_t uvnamesz = 0, avail = (size_t)(pe - r->p);
  size_t sizept, ofsk, ofsuv, ofsli, ofsvar, ofsuvn, ofsnames;
  const uint8_t *dbg = NULL;
  GCproto *pt;
  bcr_check(r, !(flags & ~(PROTO_CHILD | PROTO_VARARG | PROTO_NOJIT | PROTO_ILOOP)));
  bcr_check(r, framesize <= LU_MAX_SLOTS &&
               numparams <= framesize && sizeuv <= LU_MAX_UPVAL);
  /* Every instruction takes 4 bytes, every constant at least one. */
  bcr_check(r, sizebc >= 2 && (size_t)(sizebc - 1) * 4 <= avail &&
               sizekgc <= avail && sizekn <= avail);
  if (!r->strip) {
    sizedbg = bcr_uleb(r);
    if (sizedbg) {
      firstline = (BCLine)bcr_uleb(r);
      numline = (BCLine)bcr_uleb(r);
      bcr_check(r, firstline >= 0 && numline >= 0);
    }
    bcr_check(r, sizedbg <= (size_t)(pe - r->p));
    if (sizedbg) {
      dbg = pe - sizedbg;
      bcr_scandebug(r, dbg, pe, sizebc, (MSize)numline, sizeuv, &nvar, &uvnamesz);
    }
  }
  /* Lay out the block as the parser does (see parse.c fs_finish). */
  sizept = ALIGN8(sizeof(GCproto) + sizebc * sizeof(BCIns));
  ofsk = sizept + sizekgc * sizeof(GCobj *);
  sizept = ofsk + sizekn * sizeof(TValue);
  ofsuv = sizept;
  sizept += sizeuv * sizeof(uint16_t);
  sizept = (sizept + 3) & ~(size_t)3;
  ofsli = sizept;
  if (dbg) sizept += sizebc * sizeof(BCLine);
  sizept = ALIGN8(sizept);
  ofsvar = sizept;
  sizept += nvar * sizeof(VarInfo);
  ofsuvn = sizept;
  if (dbg) sizept += sizeuv * sizeof(const char *);
  ofsnames = sizept;
  sizept += uvnamesz;
  pt = lu_func_newproto(L, (MSize)sizept);
  bcr_keep(r, obj2gco(pt), LU_TPROTO);
  pt->numparams = (uint8_t)numparams;
  pt->framesize = (uint8_t)framesize;
  pt->sizebc = sizebc;
  pt->k = (char *)pt + ofsk;
  pt->uv = (uint16_t *)((char *)pt + ofsuv);
  pt->sizeuv = (uint8_t)sizeuv;
  pt->flags = (uint8_t)(flags & (PROTO_CHILD | PROTO_VARARG | PROTO_NOJIT));
  pt->chunkname = r->chunkname;
  pt->firstline = firstline;
  pt->numline = numline;
  if (!dbg) pt->flags |= PROTO_STRIPPED;
  /* Instructions. */
  proto_bc(pt)[0] = BCINS_AD((flags & PROTO_VARARG) ? BC_FUNCV : BC_FUNCF,
                             framesize, 0);
  memcpy(proto_bc(pt) + 1, bcr_mem(r, (sizebc - 1) * 4), (sizebc - 1) * 4);
  memcpy(pt->uv, bcr_mem(r, sizeuv * 2), sizeuv * 2);
  /* GC constants, last index first. sizekgc is published once all are
  ** in place, so the GC never sees an empty slot. */
  for (i = sizekgc; i-- > 0; ) {
    uint32_t tp = bcr_uleb(r);
    GCobj *o;
    if (tp >= BCDUMP_KGC_STR) {
      o = obj2gco(bcr_str(r, tp - BCDUMP_KGC_STR));
    } else if (tp == BCDUMP_KGC_TAB) {
      o = obj2gco(bcr_ktab(r));
    } else if (tp == BCDUMP_KGC_CHILD) {
      GCproto *child = bcr_pop(r);
      bcv_child(r, pt, child);
      pt->flags |= PROTO_CHILD;
      o = obj2gco(child);
    } else if (tp == BCDUMP_KGC_I64 || tp == BCDUMP_KGC_U64) {
      uint64_t lo = bcr_uleb(r), hi = bcr_uleb(r);
      GCcdata *cd;
      (void)lu_ctype_state(r->L);
      cd = lu_cdata_new(r->L, tp == BCDUMP_KGC_U64 ? CTID_UINT64 : CTID_INT64, 8);
      *(uint64_t *)cdataptr(cd) = (uint64_t)(uint32_t)lo | ((uint64_t)(uint32_t)hi << 32);
      o = obj2gco(cd);
    } else {
      bcr_error(r, LU_ERR_BCBAD);  /* Complex numbers: not implemented. */
    }
    proto_kgc(pt, i) = o;
  }
  pt->sizekgc = sizekgc;
  for (i = 0; i < sizekn; i++) {
    TValue *o = &proto_knum(pt, i);
    int isnum;
    uint32_t lo = bcr_uleb33(r, &isnum);
    if (isnum) {
      uint32_t hi = bcr_uleb(r);
      o->u64 = ((uint64_t)hi << 32) | lo;
      if (!tvisnumber(o) || o->n != o->n) setnumV(o, __builtin_nan(""));
    } else {
      setnumV(o, (double)(int32_t)lo);
    }
  }
  pt->sizekn = sizekn;
  /* Debug info (validated by the pre-scan). */
  if (dbg) {
    MSize width = numline < 256 ? 1 : numline < 65536 ? 2 : 4;
    char *names = (char *)pt + ofsnames;
    BCPos lastpc = 0;
    bcr_check(r, r->p == dbg);
    pt->lineinfo = (BCLine *)((char *)pt + ofsli);
    pt->lineinfo[0] = firstline;
    for (i = 1; i < sizebc; i++) {
      uint32_t d = 0;
      memcpy(&d, bcr_mem(r, width), width);
      bcr_check(r, d <= (uint32_t)numline);
      pt->lineinfo[i] = firstline + (BCLine)d;
    }
    pt->uvnames = (const char **)((char *)pt + ofsuvn);
    for (i = 0; i < sizeuv; i++) {
      const char *s = (const char *)r->p;
      size_t len = strlen(s) + 1;  /* NUL found by the pre-scan. */
      memcpy(names, s, len);
      pt->uvnames[i] = names;
      names += len;
      r->p += len;
    }
    pt->varinfo = (VarInfo *)((char *)pt + ofsvar);
    for (i = 0; i < nvar; i++) {
      VarInfo *vi = &pt->varinfo[i];
      int code = bcr_byte(r);
      GCstr *name;
      if (code < BCDUMP_VAR__MAX) {
        name = lu_str_newz(L, bcdump_varnames[code]);
        bcr_keep(r, obj2gco(name), LU_TSTR);
      } else {
        const char *s = (const char *)r->p - 1;
        size_t len = strlen(s);  /* NUL found by the pre-scan. */
        r->p += len;
        name = lu_str_new(L, s, len);
        bcr_keep(r, obj2gco(name), LU_TSTR);
      }
      vi->name = name;
      vi->startpc = lastpc + bcr_uleb(r);
      bcr_check(r, vi->startpc >= lastpc && vi->startpc <= sizebc);
      vi->endpc = vi->startpc + bcr_uleb(r);
      bcr_check(r, vi->endpc >= vi->startpc && vi->endpc <= sizebc);
      lastpc = vi->startpc;
      pt->sizevarinfo = i + 1;
    }
    bcr_check(r, bcr_byte(r) == BCDUMP_VAR_END);
    bcr_checkvars(r, pt);
  }
  bcr_check(r, r->p == pe);
  bcv_proto(r, pt);
  return pt;
}

/* Gather the whole chunk into a userdata (GC-owned: nothing leaks if
** reading fails), starting with the bytes the lexer already holds. */
static void bcr_gather(BCReadCtx *ctx, BCRead *r)
{
  lua_State *L = ctx->L;
  size_t len = (size_t)(ctx->pe - ctx->p), cap = len + 256;
  GCudata *ud = lu_udata_new(L, (MSize)cap, L->env);
  char *buf;
  bcr_keep(r, obj2gco(ud), LU_TUDATA);
  buf = (char *)uddata(ud);
  memcpy(buf, ctx->p, len);
  for (;;) {
    size_t sz = 0;
    const char *more = ctx->reader ? ctx->reader(L, ctx->rdata, &sz) : NULL;
    if (more == NULL || sz == 0) break;
    if (len + sz > cap) {
      GCudata *nud;
      if (len + sz > LU_MAX_STR) lu_err_msg(L, LU_ERR_STROV);
      cap = (len + sz) * 2;
      if (cap > LU_MAX_STR) cap = LU_MAX_STR;
      nud = lu_udata_new(L, (MSize)cap, L->env);
      bcr_keep(r, obj2gco(nud), LU_TUDATA);
      memcpy(uddata(nud), buf, len);
      buf = (char *)uddata(nud);
    }
    memcpy(buf + len, more, sz);
    len += sz;
  }
  r->p = (const uint8_t *)buf;
  r->pe = (const uint8_t *)buf + len;
}

GCproto *lu_bcread(BCReadCtx *ctx)
{
  lua_State *L = ctx->L;
  BCRead r;
  uint32_t flags;
  memset(&r, 0, sizeof(r));
  r.L = L;
  r.chunkname = r.loadname = ctx->chunkname;
  r.anchor = ctx->anchor;
  r.nanchor = 0x40000000;  /* Clear of the anchor keys the caller uses. */
  r.stack = lu_tab_new(L, 0, 0);
  bcr_keep(&r, obj2gco(r.stack), LU_TTAB);
  bcr_gather(ctx, &r);
  /* Header: "\033" was consumed by the lexer. */
  /* A bad or truncated header is "incompatible", as in LuaJIT. */
  if (r.pe - r.p < 4 || r.p[0] != BCDUMP_HEAD2 || r.p[1] != BCDUMP_HEAD3 ||
      r.p[2] != BCDUMP_VERSION || (r.p[3] & 0x80))
    bcr_error(&r, LU_ERR_BCFMT);
  r.p += 3;
  flags = bcr_uleb(&r);
  if ((flags & ~(uint32_t)BCDUMP_F_KNOWN) || (flags & BCDUMP_F_BE) ||
      !(flags & BCDUMP_F_FR2) || (flags & BCDUMP_F_FFI))
    bcr_error(&r, LU_ERR_BCFMT);
  r.strip = (flags & BCDUMP_F_STRIP) != 0;
  if (!r.strip) {
    uint32_t len = bcr_uleb(&r);
    r.chunkname = bcr_str(&r, len);
  }
  for (;;) {
    const uint8_t *pe;
    uint32_t len = bcr_uleb(&r);
    if (len == 0) break;
    bcr_check(&r, len <= (size_t)(r.pe - r.p));
    /* Read the prototype with the end of its body as the read limit. */
    pe = r.pe;
    r.pe = r.p + len;
    bcr_push(&r, bcr_proto(&r, r.pe));
    r.pe = pe;
  }
  bcr_check(&r, r.p == r.pe && r.nstack == 1);
  return bcr_pop(&r);  /* Still anchored in ctx->anchor. */
}
