/*
** lunar: the one-pass parser and bytecode emitter.
**
** There is no syntax tree. Each grammar rule is a function that consumes
** tokens and emits LuaJIT 2.1 bytecode at once, describing the value of an
** expression with an ExpDesc until the context decides where it goes (a
** register, a constant operand, a branch). The register allocation,
** constant numbering, jump layout and folding rules are LuaJIT's, so that
** `lunar -bl` prints exactly what `luajit -bl` prints.
**
** -- Registers ---------------------------------------------------------------
** Slots 0 .. nactvar-1 hold the active locals; freereg is the first free
** slot; temporaries are allocated and freed stack-wise above nactvar and
** all are released after each statement. framesize is the high water mark.
**
** -- Jump lists --------------------------------------------------------------
** Pending forward jumps are chained through their own D field (the offset
** to the next jump of the list; NO_JMP ends it). An ExpDesc carries a true
** list t and a false list f. A jump that follows ISTC/ISFC can deliver a
** value: when the list is patched, the test either gets its destination
** register (value wanted) or turns into IST/ISF (no value). jpc collects
** jumps to "the next instruction", patched when that instruction appears.
**
** -- Variables, gotos and labels --------------------------------------------
** ls->vstack holds, for all functions being parsed (innermost on top),
** the locals, pending gotos (and breaks) and labels. varmap maps a slot of
** the current function to its vstack entry. Scopes (FuncScope) record where
** their entries start so that gotos can be resolved or propagated outwards
** when the scope ends.
**
** -- Constants ---------------------------------------------------------------
** Numbers and GC constants (strings, child prototypes, template tables) are
** numbered in order of first use, separately. A lookup table keyed by value
** (ls->kent + ls->khash, a stack of hash-chained entries shared by the
** nested functions, innermost last) finds repeated constants.
*/
#include <math.h>
#include <stdio.h>

#include "../core/obj.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/str.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/func.h"
#include "../vm/vm.h"
#include "bc.h"
#include "lex.h"
#include "parse.h"
#include "bcdump.h"

typedef uint32_t Reg;   /* A slot number while parsing (may exceed 255). */

#define LU_MAX_BCINS   (1u << 26)
#define LU_MAX_VSTACK  (65536 - LU_MAX_UPVAL)
#define LU_MAX_KGC     65536
#define LU_MAX_KN      65536

/* -- Expression descriptors ---------------------------------------------- */

typedef enum {
  /* Constants: kept as values until they must be placed. */
  VKNIL, VKFALSE, VKTRUE, VKSTR, VKNUM,
  VKLAST = VKNUM,
  VKCDATA,      /* nval = a cdata constant (FFI: 1LL, 2ULL); not folded */
  /* Variables. */
  VLOCAL,       /* info = slot, aux = vstack index */
  VUPVAL,       /* info = upvalue index, aux = vstack index */
  VGLOBAL,      /* sval = name */
  VINDEXED,     /* info = table slot, aux = key: slot, ~strconst, 256+byte */
  /* Code. */
  VJMP,         /* info = the JMP after a comparison */
  VRELOCABLE,   /* info = instruction whose A can still be chosen */
  VNONRELOC,    /* info = slot holding the result */
  VCALL,        /* info = CALL/CALLM/VARG instruction, aux = base */
  VVOID
} ExpKind;

typedef struct ExpDesc {
  union {
    struct { uint32_t info, aux; } s;
    TValue nval;
    GCstr *sval;
  } u;
  ExpKind k;
  BCPos t;      /* True jump list. */
  BCPos f;      /* False jump list. */
} ExpDesc;

#define expr_hasjump(e)       ((e)->t != (e)->f)
/* "_nojump": a constant without pending jumps (a usable value). */
#define expr_isk(e)           ((e)->k <= VKLAST)
#define expr_isk_nojump(e)    (expr_isk(e) && !expr_hasjump(e))
#define expr_isnumk(e)        ((e)->k == VKNUM)
#define expr_isnumk_nojump(e) (expr_isnumk(e) && !expr_hasjump(e))
#define expr_isstrk(e)        ((e)->k == VKSTR)
#define expr_numberV(e)       ((e)->u.nval.n)

static void expr_init(ExpDesc *e, ExpKind k, uint32_t info)
{
  e->k = k;
  e->u.s.info = info;
  e->u.s.aux = 0;
  e->f = e->t = NO_JMP;
}

static int expr_numiszero(ExpDesc *e)
{
  return (e->u.nval.u64 << 1) == 0;   /* +0 or -0 */
}

/* -- Function state ------------------------------------------------------ */

/* Scope flags. */
#define FSCOPE_LOOP     0x01   /* Breakable loop. */
#define FSCOPE_BREAK    0x02   /* Contains a break. */
#define FSCOPE_GOLA     0x04   /* Contains a goto or label. */
#define FSCOPE_UPVAL    0x08   /* A local of the scope is an upvalue. */
#define FSCOPE_NOCLOSE  0x10   /* Upvalues are closed elsewhere. */

typedef struct FuncScope {
  struct FuncScope *prev;
  MSize vstart;        /* Start of the scope's entries in vstack. */
  uint8_t nactvar;     /* Active locals when the scope began. */
  uint8_t flags;
} FuncScope;

/* vstack entry flags. */
#define VSTACK_VAR_RW  0x01   /* Local is assigned after its definition. */
#define VSTACK_GOTO    0x02   /* Pending goto (or break). */
#define VSTACK_LABEL   0x04   /* Label. */

/* Internal variable names: small integers in place of a GCstr pointer. */
enum {
  VARNAME_END, VARNAME_FOR_IDX, VARNAME_FOR_STOP, VARNAME_FOR_STEP,
  VARNAME_FOR_GEN, VARNAME_FOR_STATE, VARNAME_FOR_CTL, VARNAME__MAX
};
static const char *const varname_str[] = {
  "", "(for index)", "(for limit)", "(for step)",
  "(for generator)", "(for state)", "(for control)"
};
#define NAME_BREAK  ((GCstr *)(uintptr_t)1)

typedef struct FuncState {
  LexState *ls;
  lua_State *L;
  struct FuncState *prev;  /* Enclosing function. */
  FuncScope *bl;           /* Innermost scope. */
  BCPos pc;                /* Next instruction. */
  BCPos lasttarget;        /* pc of the last jump target. */
  BCPos jpc;               /* Jumps pending to the next instruction. */
  Reg freereg;             /* First free slot. */
  Reg nactvar;             /* Active locals. */
  Reg framesize;
  MSize bcbase;            /* First instruction in ls->bcstack. */
  MSize kbase;             /* First constant entry in ls->kent. */
  MSize nkn, nkgc;         /* Number and GC constant counts. */
  BCLine linedefined;
  MSize vbase;             /* First vstack entry of this function. */
  uint8_t flags;           /* PROTO_* */
  uint8_t numparams;
  MSize nuv;
  uint16_t varmap[LU_MAX_LOCVAR];  /* Slot -> vstack index. */
  uint16_t uvmap[LU_MAX_UPVAL];    /* Upvalue -> vstack index of the var. */
  uint16_t uvtmp[LU_MAX_UPVAL];    /* Descriptor until fixup. */
} FuncState;

#define fs_bc(fs)       (&(fs)->ls->bcstack[(fs)->bcbase])
#define bcptr(fs, e)    (&fs_bc(fs)[(e)->u.s.info].ins)
#define var_get(ls, fs, i)  ((ls)->vstack[(fs)->varmap[(i)]])

/* A function ends with one of these, or needs a final RET0. */

/* -- Errors -------------------------------------------------------------- */

static LU_NORET LU_NOINLINE void err_syntax(LexState *ls, ErrMsg em)
{
  lu_lex_error(ls, ls->tok, em);
}

static LU_NORET LU_NOINLINE void err_token(LexState *ls, LexToken tok)
{
  char what[24];  /* token2str reuses one buffer: copy before the next. */
  snprintf(what, sizeof(what), "%s", lu_lex_token2str(ls, tok));
  lu_lex_error(ls, ls->tok, LU_ERR_XTOKEN, what);
}

static LU_NORET void err_limit(FuncState *fs, uint32_t limit, const char *what)
{
  if (fs->linedefined == 0)
    lu_lex_error(fs->ls, 0, LU_ERR_XLIMM, (int)limit, what);
  else
    lu_lex_error(fs->ls, 0, LU_ERR_XLIMF, (int)fs->linedefined, (int)limit,
                 what);
}

#define checklimit(fs, v, l, m)    if ((v) >= (l)) err_limit((fs), (l), (m))
#define checklimitgt(fs, v, l, m)  if ((v) > (l)) err_limit((fs), (l), (m))
#define checkcond(ls, c, em)     if (!(c)) err_syntax((ls), (em))

/* -- Constants ----------------------------------------------------------- */

static uint32_t kent_hash(uint64_t key, uint32_t kind)
{
  uint64_t h = (key ^ kind) * 0x9e3779b97f4a7c15ull;
  return (uint32_t)(h >> 32);
}

/* Rebuild the bucket array with room for at least n entries. */
static void kent_rehash(LexState *ls, MSize n)
{
  MSize nb = 64, i;
  while (nb < n * 2) nb <<= 1;
  if (ls->khash)
    lu_mem_freevec(G(ls->L), ls->khash, ls->khmask + 1, int32_t);
  ls->khash = NULL;
  ls->khmask = 0;
  ls->khash = lu_mem_newvec(ls->L, nb, int32_t);
  ls->khmask = nb - 1;
  for (i = 0; i < nb; i++) ls->khash[i] = -1;
  for (i = 0; i < ls->nkent; i++) {  /* In order: chains stay LIFO. */
    KEntry *ke = &ls->kent[i];
    uint32_t b = kent_hash(ke->key, ke->kind) & ls->khmask;
    ke->next = ls->khash[b];
    ls->khash[b] = (int32_t)i;
  }
}

/* Index of constant (key, kind) in fs, or a new index from *counter. */
static Reg const_lookup(FuncState *fs, uint64_t key, uint32_t kind,
                        MSize *counter, int unique)
{
  LexState *ls = fs->ls;
  uint32_t h = kent_hash(key, kind);
  KEntry *ke;
  if (!unique && ls->khash) {
    int32_t i = ls->khash[h & ls->khmask];
    while (i >= (int32_t)fs->kbase) {
      ke = &ls->kent[i];
      if (ke->key == key && ke->kind == kind) return ke->idx;
      i = ke->next;
    }
  }
  if (ls->nkent >= ls->sizekent)
    lu_mem_growvec(ls->L, ls->kent, &ls->sizekent, 0x7fffffff, KEntry);
  if (ls->nkent >= ls->khmask) kent_rehash(ls, ls->nkent + 1);
  ke = &ls->kent[ls->nkent];
  ke->key = key;
  ke->kind = kind;
  ke->idx = (*counter)++;
  h &= ls->khmask;
  ke->next = ls->khash[h];
  ls->khash[h] = (int32_t)ls->nkent++;
  return ke->idx;
}

/* Drop the constant entries of a finished function (they are on top). */
static void const_pop(LexState *ls, MSize kbase)
{
  while (ls->nkent > kbase) {
    KEntry *ke = &ls->kent[--ls->nkent];
    uint32_t b = kent_hash(ke->key, ke->kind) & ls->khmask;
    ls->khash[b] = ke->next;
  }
}

#define KIND_NUM  0
#define KIND_GC   1

static Reg const_num(FuncState *fs, ExpDesc *e)
{
  TValue o = e->u.nval;
  if (o.n == 0) o.n = 0;   /* -0 and +0 share a slot. */
  return const_lookup(fs, o.u64, KIND_NUM, &fs->nkn, 0);
}

static Reg const_gc(FuncState *fs, GCobj *o, int unique)
{
  return const_lookup(fs, (uint64_t)(uintptr_t)o, KIND_GC, &fs->nkgc, unique);
}

static Reg const_str(FuncState *fs, ExpDesc *e)
{
  return const_gc(fs, obj2gco(e->u.sval), 0);
}

#define const_pri(e)   ((Reg)(e)->k)

/* -- Jump lists ---------------------------------------------------------- */

static BCPos jmp_next(FuncState *fs, BCPos pc)
{
  ptrdiff_t delta = bc_j(fs_bc(fs)[pc].ins);
  if ((BCPos)delta == NO_JMP) return NO_JMP;
  return (BCPos)(((ptrdiff_t)pc + 1) + delta);
}

/* Does any jump of the list come without a value (not after ISTC/ISFC)? */
static int jmp_novalue(FuncState *fs, BCPos list)
{
  for (; list != NO_JMP; list = jmp_next(fs, list)) {
    BCIns p = fs_bc(fs)[list >= 1 ? list - 1 : list].ins;
    if (!(bc_op(p) == BC_ISTC || bc_op(p) == BC_ISFC || bc_a(p) == NO_REG))
      return 1;
  }
  return 0;
}

/* Patch the test before jump pc to store into reg (NO_REG: no value).
** Returns 0 if the jump does not come from a test. */
static int jmp_patchtestreg(FuncState *fs, BCPos pc, Reg reg)
{
  BCInsLine *ilp = &fs_bc(fs)[pc >= 1 ? pc - 1 : pc];
  BCOp op = bc_op(ilp->ins);
  if (op == BC_ISTC || op == BC_ISFC) {
    if (reg != NO_REG && reg != bc_d(ilp->ins)) {
      setbc_a(&ilp->ins, reg);
    } else {  /* No value wanted or already in place: plain test. */
      setbc_op(&ilp->ins, op + (BC_IST - BC_ISTC));
      setbc_a(&ilp->ins, 0);
    }
  } else if (bc_a(ilp->ins) == NO_REG) {  /* KPRI placeholder. */
    if (reg == NO_REG) {
      ilp->ins = BCINS_AJ(BC_JMP, bc_a(fs_bc(fs)[pc].ins), 0);
    } else {
      setbc_a(&ilp->ins, reg);
      if (reg >= bc_a(ilp[1].ins))
        setbc_a(&ilp[1].ins, reg + 1);
    }
  } else {
    return 0;
  }
  return 1;
}

static void jmp_dropval(FuncState *fs, BCPos list)
{
  for (; list != NO_JMP; list = jmp_next(fs, list))
    jmp_patchtestreg(fs, list, NO_REG);
}

static void jmp_patchins(FuncState *fs, BCPos pc, BCPos dest)
{
  BCIns *jmp = &fs_bc(fs)[pc].ins;
  BCPos offset = dest - (pc + 1) + BCBIAS_J;
  if (offset > BCMAX_D)
    err_syntax(fs->ls, LU_ERR_XJUMP);
  setbc_d(jmp, offset);
}

static void jmp_append(FuncState *fs, BCPos *l1, BCPos l2)
{
  if (l2 == NO_JMP) return;
  if (*l1 == NO_JMP) {
    *l1 = l2;
  } else {
    BCPos list = *l1, next;
    while ((next = jmp_next(fs, list)) != NO_JMP)
      list = next;
    jmp_patchins(fs, list, l2);
  }
}

/* Patch the jumps of list: value-producing ones to vtarget (storing into
** reg), the others to dtarget. */
static void jmp_patchval(FuncState *fs, BCPos list, BCPos vtarget, Reg reg,
                         BCPos dtarget)
{
  while (list != NO_JMP) {
    BCPos next = jmp_next(fs, list);
    if (jmp_patchtestreg(fs, list, reg))
      jmp_patchins(fs, list, vtarget);
    else
      jmp_patchins(fs, list, dtarget);
    list = next;
  }
}

static void jmp_tohere(FuncState *fs, BCPos list)
{
  fs->lasttarget = fs->pc;
  jmp_append(fs, &fs->jpc, list);
}

static void jmp_patch(FuncState *fs, BCPos list, BCPos target)
{
  if (target == fs->pc)
    jmp_tohere(fs, list);
  else
    jmp_patchval(fs, list, target, NO_REG, target);
}

/* -- Registers ----------------------------------------------------------- */

static void bcreg_bump(FuncState *fs, Reg n)
{
  Reg sz = fs->freereg + n;
  if (sz > fs->framesize) {
    if (sz >= LU_MAX_SLOTS)
      err_syntax(fs->ls, LU_ERR_XSLOTS);
    fs->framesize = sz;
  }
}

static void bcreg_reserve(FuncState *fs, Reg n)
{
  bcreg_bump(fs, n);
  fs->freereg += n;
}

static void bcreg_free(FuncState *fs, Reg reg)
{
  if (reg >= fs->nactvar) {
    fs->freereg--;
    lu_assert(reg == fs->freereg, "bad regfree");
  }
}

static void expr_free(FuncState *fs, ExpDesc *e)
{
  if (e->k == VNONRELOC)
    bcreg_free(fs, e->u.s.info);
}

/* -- Emitting instructions ----------------------------------------------- */

static BCPos bcemit_INS(FuncState *fs, BCIns ins)
{
  BCPos pc = fs->pc;
  LexState *ls = fs->ls;
  jmp_patchval(fs, fs->jpc, pc, NO_REG, pc);
  fs->jpc = NO_JMP;
  if (LU_UNLIKELY(fs->bcbase + pc >= ls->sizebcstack)) {
    checklimitgt(fs, ls->sizebcstack, LU_MAX_BCINS, "bytecode instructions");
    lu_mem_growvec(fs->L, ls->bcstack, &ls->sizebcstack, LU_MAX_BCINS,
                   BCInsLine);
  }
  fs_bc(fs)[pc].ins = ins;
  fs_bc(fs)[pc].line = ls->lastline;
  fs->pc = pc + 1;
  return pc;
}

#define bcemit_ABC(fs, o, a, b, c)  bcemit_INS(fs, BCINS_ABC(o, a, b, c))
#define bcemit_AD(fs, o, a, d)      bcemit_INS(fs, BCINS_AD(o, a, d))
#define bcemit_AJ(fs, o, a, j)      bcemit_INS(fs, BCINS_AJ(o, a, j))

/* Emit an unconditional jump, reusing a trailing UCLO as the jump. The
** pending jpc list is chained onto it. */
static BCPos bcemit_jmp(FuncState *fs)
{
  BCPos jpc = fs->jpc;
  BCPos j = fs->pc - 1;
  BCIns *ip = &fs_bc(fs)[j].ins;
  fs->jpc = NO_JMP;
  if ((int32_t)j >= (int32_t)fs->lasttarget && bc_op(*ip) == BC_UCLO) {
    setbc_j(ip, NO_JMP);
    fs->lasttarget = j + 1;
  } else {
    j = bcemit_AJ(fs, BC_JMP, fs->freereg, NO_JMP);
  }
  jmp_append(fs, &j, jpc);
  return j;
}

/* Set n slots from `from` to nil, merged into the previous KPRI/KNIL when
** no jump lands in between. */
static void bcemit_nil(FuncState *fs, Reg from, Reg n)
{
  if (fs->pc > fs->lasttarget) {
    BCIns *ip = &fs_bc(fs)[fs->pc - 1].ins;
    Reg pto, pfrom = bc_a(*ip);
    switch (bc_op(*ip)) {
    case BC_KPRI:
      if (bc_d(*ip) != VKNIL) break;
      if (from == pfrom) {
        if (n == 1) return;
      } else if (from == pfrom + 1) {
        from = pfrom;
        n++;
      } else {
        break;
      }
      *ip = BCINS_AD(BC_KNIL, from, from + n - 1);
      return;
    case BC_KNIL:
      pto = bc_d(*ip);
      if (pfrom <= from && from <= pto + 1) {
        if (from + n - 1 > pto)
          setbc_d(ip, from + n - 1);
        return;
      }
      break;
    default:
      break;
    }
  }
  bcemit_INS(fs, n == 1 ? BCINS_AD(BC_KPRI, from, VKNIL) :
                          BCINS_AD(BC_KNIL, from, from + n - 1));
}

/* -- Placing expressions ------------------------------------------------- */

/* Turn variables into code: loads become relocatable instructions. */
static void expr_discharge(FuncState *fs, ExpDesc *e)
{
  BCIns ins;
  if (e->k == VUPVAL) {
    ins = BCINS_AD(BC_UGET, 0, e->u.s.info);
  } else if (e->k == VGLOBAL) {
    ins = BCINS_AD(BC_GGET, 0, const_str(fs, e));
  } else if (e->k == VINDEXED) {
    Reg rc = e->u.s.aux;
    if ((int32_t)rc < 0) {
      ins = BCINS_ABC(BC_TGETS, 0, e->u.s.info, ~rc);
    } else if (rc > BCMAX_C) {
      ins = BCINS_ABC(BC_TGETB, 0, e->u.s.info, rc - (BCMAX_C + 1));
    } else {
      bcreg_free(fs, rc);
      ins = BCINS_ABC(BC_TGETV, 0, e->u.s.info, rc);
    }
    bcreg_free(fs, e->u.s.info);
  } else if (e->k == VCALL) {
    e->u.s.info = e->u.s.aux;
    e->k = VNONRELOC;
    return;
  } else if (e->k == VLOCAL) {
    e->k = VNONRELOC;
    return;
  } else {
    return;
  }
  e->u.s.info = bcemit_INS(fs, ins);
  e->k = VRELOCABLE;
}

/* Put the value of e into reg, ignoring its jump lists. */
static void expr_toreg_nobranch(FuncState *fs, ExpDesc *e, Reg reg)
{
  BCIns ins;
  expr_discharge(fs, e);
  if (e->k == VKSTR) {
    ins = BCINS_AD(BC_KSTR, reg, const_str(fs, e));
  } else if (e->k == VKCDATA) {
    ins = BCINS_AD(BC_KCDATA, reg, const_gc(fs, gcval(&e->u.nval), 0));
  } else if (e->k == VKNUM) {
    double n = expr_numberV(e);
    if (n >= -32768.0 && n <= 32767.0 && n == (double)(int32_t)n)
      ins = BCINS_AD(BC_KSHORT, reg, (uint16_t)(int32_t)n);
    else
      ins = BCINS_AD(BC_KNUM, reg, const_num(fs, e));
  } else if (e->k == VRELOCABLE) {
    setbc_a(bcptr(fs, e), reg);
    goto noins;
  } else if (e->k == VNONRELOC) {
    if (reg == e->u.s.info) goto noins;
    ins = BCINS_AD(BC_MOV, reg, e->u.s.info);
  } else if (e->k == VKNIL) {
    bcemit_nil(fs, reg, 1);
    goto noins;
  } else if (e->k <= VKTRUE) {
    ins = BCINS_AD(BC_KPRI, reg, const_pri(e));
  } else {
    lu_assert(e->k == VVOID || e->k == VJMP, "bad expr type");
    return;
  }
  bcemit_INS(fs, ins);
noins:
  e->u.s.info = reg;
  e->k = VNONRELOC;
}

/* Put the value of e, including its jump lists, into reg. */
static void expr_toreg(FuncState *fs, ExpDesc *e, Reg reg)
{
  expr_toreg_nobranch(fs, e, reg);
  if (e->k == VJMP)
    jmp_append(fs, &e->t, e->u.s.info);
  if (expr_hasjump(e)) {
    BCPos jend, jfalse = NO_JMP, jtrue = NO_JMP;
    if (jmp_novalue(fs, e->t) || jmp_novalue(fs, e->f)) {
      BCPos jval = (e->k == VJMP) ? NO_JMP : bcemit_jmp(fs);
      jfalse = bcemit_AD(fs, BC_KPRI, reg, VKFALSE);
      bcemit_AJ(fs, BC_JMP, fs->freereg, 1);
      jtrue = bcemit_AD(fs, BC_KPRI, reg, VKTRUE);
      jmp_tohere(fs, jval);
    }
    jend = fs->pc;
    fs->lasttarget = jend;
    jmp_patchval(fs, e->f, jend, reg, jfalse);
    jmp_patchval(fs, e->t, jend, reg, jtrue);
  }
  e->f = e->t = NO_JMP;
  e->u.s.info = reg;
  e->k = VNONRELOC;
}

static void expr_tonextreg(FuncState *fs, ExpDesc *e)
{
  expr_discharge(fs, e);
  expr_free(fs, e);
  bcreg_reserve(fs, 1);
  expr_toreg(fs, e, fs->freereg - 1);
}

static Reg expr_toanyreg(FuncState *fs, ExpDesc *e)
{
  expr_discharge(fs, e);
  if (e->k == VNONRELOC) {
    if (!expr_hasjump(e)) return e->u.s.info;
    if (e->u.s.info >= fs->nactvar) {
      expr_toreg(fs, e, e->u.s.info);
      return e->u.s.info;
    }
  }
  expr_tonextreg(fs, e);
  return e->u.s.info;
}

/* Make e a constant or a register value (no pending loads). */
static void expr_toval(FuncState *fs, ExpDesc *e)
{
  if (expr_hasjump(e))
    expr_toanyreg(fs, e);
  else
    expr_discharge(fs, e);
}

/* Store e into the variable var. */
static void bcemit_store(FuncState *fs, ExpDesc *var, ExpDesc *e)
{
  BCIns ins;
  if (var->k == VLOCAL) {
    fs->ls->vstack[var->u.s.aux].info |= VSTACK_VAR_RW;
    expr_free(fs, e);
    expr_toreg(fs, e, var->u.s.info);
    return;
  } else if (var->k == VUPVAL) {
    fs->ls->vstack[var->u.s.aux].info |= VSTACK_VAR_RW;
    expr_toval(fs, e);
    if (e->k <= VKTRUE)
      ins = BCINS_AD(BC_USETP, var->u.s.info, const_pri(e));
    else if (e->k == VKSTR)
      ins = BCINS_AD(BC_USETS, var->u.s.info, const_str(fs, e));
    else if (e->k == VKNUM)
      ins = BCINS_AD(BC_USETN, var->u.s.info, const_num(fs, e));
    else
      ins = BCINS_AD(BC_USETV, var->u.s.info, expr_toanyreg(fs, e));
  } else if (var->k == VGLOBAL) {
    Reg ra = expr_toanyreg(fs, e);
    ins = BCINS_AD(BC_GSET, ra, const_gc(fs, obj2gco(var->u.sval), 0));
  } else {
    Reg ra, rc;
    lu_assert(var->k == VINDEXED, "bad store target");
    ra = expr_toanyreg(fs, e);
    rc = var->u.s.aux;
    if ((int32_t)rc < 0)
      ins = BCINS_ABC(BC_TSETS, ra, var->u.s.info, ~rc);
    else if (rc > BCMAX_C)
      ins = BCINS_ABC(BC_TSETB, ra, var->u.s.info, rc - (BCMAX_C + 1));
    else {
      /* Table constructors allocate the key after the value: free the key
      ** first so that the value's slot is freed in stack order. */
      if (e->k == VNONRELOC && ra >= fs->nactvar && rc >= ra)
        bcreg_free(fs, rc);
      ins = BCINS_ABC(BC_TSETV, ra, var->u.s.info, rc);
    }
  }
  bcemit_INS(fs, ins);
  expr_free(fs, e);
}

/* obj:key — load the method and the object into two fresh slots. */
static void bcemit_method(FuncState *fs, ExpDesc *e, ExpDesc *key)
{
  Reg idx, func, obj = expr_toanyreg(fs, e);
  expr_free(fs, e);
  func = fs->freereg;
  bcemit_AD(fs, BC_MOV, func + 2, obj);  /* Object is the 1st argument. */
  idx = const_str(fs, key);
  if (idx <= BCMAX_C) {
    bcreg_reserve(fs, 3);
    bcemit_ABC(fs, BC_TGETS, func, obj, idx);
  } else {
    bcreg_reserve(fs, 4);
    bcemit_AD(fs, BC_KSTR, func + 3, idx);
    bcemit_ABC(fs, BC_TGETV, func, obj, func + 3);
    fs->freereg--;
  }
  e->u.s.info = func;
  e->k = VNONRELOC;
}

/* -- Branches ------------------------------------------------------------ */

static void invertcond(FuncState *fs, ExpDesc *e)
{
  BCIns *ip = &fs_bc(fs)[e->u.s.info - 1].ins;
  setbc_op(ip, bc_op(*ip) ^ 1);
}

/* Test e and jump if it is true (cond 1) or false (cond 0). */
static BCPos bcemit_branch(FuncState *fs, ExpDesc *e, int cond)
{
  BCPos pc;
  if (e->k == VRELOCABLE) {
    BCIns *ip = bcptr(fs, e);
    if (bc_op(*ip) == BC_NOT) {
      *ip = BCINS_AD(cond ? BC_ISF : BC_IST, 0, bc_d(*ip));
      return bcemit_jmp(fs);
    }
  }
  if (e->k != VNONRELOC) {
    bcreg_reserve(fs, 1);
    expr_toreg_nobranch(fs, e, fs->freereg - 1);
  }
  bcemit_AD(fs, cond ? BC_ISTC : BC_ISFC, NO_REG, e->u.s.info);
  pc = bcemit_jmp(fs);
  expr_free(fs, e);
  return pc;
}

/* Fall through if e is true, else jump (false list). */
static void bcemit_branch_t(FuncState *fs, ExpDesc *e)
{
  BCPos pc;
  expr_discharge(fs, e);
  if (e->k == VKSTR || e->k == VKNUM || e->k == VKTRUE) {
    pc = NO_JMP;  /* Never jumps. */
  } else if (e->k == VJMP) {
    invertcond(fs, e);
    pc = e->u.s.info;
  } else if (e->k == VKFALSE || e->k == VKNIL) {
    expr_toreg_nobranch(fs, e, NO_REG);
    pc = bcemit_jmp(fs);
  } else {
    pc = bcemit_branch(fs, e, 0);
  }
  jmp_append(fs, &e->f, pc);
  jmp_tohere(fs, e->t);
  e->t = NO_JMP;
}

/* Fall through if e is false, else jump (true list). */
static void bcemit_branch_f(FuncState *fs, ExpDesc *e)
{
  BCPos pc;
  expr_discharge(fs, e);
  if (e->k == VKNIL || e->k == VKFALSE) {
    pc = NO_JMP;  /* Never jumps. */
  } else if (e->k == VJMP) {
    pc = e->u.s.info;
  } else if (e->k == VKSTR || e->k == VKNUM || e->k == VKTRUE) {
    expr_toreg_nobranch(fs, e, NO_REG);
    pc = bcemit_jmp(fs);
  } else {
    pc = bcemit_branch(fs, e, 1);
  }
  jmp_append(fs, &e->t, pc);
  jmp_tohere(fs, e->f);
  e->f = NO_JMP;
}

/* -- Operators ----------------------------------------------------------- */

typedef enum BinOpr {
  OPR_ADD, OPR_SUB, OPR_MUL, OPR_DIV, OPR_MOD, OPR_POW,  /* ORDER ARITH */
  OPR_CONCAT,
  OPR_NE, OPR_EQ,
  OPR_LT, OPR_GE, OPR_LE, OPR_GT,
  OPR_AND, OPR_OR,
  OPR_NOBINOPR
} BinOpr;

_Static_assert((int)BC_ISGE - (int)BC_ISLT == (int)OPR_GE - (int)OPR_LT,
               "ORDER OPR");
_Static_assert((int)BC_ISLE - (int)BC_ISLT == (int)OPR_LE - (int)OPR_LT,
               "ORDER OPR");
_Static_assert((int)BC_ISGT - (int)BC_ISLT == (int)OPR_GT - (int)OPR_LT,
               "ORDER OPR");
_Static_assert((int)BC_SUBVV - (int)BC_ADDVV == (int)OPR_SUB - (int)OPR_ADD,
               "ORDER OPR");
_Static_assert((int)BC_MODVV - (int)BC_ADDVV == (int)OPR_MOD - (int)OPR_ADD,
               "ORDER OPR");

/* Fold arithmetic on two number constants (never to NaN or -0). */
static int foldarith(BinOpr opr, ExpDesc *e1, ExpDesc *e2)
{
  TValue o;
  double a, b, n;
  if (!expr_isnumk_nojump(e1) || !expr_isnumk_nojump(e2)) return 0;
  a = expr_numberV(e1);
  b = expr_numberV(e2);
  switch (opr) {
  case OPR_ADD: n = a + b; break;
  case OPR_SUB: n = a - b; break;
  case OPR_MUL: n = a * b; break;
  case OPR_DIV: n = a / b; break;
  case OPR_MOD: n = a - floor(a / b) * b; break;
  default: n = pow(a, b); break;
  }
  o.n = n;
  if (n != n || o.u64 == 0x8000000000000000ull) return 0;
  e1->u.nval.n = n;
  return 1;
}

static void bcemit_arith(FuncState *fs, BinOpr opr, ExpDesc *e1, ExpDesc *e2)
{
  Reg rb, rc, t;
  uint32_t op;
  if (foldarith(opr, e1, e2))
    return;
  if (opr == OPR_POW) {
    op = BC_POW;
    rc = expr_toanyreg(fs, e2);
    rb = expr_toanyreg(fs, e1);
  } else {
    op = opr - OPR_ADD + BC_ADDVV;
    /* The 2nd operand first: a VINDEXED may free registers. */
    expr_toval(fs, e2);
    if (expr_isnumk(e2) && (rc = const_num(fs, e2)) <= BCMAX_C)
      op -= BC_ADDVV - BC_ADDVN;
    else
      rc = expr_toanyreg(fs, e2);
    expr_toval(fs, e1);
    /* Only one constant operand fits an instruction. */
    if (expr_isnumk(e1) && !expr_isnumk(e2) &&
        (t = const_num(fs, e1)) <= BCMAX_B) {
      rb = rc;
      rc = t;
      op -= BC_ADDVV - BC_ADDNV;
    } else {
      rb = expr_toanyreg(fs, e1);
    }
  }
  /* Free the operand slots, the higher one first. */
  if (e1->k == VNONRELOC && e1->u.s.info >= fs->nactvar) fs->freereg--;
  if (e2->k == VNONRELOC && e2->u.s.info >= fs->nactvar) fs->freereg--;
  e1->u.s.info = bcemit_ABC(fs, op, 0, rb, rc);
  e1->k = VRELOCABLE;
}

static void bcemit_comp(FuncState *fs, BinOpr opr, ExpDesc *e1, ExpDesc *e2)
{
  ExpDesc *eret = e1;
  BCIns ins;
  expr_toval(fs, e1);
  if (opr == OPR_EQ || opr == OPR_NE) {
    BCOp op = opr == OPR_EQ ? BC_ISEQV : BC_ISNEV;
    Reg ra;
    if (expr_isk(e1)) {  /* The constant goes second. */
      e1 = e2;
      e2 = eret;
    }
    ra = expr_toanyreg(fs, e1);
    expr_toval(fs, e2);
    switch (e2->k) {
    case VKNIL: case VKFALSE: case VKTRUE:
      ins = BCINS_AD(op + (BC_ISEQP - BC_ISEQV), ra, const_pri(e2));
      break;
    case VKSTR:
      ins = BCINS_AD(op + (BC_ISEQS - BC_ISEQV), ra, const_str(fs, e2));
      break;
    case VKNUM:
      ins = BCINS_AD(op + (BC_ISEQN - BC_ISEQV), ra, const_num(fs, e2));
      break;
    default:
      ins = BCINS_AD(op, ra, expr_toanyreg(fs, e2));
      break;
    }
  } else {
    uint32_t op = opr - OPR_LT + BC_ISLT;
    Reg ra, rd;
    if ((op - BC_ISLT) & 1) {  /* GT -> LT, GE -> LE with swapped operands. */
      e1 = e2;
      e2 = eret;
      op = ((op - BC_ISLT) ^ 3) + BC_ISLT;
      expr_toval(fs, e1);
      ra = expr_toanyreg(fs, e1);
      rd = expr_toanyreg(fs, e2);
    } else {
      rd = expr_toanyreg(fs, e2);
      ra = expr_toanyreg(fs, e1);
    }
    ins = BCINS_AD(op, ra, rd);
  }
  if (e1->k == VNONRELOC && e1->u.s.info >= fs->nactvar) fs->freereg--;
  if (e2->k == VNONRELOC && e2->u.s.info >= fs->nactvar) fs->freereg--;
  bcemit_INS(fs, ins);
  eret->u.s.info = bcemit_jmp(fs);
  eret->k = VJMP;
}

/* Prepare the left operand before the right one is parsed. */
static void bcemit_binop_left(FuncState *fs, BinOpr op, ExpDesc *e)
{
  if (op == OPR_AND) {
    bcemit_branch_t(fs, e);
  } else if (op == OPR_OR) {
    bcemit_branch_f(fs, e);
  } else if (op == OPR_CONCAT) {
    expr_tonextreg(fs, e);
  } else if (op == OPR_EQ || op == OPR_NE) {
    if (!expr_isk_nojump(e)) expr_toanyreg(fs, e);
  } else {
    if (!expr_isnumk_nojump(e)) expr_toanyreg(fs, e);
  }
}

static void bcemit_binop(FuncState *fs, BinOpr op, ExpDesc *e1, ExpDesc *e2)
{
  if (op <= OPR_POW) {
    bcemit_arith(fs, op, e1, e2);
  } else if (op == OPR_AND) {
    expr_discharge(fs, e2);
    jmp_append(fs, &e2->f, e1->f);
    *e1 = *e2;
  } else if (op == OPR_OR) {
    expr_discharge(fs, e2);
    jmp_append(fs, &e2->t, e1->t);
    *e1 = *e2;
  } else if (op == OPR_CONCAT) {
    expr_toval(fs, e2);
    if (e2->k == VRELOCABLE && bc_op(*bcptr(fs, e2)) == BC_CAT) {
      /* a .. (b .. c): extend the CAT range down to a. */
      expr_free(fs, e1);
      setbc_b(bcptr(fs, e2), e1->u.s.info);
      e1->u.s.info = e2->u.s.info;
    } else {
      expr_tonextreg(fs, e2);
      expr_free(fs, e2);
      expr_free(fs, e1);
      e1->u.s.info = bcemit_ABC(fs, BC_CAT, 0, e1->u.s.info, e2->u.s.info);
    }
    e1->k = VRELOCABLE;
  } else {
    bcemit_comp(fs, op, e1, e2);
  }
}

static void bcemit_unop(FuncState *fs, BCOp op, ExpDesc *e)
{
  if (op == BC_NOT) {
    BCPos temp = e->f;  /* Swap the true and false lists. */
    e->f = e->t;
    e->t = temp;
    jmp_dropval(fs, e->f);
    jmp_dropval(fs, e->t);
    expr_discharge(fs, e);
    if (e->k == VKNIL || e->k == VKFALSE) {
      e->k = VKTRUE;
      return;
    } else if (expr_isk(e)) {
      e->k = VKFALSE;
      return;
    } else if (e->k == VJMP) {
      invertcond(fs, e);
      return;
    } else if (e->k == VRELOCABLE) {
      bcreg_reserve(fs, 1);
      setbc_a(bcptr(fs, e), fs->freereg - 1);
      e->u.s.info = fs->freereg - 1;
      e->k = VNONRELOC;
    } else {
      lu_assert(e->k == VNONRELOC, "bad expr type");
    }
  } else {
    if (op == BC_UNM && !expr_hasjump(e)) {  /* Fold negation, not to -0. */
      if (expr_isnumk(e) && !expr_numiszero(e)) {
        e->u.nval.u64 ^= 0x8000000000000000ull;
        return;
      }
    }
    expr_toanyreg(fs, e);
  }
  expr_free(fs, e);
  e->u.s.info = bcemit_AD(fs, op, 0, e->u.s.info);
  e->k = VRELOCABLE;
}

/* -- Lexer helpers ------------------------------------------------------- */

static int lex_opt(LexState *ls, LexToken tok)
{
  if (ls->tok == tok) {
    lu_lex_next(ls);
    return 1;
  }
  return 0;
}

static void lex_check(LexState *ls, LexToken tok)
{
  if (ls->tok != tok) err_token(ls, tok);
  lu_lex_next(ls);
}

/* Match a closing token; mention the opener if it is on another line. */
static void lex_match(LexState *ls, LexToken what, LexToken who, BCLine line)
{
  if (!lex_opt(ls, what)) {
    if (line == ls->linenumber) {
      err_token(ls, what);
    } else {
      char swhat[24], swho[24];  /* token2str reuses one buffer. */
      snprintf(swhat, sizeof(swhat), "%s", lu_lex_token2str(ls, what));
      snprintf(swho, sizeof(swho), "%s", lu_lex_token2str(ls, who));
      lu_lex_error(ls, ls->tok, LU_ERR_XMATCH, swhat, swho, (int)line);
    }
  }
}

/* A name (goto counts as a name in Lua 5.1 mode). */
static GCstr *lex_str(LexState *ls)
{
  GCstr *s;
  if (ls->tok != TK_name && ls->tok != TK_goto)
    err_token(ls, TK_name);
  s = strV(&ls->tokval);
  lu_lex_next(ls);
  return s;
}

static void synlevel_begin(LexState *ls)
{
  if (++ls->level >= LU_MAX_XLEVEL)
    lu_lex_error(ls, 0, LU_ERR_XLEVELS);
}

#define synlevel_end(ls)  ((ls)->level--)

/* -- Variables ----------------------------------------------------------- */

static void vstack_grow(LexState *ls)
{
  if (ls->sizevstack >= LU_MAX_VSTACK)
    lu_lex_error(ls, 0, LU_ERR_XLIMC, LU_MAX_VSTACK);
  lu_mem_growvec(ls->L, ls->vstack, &ls->sizevstack, LU_MAX_VSTACK, VarSlot);
}

/* Declare the n-th new local (not yet active). */
static void var_new(LexState *ls, Reg n, GCstr *name)
{
  FuncState *fs = ls->fs;
  MSize vtop = ls->vtop;
  checklimit(fs, fs->nactvar + n, LU_MAX_LOCVAR, "local variables");
  if (LU_UNLIKELY(vtop >= ls->sizevstack)) vstack_grow(ls);
  ls->vstack[vtop].name = name;
  fs->varmap[fs->nactvar + n] = (uint16_t)vtop;
  ls->vtop = vtop + 1;
}

#define var_new_fixed(ls, n, vn)  var_new((ls), (n), (GCstr *)(uintptr_t)(vn))

/* Activate the nvars locals declared last. */
static void var_add(LexState *ls, Reg nvars)
{
  FuncState *fs = ls->fs;
  Reg nactvar = fs->nactvar;
  while (nvars--) {
    VarSlot *v = &var_get(ls, fs, nactvar);
    v->startpc = fs->pc;
    v->slot = (uint8_t)nactvar++;
    v->info = 0;
  }
  fs->nactvar = nactvar;
}

static void var_remove(LexState *ls, Reg tolevel)
{
  FuncState *fs = ls->fs;
  while (fs->nactvar > tolevel)
    var_get(ls, fs, --fs->nactvar).endpc = fs->pc;
}

static Reg var_lookup_local(FuncState *fs, GCstr *n)
{
  int i;
  for (i = (int)fs->nactvar - 1; i >= 0; i--) {
    if (n == var_get(fs->ls, fs, i).name)
      return (Reg)i;
  }
  return (Reg)-1;
}

/* Upvalue index of vstack variable vidx in fs, created if new. */
static MSize var_lookup_uv(FuncState *fs, MSize vidx, ExpDesc *e)
{
  MSize i, n = fs->nuv;
  for (i = 0; i < n; i++)
    if (fs->uvmap[i] == vidx)
      return i;
  checklimit(fs, fs->nuv, LU_MAX_UPVAL, "upvalues");
  fs->uvmap[n] = (uint16_t)vidx;
  fs->uvtmp[n] = (uint16_t)(e->k == VLOCAL ? vidx : LU_MAX_VSTACK + e->u.s.info);
  fs->nuv = n + 1;
  return n;
}

/* Mark the scope holding slot level as having an upvalue. */
static void fscope_uvmark(FuncState *fs, Reg level)
{
  FuncScope *bl;
  for (bl = fs->bl; bl && bl->nactvar > level; bl = bl->prev)
    ;
  if (bl)
    bl->flags |= FSCOPE_UPVAL;
}

/* Resolve name as a local, an upvalue (through the enclosing functions) or
** a global. Returns the vstack index, or -1 for a global. */
static MSize var_lookup_(FuncState *fs, GCstr *name, ExpDesc *e, int first)
{
  if (fs) {
    Reg reg = var_lookup_local(fs, name);
    if ((int32_t)reg >= 0) {
      expr_init(e, VLOCAL, reg);
      if (!first)
        fscope_uvmark(fs, reg);
      return (MSize)(e->u.s.aux = (uint32_t)fs->varmap[reg]);
    } else {
      MSize vidx = var_lookup_(fs->prev, name, e, 0);
      if ((int32_t)vidx >= 0) {
        e->u.s.info = (uint8_t)var_lookup_uv(fs, vidx, e);
        e->k = VUPVAL;
        return vidx;
      }
    }
  } else {
    expr_init(e, VGLOBAL, 0);
    e->u.sval = name;
  }
  return (MSize)-1;
}

#define var_lookup(ls, e)  var_lookup_((ls)->fs, lex_str(ls), (e), 1)

/* -- Gotos and labels ---------------------------------------------------- */

#define gola_isgoto(v)       ((v)->info & VSTACK_GOTO)
#define gola_islabel(v)      ((v)->info & VSTACK_LABEL)
#define gola_isgotolabel(v)  ((v)->info & (VSTACK_GOTO | VSTACK_LABEL))

static MSize gola_new(LexState *ls, GCstr *name, uint8_t info, BCPos pc)
{
  FuncState *fs = ls->fs;
  MSize vtop = ls->vtop;
  if (LU_UNLIKELY(vtop >= ls->sizevstack)) vstack_grow(ls);
  ls->vstack[vtop].name = name;
  ls->vstack[vtop].startpc = pc;
  ls->vstack[vtop].slot = (uint8_t)fs->nactvar;
  ls->vstack[vtop].info = info;
  ls->vtop = vtop + 1;
  return vtop;
}

/* Point goto vg at label vl. */
static void gola_patch(LexState *ls, VarSlot *vg, VarSlot *vl)
{
  FuncState *fs = ls->fs;
  BCPos pc = vg->startpc;
  vg->name = NULL;  /* Resolved. */
  setbc_a(&fs_bc(fs)[pc].ins, vl->slot);
  jmp_patch(fs, pc, vl->startpc);
}

/* Make goto vg close upvalues (turn its JMP into UCLO). */
static void gola_close(LexState *ls, VarSlot *vg)
{
  FuncState *fs = ls->fs;
  BCPos pc = vg->startpc;
  BCIns *ip = &fs_bc(fs)[pc].ins;
  setbc_a(ip, vg->slot);
  if (bc_op(*ip) == BC_JMP) {
    BCPos next = jmp_next(fs, pc);
    if (next != NO_JMP) jmp_patch(fs, next, pc);  /* Chain into the UCLO. */
    setbc_op(ip, BC_UCLO);
    setbc_j(ip, NO_JMP);
  }
}

/* Resolve the pending forward gotos of scope bl to the label at idx. */
static void gola_resolve(LexState *ls, FuncScope *bl, MSize idx)
{
  VarSlot *vg = ls->vstack + bl->vstart;
  VarSlot *vl = ls->vstack + idx;
  for (; vg < vl; vg++) {
    if (vg->name == vl->name && gola_isgoto(vg)) {
      if (vg->slot < vl->slot) {
        GCstr *name = var_get(ls, ls->fs, vg->slot).name;
        ls->linenumber = fs_bc(ls->fs)[vg->startpc].line;
        lu_lex_error(ls, 0, LU_ERR_XGSCOPE, strdata(vg->name),
                     (uintptr_t)name < VARNAME__MAX ?
                       varname_str[(uintptr_t)name] : strdata(name));
      }
      gola_patch(ls, vg, vl);
    }
  }
}

/* At the end of scope bl: resolve backward gotos to its labels, drop its
** labels, pass unresolved gotos and breaks to the outer scope. */
static void gola_fixup(LexState *ls, FuncScope *bl)
{
  VarSlot *v = ls->vstack + bl->vstart;
  VarSlot *ve = ls->vstack + ls->vtop;
  for (; v < ve; v++) {
    GCstr *name = v->name;
    if (name != NULL) {
      if (gola_islabel(v)) {
        VarSlot *vg;
        v->name = NULL;  /* The label goes out of scope. */
        for (vg = v + 1; vg < ve; vg++) {
          if (vg->name == name && gola_isgoto(vg)) {
            if ((bl->flags & FSCOPE_UPVAL) && vg->slot > v->slot)
              gola_close(ls, vg);
            gola_patch(ls, vg, v);
          }
        }
      } else if (gola_isgoto(v)) {
        if (bl->prev) {
          bl->prev->flags |= name == NAME_BREAK ? FSCOPE_BREAK : FSCOPE_GOLA;
          v->slot = bl->nactvar;
          if ((bl->flags & FSCOPE_UPVAL))
            gola_close(ls, v);
        } else {
          ls->linenumber = fs_bc(ls->fs)[v->startpc].line;
          if (name == NAME_BREAK)
            lu_lex_error(ls, 0, LU_ERR_XBREAK);
          else
            lu_lex_error(ls, 0, LU_ERR_XLUNDEF, strdata(name));
        }
      }
    }
  }
}

static VarSlot *gola_findlabel(LexState *ls, GCstr *name)
{
  VarSlot *v, *ve;
  if (ls->vstack == NULL) return NULL;  /* Nothing declared yet. */
  v = ls->vstack + ls->fs->bl->vstart;
  ve = ls->vstack + ls->vtop;
  for (; v < ve; v++)
    if (v->name == name && gola_islabel(v))
      return v;
  return NULL;
}

/* -- Scopes -------------------------------------------------------------- */

static void fscope_begin(FuncState *fs, FuncScope *bl, int flags)
{
  bl->nactvar = (uint8_t)fs->nactvar;
  bl->flags = (uint8_t)flags;
  bl->vstart = fs->ls->vtop;
  bl->prev = fs->bl;
  fs->bl = bl;
}

static void fscope_end(FuncState *fs)
{
  FuncScope *bl = fs->bl;
  LexState *ls = fs->ls;
  fs->bl = bl->prev;
  var_remove(ls, bl->nactvar);
  fs->freereg = fs->nactvar;
  if ((bl->flags & (FSCOPE_UPVAL | FSCOPE_NOCLOSE)) == FSCOPE_UPVAL)
    bcemit_AJ(fs, BC_UCLO, bl->nactvar, 0);
  if ((bl->flags & FSCOPE_BREAK)) {
    if ((bl->flags & FSCOPE_LOOP)) {
      MSize idx = gola_new(ls, NAME_BREAK, VSTACK_LABEL, fs->pc);
      ls->vtop = idx;  /* Drop the break label at once. */
      gola_resolve(ls, bl, idx);
    } else {
      gola_fixup(ls, bl);
      return;
    }
  }
  if ((bl->flags & FSCOPE_GOLA))
    gola_fixup(ls, bl);
}

/* -- Building the prototype ---------------------------------------------- */

/* Make sure the function ends with a return; fix up returns emitted before
** the first closure was created (they must close upvalues). */
static void fs_fixup_ret(FuncState *fs)
{
  BCPos lastpc = fs->pc;
  if (lastpc <= fs->lasttarget || !bc_isretins(bc_op(fs_bc(fs)[lastpc - 1].ins))) {
    if ((fs->bl->flags & FSCOPE_UPVAL))
      bcemit_AJ(fs, BC_UCLO, 0, 0);
    bcemit_AD(fs, BC_RET0, 0, 1);
  }
  fs->bl->flags |= FSCOPE_NOCLOSE;
  fscope_end(fs);
  if (fs->flags & PROTO_FIXUP_RETURN) {
    BCPos pc;
    for (pc = 1; pc < lastpc; pc++) {
      BCIns ins = fs_bc(fs)[pc].ins;
      BCPos offset;
      switch (bc_op(ins)) {
      case BC_CALLMT: case BC_CALLT:
      case BC_RETM: case BC_RET: case BC_RET0: case BC_RET1:
        offset = bcemit_INS(fs, ins);  /* Move the return to the end. */
        fs_bc(fs)[offset].line = fs_bc(fs)[pc].line;
        offset = offset - (pc + 1) + BCBIAS_J;
        if (offset > BCMAX_D)
          err_syntax(fs->ls, LU_ERR_XFIXUP);
        fs_bc(fs)[pc].ins = BCINS_AD(BC_UCLO, 0, offset);
        break;
      case BC_UCLO:
        return;
      default:
        break;
      }
    }
  }
}

/* Upvalue descriptor of a child, once this (its parent) function ends and
** we know which locals are written after their definition. */
static uint16_t fs_uvdesc(LexState *ls, uint16_t vidx)
{
  if (vidx >= LU_MAX_VSTACK)
    return (uint16_t)(vidx - LU_MAX_VSTACK);
  if ((ls->vstack[vidx].info & VSTACK_VAR_RW))
    return (uint16_t)(ls->vstack[vidx].slot | PROTO_UV_LOCAL);
  return (uint16_t)(ls->vstack[vidx].slot | PROTO_UV_LOCAL |
                    PROTO_UV_IMMUTABLE);
}

static const char *var_name(VarSlot *v)
{
  if ((uintptr_t)v->name < VARNAME__MAX)
    return varname_str[(uintptr_t)v->name];
  return strdata(v->name);
}

#define ALIGN8(x)  (((x) + 7) & ~(size_t)7)

/* Lay out the finished function as one prototype block. */
static GCproto *fs_finish(LexState *ls, BCLine line)
{
  lua_State *L = ls->L;
  FuncState *fs = ls->fs;
  BCLine numline = line - fs->linedefined;
  size_t sizept, ofsk, ofsuv, ofsli, ofsvar, ofsuvn, ofsnames;
  size_t namesz = 0;
  MSize i, nvar = 0;
  GCproto *pt;
  BCIns *bc;
  VarInfo *vs;

  fs_fixup_ret(fs);
  checklimitgt(fs, fs->nkgc, LU_MAX_KGC, "constants");
  checklimitgt(fs, fs->nkn, LU_MAX_KN, "constants");

  for (i = fs->vbase; i < ls->vtop; i++)
    if (!gola_isgotolabel(&ls->vstack[i])) nvar++;
  for (i = 0; i < fs->nuv; i++)
    namesz += strlen(var_name(&ls->vstack[fs->uvmap[i]])) + 1;

  sizept = sizeof(GCproto) + fs->pc * sizeof(BCIns);
  sizept = ALIGN8(sizept);
  ofsk = sizept + fs->nkgc * sizeof(GCobj *);
  sizept = ofsk + fs->nkn * sizeof(TValue);
  ofsuv = sizept;
  sizept += fs->nuv * sizeof(uint16_t);
  sizept = (sizept + 3) & ~(size_t)3;
  ofsli = sizept;
  sizept += fs->pc * sizeof(BCLine);
  sizept = ALIGN8(sizept);
  ofsvar = sizept;
  sizept += nvar * sizeof(VarInfo);
  ofsuvn = sizept;
  sizept += fs->nuv * sizeof(const char *);
  ofsnames = sizept;
  sizept += namesz;

  pt = lu_func_newproto(L, (MSize)sizept);
  lu_lex_keepobj(ls, obj2gco(pt), LU_TPROTO);
  pt->numparams = fs->numparams;
  pt->framesize = (uint8_t)fs->framesize;
  pt->sizebc = fs->pc;
  pt->k = (char *)pt + ofsk;
  pt->uv = (uint16_t *)((char *)pt + ofsuv);
  pt->sizekgc = fs->nkgc;
  pt->sizekn = fs->nkn;
  pt->sizeuv = (uint8_t)fs->nuv;
  pt->flags = (uint8_t)(fs->flags & ~(PROTO_HAS_RETURN | PROTO_FIXUP_RETURN));
  pt->trace = 0;
  pt->chunkname = ls->chunkname;
  pt->firstline = fs->linedefined;
  pt->numline = numline;
  pt->lineinfo = (BCLine *)((char *)pt + ofsli);
  pt->varinfo = (VarInfo *)((char *)pt + ofsvar);
  pt->sizevarinfo = 0;  /* Set once filled in. */
  pt->uvnames = (const char **)((char *)pt + ofsuvn);

  /* Bytecode and line numbers. */
  bc = proto_bc(pt);
  bc[0] = BCINS_AD((fs->flags & PROTO_VARARG) ? BC_FUNCV : BC_FUNCF,
                   fs->framesize, 0);
  pt->lineinfo[0] = fs->linedefined;
  for (i = 1; i < fs->pc; i++) {
    bc[i] = fs_bc(fs)[i].ins;
    pt->lineinfo[i] = fs_bc(fs)[i].line;
  }

  /* Constants; child prototypes get their upvalue descriptors now. */
  for (i = fs->kbase; i < ls->nkent; i++) {
    KEntry *ke = &ls->kent[i];
    if (ke->kind == KIND_NUM) {
      proto_knum(pt, ke->idx).u64 = ke->key;
    } else {
      GCobj *o = (GCobj *)(uintptr_t)ke->key;
      proto_kgc(pt, ke->idx) = o;
      if (o->gch.gct == LU_GCT_PROTO) {
        GCproto *cpt = gco2pt(o);
        MSize j;
        for (j = 0; j < cpt->sizeuv; j++)
          cpt->uv[j] = fs_uvdesc(ls, cpt->uv[j]);
      }
    }
  }
  const_pop(ls, fs->kbase);

  /* Upvalues: raw vstack references until the parent fixes them up. */
  {
    char *names = (char *)pt + ofsnames;
    for (i = 0; i < fs->nuv; i++) {
      const char *n = var_name(&ls->vstack[fs->uvmap[i]]);
      size_t len = strlen(n) + 1;
      pt->uv[i] = fs->uvtmp[i];
      memcpy(names, n, len);
      pt->uvnames[i] = names;
      names += len;
    }
  }

  /* Local variable info. */
  for (i = fs->vbase, vs = pt->varinfo; i < ls->vtop; i++) {
    VarSlot *v = &ls->vstack[i];
    if (gola_isgotolabel(v)) continue;
    if ((uintptr_t)v->name < VARNAME__MAX)
      vs->name = lu_lex_keepstr(ls, varname_str[(uintptr_t)v->name],
                                strlen(varname_str[(uintptr_t)v->name]));
    else
      vs->name = v->name;
    vs->startpc = v->startpc;
    vs->endpc = v->endpc;
    vs++;
  }
  pt->sizevarinfo = nvar;

  ls->vtop = fs->vbase;
  ls->fs = fs->prev;
  lu_gc_check(L);
  return pt;
}

static void fs_init(LexState *ls, FuncState *fs)
{
  fs->prev = ls->fs;
  ls->fs = fs;
  fs->ls = ls;
  fs->vbase = ls->vtop;
  fs->L = ls->L;
  fs->pc = 0;
  fs->lasttarget = 0;
  fs->jpc = NO_JMP;
  fs->freereg = 0;
  fs->nkgc = 0;
  fs->nkn = 0;
  fs->kbase = ls->nkent;
  fs->nactvar = 0;
  fs->nuv = 0;
  fs->bl = NULL;
  fs->flags = 0;
  fs->framesize = 1;
  fs->bcbase = fs->prev ? fs->prev->bcbase + fs->prev->pc : 0;
}

/* -- Expressions --------------------------------------------------------- */

static void expr(LexState *ls, ExpDesc *v);

/* name (string key of a field) */
static void expr_str(LexState *ls, ExpDesc *e)
{
  expr_init(e, VKSTR, 0);
  e->u.sval = lex_str(ls);
}

/* Turn t into t[e] (e already a value). */
static void expr_index(FuncState *fs, ExpDesc *t, ExpDesc *e)
{
  t->k = VINDEXED;
  if (expr_isnumk(e)) {
    double n = expr_numberV(e);
    if (n >= 0 && n <= 255 && n == (double)(int32_t)n) {
      t->u.s.aux = BCMAX_C + 1 + (uint32_t)(int32_t)n;  /* Byte key. */
      return;
    }
  } else if (expr_isstrk(e)) {
    Reg idx = const_str(fs, e);
    if (idx <= BCMAX_C) {
      t->u.s.aux = ~idx;  /* String constant key. */
      return;
    }
  }
  t->u.s.aux = expr_toanyreg(fs, e);
}

/* field ::= '.' name */
static void expr_field(LexState *ls, ExpDesc *v)
{
  FuncState *fs = ls->fs;
  ExpDesc key;
  expr_toanyreg(fs, v);
  lu_lex_next(ls);  /* Skip the dot or colon. */
  expr_str(ls, &key);
  expr_index(fs, v, &key);
}

/* index ::= '[' expr ']' */
static void expr_bracket(LexState *ls, ExpDesc *v)
{
  lu_lex_next(ls);
  expr(ls, v);
  expr_toval(ls->fs, v);
  lex_check(ls, ']');
}

/* Value of a constant expression, for template tables. */
static void expr_kvalue(TValue *v, ExpDesc *e)
{
  if (e->k <= VKTRUE)
    setpriV(v, ~(uint32_t)e->k & 0x1ffff);
  else if (e->k == VKSTR)
    setstrV(NULL, v, e->u.sval);
  else
    *v = e->u.nval;
}

/* hbits for a template/new table with n hash keys. */
static uint32_t hsize2hbits(uint32_t n)
{
  if (n == 0) return 0;
  if (n == 1) return 1;
  return 1 + (31 - (uint32_t)__builtin_clz(n - 1));
}

/* Store constant key/value into the template table t. val NULL: the value
** is computed at run time; keep the key (so copies of the template have
** its slot) with the table itself as a placeholder value, cleared later. */
static void tab_setk(lua_State *L, GCtab *t, ExpDesc *key, ExpDesc *val)
{
  TValue k, v, *slot;
  expr_kvalue(&k, key);
  if (val)
    expr_kvalue(&v, val);
  else
    settabV(L, &v, t);
  if (tvisnumber(&k)) {
    double n = k.n;
    if (n >= -2147483648.0 && n <= 2147483647.0 && n == (double)(int32_t)n)
      slot = lu_tab_setint(L, t, (int32_t)n);
    else
      slot = lu_tab_setnum(L, t, n);
  } else if (tvisstr(&k)) {
    slot = lu_tab_setstr(L, t, strV(&k));
  } else {
    slot = lu_tab_set(L, t, &k);
  }
  *slot = v;
  lu_tab_barrier(L, t, slot);
}

/* table ::= '{' [ field { sep field } [sep] ] '}'
** Constant keys with constant values go into a template table (TDUP);
** the rest becomes stores. A trailing call or '...' becomes TSETM. */
static void expr_table(LexState *ls, ExpDesc *e)
{
  FuncState *fs = ls->fs;
  BCLine line = ls->linenumber;
  GCtab *t = NULL;
  int vcall = 0, needarr = 0, fixt = 0;
  uint32_t narr = 1;   /* Next array index. */
  uint32_t nhash = 0;  /* Hash keys. */
  Reg freg = fs->freereg;
  BCPos pc = bcemit_AD(fs, BC_TNEW, freg, 0);
  expr_init(e, VNONRELOC, freg);
  bcreg_reserve(fs, 1);
  freg++;
  lex_check(ls, '{');
  while (ls->tok != '}') {
    ExpDesc key, val;
    vcall = 0;
    if (ls->tok == '[') {
      expr_bracket(ls, &key);
      if (!expr_isk(&key)) expr_index(fs, e, &key);
      if (expr_isnumk(&key) && expr_numiszero(&key)) needarr = 1; else nhash++;
      lex_check(ls, '=');
    } else if ((ls->tok == TK_name || ls->tok == TK_goto) &&
               lu_lex_lookahead(ls) == '=') {
      expr_str(ls, &key);
      lex_check(ls, '=');
      nhash++;
    } else {
      expr_init(&key, VKNUM, 0);
      key.u.nval.n = (double)narr;
      narr++;
      needarr = vcall = 1;
    }
    expr(ls, &val);
    if (expr_isk(&key) && key.k != VKNIL &&
        (key.k == VKSTR || expr_isk_nojump(&val))) {
      if (!t) {  /* Create the template on demand. */
        Reg kidx;
        t = lu_tab_new(fs->L, needarr ? narr : 0, hsize2hbits(nhash));
        lu_lex_keepobj(ls, obj2gco(t), LU_TTAB);
        kidx = const_gc(fs, obj2gco(t), 1);
        fs_bc(fs)[pc].ins = BCINS_AD(BC_TDUP, freg - 1, kidx);
      }
      vcall = 0;
      if (expr_isk_nojump(&val)) {
        tab_setk(fs->L, t, &key, &val);
      } else {
        tab_setk(fs->L, t, &key, NULL);
        fixt = 1;
        goto nonconst;
      }
    } else {
    nonconst:
      if (val.k != VCALL) {
        expr_toanyreg(fs, &val);
        vcall = 0;
      }
      if (expr_isk(&key)) expr_index(fs, e, &key);
      bcemit_store(fs, e, &val);
    }
    fs->freereg = freg;
    if (!lex_opt(ls, ',') && !lex_opt(ls, ';')) break;
  }
  lex_match(ls, '}', '{', line);
  if (vcall) {  /* Last item was a call or '...': TSETM. */
    BCInsLine *ilp = &fs_bc(fs)[fs->pc - 1];
    ExpDesc en;
    expr_init(&en, VKNUM, 0);
    en.u.nval.u64 = 0x4330000000000000ull | (uint64_t)(narr - 1);
    if (narr > 256) {
      fs->pc--;
      ilp--;
    }
    ilp->ins = BCINS_AD(BC_TSETM, freg, const_num(fs, &en));
    setbc_b(&ilp[-1].ins, 0);
  }
  if (pc == fs->pc - 1) {  /* Only the TNEW/TDUP: relocatable. */
    e->u.s.info = pc;
    fs->freereg--;
    e->k = VRELOCABLE;
  } else {
    e->k = VNONRELOC;
  }
  if (!t) {  /* TNEW D: hhhhhaaaaaaaaaaa. */
    BCIns *ip = &fs_bc(fs)[pc].ins;
    if (!needarr) narr = 0;
    else if (narr < 3) narr = 3;
    else if (narr > 0x7ff) narr = 0x7ff;
    setbc_d(ip, narr | (hsize2hbits(nhash) << 11));
  } else {
    if (needarr && t->asize != narr) {
      /* Keys 0 .. narr-1, as LuaJIT sizes its templates: growing while
      ** the items were set may have overshot (rehash picks powers of
      ** two), and an array part that ends in nils makes # search. Shrink
      ** only over a nil tail, so that nothing moves to the hash. */
      MSize i = narr;
      while (i < t->asize && tvisnil(&t->array[i])) i++;
      if (i >= t->asize) lu_tab_reasize(fs->L, t, narr);
    }
    if (fixt) {  /* Placeholders become nil; their keys stay. */
      MSize i;
      for (i = 0; i <= t->hmask; i++) {
        Node *n = &t->node[i];
        if (tvistab(&n->val) && tabV(&n->val) == t)
          setnilV(&n->val);
      }
      for (i = 0; i < t->asize; i++) {
        if (tvistab(&t->array[i]) && tabV(&t->array[i]) == t)
          setnilV(&t->array[i]);
      }
    }
  }
}

static void parse_chunk(LexState *ls);

/* params ::= '(' [ name { ',' name } [ ',' '...' ] | '...' ] ')' */
static Reg parse_params(LexState *ls, int needself)
{
  FuncState *fs = ls->fs;
  Reg nparams = 0;
  lex_check(ls, '(');
  if (needself)
    var_new(ls, nparams++, lu_lex_keepstr(ls, "self", 4));
  if (ls->tok != ')') {
    do {
      if (ls->tok == TK_name || ls->tok == TK_goto) {
        var_new(ls, nparams++, lex_str(ls));
      } else if (ls->tok == TK_dots) {
        lu_lex_next(ls);
        fs->flags |= PROTO_VARARG;
        break;
      } else {
        err_syntax(ls, LU_ERR_XPARAM);
      }
    } while (lex_opt(ls, ','));
  }
  var_add(ls, nparams);
  bcreg_reserve(fs, nparams);
  lex_check(ls, ')');
  return nparams;
}

/* body ::= params block 'end' — a new function, FNEW into e. */
static void parse_body(LexState *ls, ExpDesc *e, int needself, BCLine line)
{
  FuncState fs, *pfs = ls->fs;
  FuncScope bl;
  GCproto *pt;
  fs_init(ls, &fs);
  fscope_begin(&fs, &bl, 0);
  fs.linedefined = line;
  fs.numparams = (uint8_t)parse_params(ls, needself);
  bcemit_AD(&fs, BC_FUNCF, 0, 0);  /* Placeholder for the header. */
  parse_chunk(ls);
  if (ls->tok != TK_end) lex_match(ls, TK_end, TK_function, line);
  pt = fs_finish(ls, (ls->lastline = ls->linenumber));
  expr_init(e, VRELOCABLE,
            bcemit_AD(pfs, BC_FNEW, 0, const_gc(pfs, obj2gco(pt), 1)));
  if (!(pfs->flags & PROTO_CHILD)) {
    if (pfs->flags & PROTO_HAS_RETURN)
      pfs->flags |= PROTO_FIXUP_RETURN;
    pfs->flags |= PROTO_CHILD;
  }
  lu_lex_next(ls);
}

/* explist ::= expr { ',' expr }; the last one is left in v. */
static Reg expr_list(LexState *ls, ExpDesc *v)
{
  Reg n = 1;
  expr(ls, v);
  while (lex_opt(ls, ',')) {
    expr_tonextreg(ls->fs, v);
    expr(ls, v);
    n++;
  }
  return n;
}

/* args ::= '(' [explist] ')' | table | string — emits the call. */
static void parse_args(LexState *ls, ExpDesc *e)
{
  FuncState *fs = ls->fs;
  ExpDesc args;
  BCIns ins;
  Reg base;
  BCLine line = ls->linenumber;
  if (ls->tok == '(') {
    if (line != ls->lastline)
      err_syntax(ls, LU_ERR_XAMBIG);
    lu_lex_next(ls);
    if (ls->tok == ')') {
      args.k = VVOID;
    } else {
      expr_list(ls, &args);
      if (args.k == VCALL)  /* f(a, g()) or f(a, ...): pass all results. */
        setbc_b(bcptr(fs, &args), 0);
    }
    lex_match(ls, ')', '(', line);
  } else if (ls->tok == '{') {
    expr_table(ls, &args);
  } else if (ls->tok == TK_string) {
    expr_init(&args, VKSTR, 0);
    args.u.sval = strV(&ls->tokval);
    lu_lex_next(ls);
  } else {
    err_syntax(ls, LU_ERR_XFUNARG);
  }
  base = e->u.s.info;
  if (args.k == VCALL) {
    ins = BCINS_ABC(BC_CALLM, base, 2, args.u.s.aux - base - 1 - 1);
  } else {
    if (args.k != VVOID)
      expr_tonextreg(fs, &args);
    ins = BCINS_ABC(BC_CALL, base, 2, fs->freereg - base - 1);
  }
  expr_init(e, VCALL, bcemit_INS(fs, ins));
  e->u.s.aux = base;
  fs_bc(fs)[fs->pc - 1].line = line;
  fs->freereg = base + 1;  /* One result by default. */
}

/* primaryexp ::= (name | '(' expr ')') { '.' name | '[' expr ']' |
**                ':' name args | args } */
static void expr_primary(LexState *ls, ExpDesc *v)
{
  FuncState *fs = ls->fs;
  if (ls->tok == '(') {
    BCLine line = ls->linenumber;
    lu_lex_next(ls);
    expr(ls, v);
    lex_match(ls, ')', '(', line);
    expr_discharge(ls->fs, v);
  } else if (ls->tok == TK_name || ls->tok == TK_goto) {
    var_lookup(ls, v);
  } else {
    err_syntax(ls, LU_ERR_XSYMBOL);
  }
  for (;;) {
    if (ls->tok == '.') {
      expr_field(ls, v);
    } else if (ls->tok == '[') {
      ExpDesc key;
      expr_toanyreg(fs, v);
      expr_bracket(ls, &key);
      expr_index(fs, v, &key);
    } else if (ls->tok == ':') {
      ExpDesc key;
      lu_lex_next(ls);
      expr_str(ls, &key);
      bcemit_method(fs, v, &key);
      parse_args(ls, v);
    } else if (ls->tok == '(' || ls->tok == TK_string || ls->tok == '{') {
      expr_tonextreg(fs, v);
      bcreg_reserve(fs, 1);  /* Frame link slot. */
      parse_args(ls, v);
    } else {
      break;
    }
  }
}

/* simpleexp ::= number | string | nil | true | false | '...' |
**               table | function body | primaryexp */
static void expr_simple(LexState *ls, ExpDesc *v)
{
  switch (ls->tok) {
  case TK_number:
    expr_init(v, tviscdata(&ls->tokval) ? VKCDATA : VKNUM, 0);
    v->u.nval = ls->tokval;
    break;
  case TK_string:
    expr_init(v, VKSTR, 0);
    v->u.sval = strV(&ls->tokval);
    break;
  case TK_nil:
    expr_init(v, VKNIL, 0);
    break;
  case TK_true:
    expr_init(v, VKTRUE, 0);
    break;
  case TK_false:
    expr_init(v, VKFALSE, 0);
    break;
  case TK_dots: {
    FuncState *fs = ls->fs;
    Reg base;
    checkcond(ls, fs->flags & PROTO_VARARG, LU_ERR_XDOTS);
    bcreg_reserve(fs, 1);
    base = fs->freereg - 1;
    expr_init(v, VCALL, bcemit_ABC(fs, BC_VARG, base, 2, fs->numparams));
    v->u.s.aux = base;
    break;
  }
  case '{':
    expr_table(ls, v);
    return;
  case TK_function:
    lu_lex_next(ls);
    parse_body(ls, v, 0, ls->linenumber);
    return;
  default:
    expr_primary(ls, v);
    return;
  }
  lu_lex_next(ls);
}

static const struct {
  uint8_t left, right;
} priority[] = {
  {6, 6}, {6, 6}, {7, 7}, {7, 7}, {7, 7},  /* ADD SUB MUL DIV MOD */
  {10, 9}, {5, 4},                         /* POW CONCAT (right assoc.) */
  {3, 3}, {3, 3},                          /* NE EQ */
  {3, 3}, {3, 3}, {3, 3}, {3, 3},          /* LT GE LE GT */
  {2, 2}, {1, 1}                           /* AND OR */
};
#define UNARY_PRIORITY  8

static BinOpr token2binop(LexToken tok)
{
  switch (tok) {
  case '+': return OPR_ADD;
  case '-': return OPR_SUB;
  case '*': return OPR_MUL;
  case '/': return OPR_DIV;
  case '%': return OPR_MOD;
  case '^': return OPR_POW;
  case TK_concat: return OPR_CONCAT;
  case TK_ne: return OPR_NE;
  case TK_eq: return OPR_EQ;
  case '<': return OPR_LT;
  case TK_le: return OPR_LE;
  case '>': return OPR_GT;
  case TK_ge: return OPR_GE;
  case TK_and: return OPR_AND;
  case TK_or: return OPR_OR;
  default: return OPR_NOBINOPR;
  }
}

static BinOpr expr_binop(LexState *ls, ExpDesc *v, uint32_t limit);

/* unop ::= ('not' | '-' | '#') subexpr */
static void expr_unop(LexState *ls, ExpDesc *v)
{
  BCOp op;
  if (ls->tok == TK_not) {
    op = BC_NOT;
  } else if (ls->tok == '-') {
    op = BC_UNM;
  } else if (ls->tok == '#') {
    op = BC_LEN;
  } else {
    expr_simple(ls, v);
    return;
  }
  lu_lex_next(ls);
  expr_binop(ls, v, UNARY_PRIORITY);
  bcemit_unop(ls->fs, op, v);
}

/* subexpr ::= (simpleexp | unop subexpr) { binop subexpr }, operators of
** priority above limit only. Returns the first operator left over. */
static BinOpr expr_binop(LexState *ls, ExpDesc *v, uint32_t limit)
{
  BinOpr op;
  synlevel_begin(ls);
  expr_unop(ls, v);
  op = token2binop(ls->tok);
  while (op != OPR_NOBINOPR && priority[op].left > limit) {
    ExpDesc v2;
    BinOpr nextop;
    lu_lex_next(ls);
    bcemit_binop_left(ls->fs, op, v);
    nextop = expr_binop(ls, &v2, priority[op].right);
    bcemit_binop(ls->fs, op, v, &v2);
    op = nextop;
  }
  synlevel_end(ls);
  return op;
}

static void expr(LexState *ls, ExpDesc *v)
{
  expr_binop(ls, v, 0);
}

/* An expression into the next free slot. */
static void expr_next(LexState *ls)
{
  ExpDesc e;
  expr(ls, &e);
  expr_tonextreg(ls->fs, &e);
}

/* A condition: fall through when true; returns the false jump list. */
static BCPos expr_cond(LexState *ls)
{
  ExpDesc v;
  expr(ls, &v);
  if (v.k == VKNIL) v.k = VKFALSE;
  bcemit_branch_t(ls->fs, &v);
  return v.f;
}

/* -- Assignments --------------------------------------------------------- */

typedef struct LHSVarList {
  ExpDesc v;
  struct LHSVarList *prev;
} LHSVarList;

/* In a, t[i], ... = ...: when a local used as table or key of an earlier
** target is itself assigned, copy it first. */
static void assign_hazard(LexState *ls, LHSVarList *lh, const ExpDesc *v)
{
  FuncState *fs = ls->fs;
  Reg reg = v->u.s.info;
  Reg tmp = fs->freereg;
  int hazard = 0;
  for (; lh; lh = lh->prev) {
    if (lh->v.k == VINDEXED) {
      if (lh->v.u.s.info == reg) {
        hazard = 1;
        lh->v.u.s.info = tmp;
      }
      if (lh->v.u.s.aux == reg) {
        hazard = 1;
        lh->v.u.s.aux = tmp;
      }
    }
  }
  if (hazard) {
    bcemit_AD(fs, BC_MOV, tmp, reg);
    bcreg_reserve(fs, 1);
  }
}

/* Adjust nexps values (last one in e) to nvars. */
static void assign_adjust(LexState *ls, Reg nvars, Reg nexps, ExpDesc *e)
{
  FuncState *fs = ls->fs;
  int32_t extra = (int32_t)nvars - (int32_t)nexps;
  if (e->k == VCALL) {
    extra++;  /* The call itself. */
    if (extra < 0) extra = 0;
    setbc_b(bcptr(fs, e), extra + 1);
    if (extra > 1) bcreg_reserve(fs, (Reg)extra - 1);
  } else {
    if (e->k != VVOID)
      expr_tonextreg(fs, e);
    if (extra > 0) {
      Reg reg = fs->freereg;
      bcreg_reserve(fs, (Reg)extra);
      bcemit_nil(fs, reg, (Reg)extra);
    }
  }
  if (nexps > nvars)
    ls->fs->freereg -= nexps - nvars;
}

/* assignment ::= target { ',' target } '=' explist — recursive: values
** are stored right to left as the recursion unwinds. */
static void parse_assignment(LexState *ls, LHSVarList *lh, Reg nvars)
{
  ExpDesc e;
  checkcond(ls, VLOCAL <= lh->v.k && lh->v.k <= VINDEXED, LU_ERR_XSYNTAX);
  if (lex_opt(ls, ',')) {
    LHSVarList vl;
    vl.prev = lh;
    expr_primary(ls, &vl.v);
    if (vl.v.k == VLOCAL)
      assign_hazard(ls, lh, &vl.v);
    checklimit(ls->fs, ls->level + nvars, LU_MAX_XLEVEL, "variable names");
    parse_assignment(ls, &vl, nvars + 1);
  } else {
    Reg nexps;
    lex_check(ls, '=');
    nexps = expr_list(ls, &e);
    if (nexps == nvars) {
      if (e.k == VCALL) {
        if (bc_op(*bcptr(ls->fs, &e)) == BC_VARG) {
          ls->fs->freereg--;
          e.k = VRELOCABLE;
        } else {
          e.u.s.info = e.u.s.aux;
          e.k = VNONRELOC;
        }
      }
      bcemit_store(ls->fs, &lh->v, &e);
      return;
    }
    assign_adjust(ls, nvars, nexps, &e);
  }
  expr_init(&e, VNONRELOC, ls->fs->freereg - 1);
  bcemit_store(ls->fs, &lh->v, &e);
}

/* exprstat ::= call | assignment */
static void parse_call_assign(LexState *ls)
{
  FuncState *fs = ls->fs;
  LHSVarList vl;
  expr_primary(ls, &vl.v);
  if (vl.v.k == VCALL) {
    setbc_b(bcptr(fs, &vl.v), 1);  /* No results. */
  } else {
    vl.prev = NULL;
    parse_assignment(ls, &vl, 1);
  }
}

/* local function name body | local name { ',' name } [ '=' explist ] */
static void parse_local(LexState *ls)
{
  if (lex_opt(ls, TK_function)) {
    ExpDesc v, b;
    FuncState *fs = ls->fs;
    var_new(ls, 0, lex_str(ls));
    expr_init(&v, VLOCAL, fs->freereg);
    v.u.s.aux = fs->varmap[fs->freereg];
    bcreg_reserve(fs, 1);
    var_add(ls, 1);
    parse_body(ls, &b, 0, ls->linenumber);
    /* A store that does not mark the local as written. */
    expr_free(fs, &b);
    expr_toreg(fs, &b, v.u.s.info);
    /* In scope for the body (upvalue), valid only after the store. */
    var_get(ls, fs, fs->nactvar - 1).startpc = fs->pc;
  } else {
    ExpDesc e;
    Reg nexps, nvars = 0;
    do {
      var_new(ls, nvars++, lex_str(ls));
    } while (lex_opt(ls, ','));
    if (lex_opt(ls, '=')) {
      nexps = expr_list(ls, &e);
    } else {
      e.k = VVOID;
      nexps = 0;
    }
    assign_adjust(ls, nvars, nexps, &e);
    var_add(ls, nvars);
  }
}

/* function funcname body, funcname ::= name { '.' name } [ ':' name ] */
static void parse_func(LexState *ls, BCLine line)
{
  FuncState *fs;
  ExpDesc v, b;
  int needself = 0;
  lu_lex_next(ls);
  var_lookup(ls, &v);
  while (ls->tok == '.')
    expr_field(ls, &v);
  if (ls->tok == ':') {
    needself = 1;
    expr_field(ls, &v);
  }
  parse_body(ls, &b, needself, line);
  fs = ls->fs;
  bcemit_store(fs, &v, &b);
  fs_bc(fs)[fs->pc - 1].line = line;
}

/* -- Control structures -------------------------------------------------- */

static int parse_isend(LexToken tok)
{
  switch (tok) {
  case TK_else: case TK_elseif: case TK_end: case TK_until: case TK_eof:
    return 1;
  default:
    return 0;
  }
}

/* return [explist] */
static void parse_return(LexState *ls)
{
  BCIns ins;
  FuncState *fs = ls->fs;
  lu_lex_next(ls);
  fs->flags |= PROTO_HAS_RETURN;
  if (parse_isend(ls->tok) || ls->tok == ';') {
    ins = BCINS_AD(BC_RET0, 0, 1);
  } else {
    ExpDesc e;
    Reg nret = expr_list(ls, &e);
    if (nret == 1) {
      if (e.k == VCALL) {  /* Tail call (but not for '...'). */
        BCIns *ip = bcptr(fs, &e);
        if (bc_op(*ip) == BC_VARG) goto notailcall;
        fs->pc--;
        ins = BCINS_AD(bc_op(*ip) - BC_CALL + BC_CALLT, bc_a(*ip), bc_c(*ip));
      } else {
        ins = BCINS_AD(BC_RET1, expr_toanyreg(fs, &e), 2);
      }
    } else {
      if (e.k == VCALL) {
      notailcall:
        setbc_b(bcptr(fs, &e), 0);
        ins = BCINS_AD(BC_RETM, fs->nactvar, e.u.s.aux - fs->nactvar);
      } else {
        expr_tonextreg(fs, &e);
        ins = BCINS_AD(BC_RET, fs->nactvar, nret + 1);
      }
    }
  }
  if (fs->flags & PROTO_CHILD)
    bcemit_AJ(fs, BC_UCLO, 0, 0);  /* May need to close upvalues. */
  bcemit_INS(fs, ins);
}

static void parse_break(LexState *ls)
{
  ls->fs->bl->flags |= FSCOPE_BREAK;
  gola_new(ls, NAME_BREAK, VSTACK_GOTO, bcemit_jmp(ls->fs));
}

/* goto name */
static void parse_goto(LexState *ls)
{
  FuncState *fs = ls->fs;
  GCstr *name;
  VarSlot *vl;
  lu_lex_next(ls);
  name = lex_str(ls);
  vl = gola_findlabel(ls, name);
  if (vl)  /* A backward goto in the same scope is a loop. */
    bcemit_AJ(fs, BC_LOOP, vl->slot, -1);
  fs->bl->flags |= FSCOPE_GOLA;
  gola_new(ls, name, VSTACK_GOTO, bcemit_jmp(fs));
}

/* label ::= '::' name '::' */
static void parse_label(LexState *ls)
{
  FuncState *fs = ls->fs;
  GCstr *name;
  MSize idx;
  fs->lasttarget = fs->pc;
  fs->bl->flags |= FSCOPE_GOLA;
  lu_lex_next(ls);
  name = lex_str(ls);
  if (gola_findlabel(ls, name))
    lu_lex_error(ls, 0, LU_ERR_XLDUP, strdata(name));
  idx = gola_new(ls, name, VSTACK_LABEL, fs->pc);
  lex_check(ls, TK_label);
  /* Labels that follow directly. */
  while (ls->tok == TK_label) {
    synlevel_begin(ls);
    parse_label(ls);
    synlevel_end(ls);
  }
  /* A label at the end of a block is outside the scope of its locals. */
  if (parse_isend(ls->tok) && ls->tok != TK_until)
    ls->vstack[idx].slot = fs->bl->nactvar;
  gola_resolve(ls, fs->bl, idx);
}

static void parse_block(LexState *ls)
{
  FuncState *fs = ls->fs;
  FuncScope bl;
  fscope_begin(fs, &bl, 0);
  parse_chunk(ls);
  fscope_end(fs);
}

/* while cond do block end */
static void parse_while(LexState *ls, BCLine line)
{
  FuncState *fs = ls->fs;
  BCPos start, loop, condexit;
  FuncScope bl;
  lu_lex_next(ls);
  start = fs->lasttarget = fs->pc;
  condexit = expr_cond(ls);
  fscope_begin(fs, &bl, FSCOPE_LOOP);
  lex_check(ls, TK_do);
  loop = bcemit_AD(fs, BC_LOOP, fs->nactvar, 0);
  parse_block(ls);
  jmp_patch(fs, bcemit_jmp(fs), start);
  lex_match(ls, TK_end, TK_while, line);
  fscope_end(fs);
  jmp_tohere(fs, condexit);
  jmp_patchins(fs, loop, fs->pc);
}

/* repeat block until cond */
static void parse_repeat(LexState *ls, BCLine line)
{
  FuncState *fs = ls->fs;
  BCPos loop = fs->lasttarget = fs->pc;
  BCPos condexit;
  FuncScope bl1, bl2;
  fscope_begin(fs, &bl1, FSCOPE_LOOP);
  fscope_begin(fs, &bl2, 0);
  lu_lex_next(ls);
  bcemit_AD(fs, BC_LOOP, fs->nactvar, 0);
  parse_chunk(ls);
  lex_match(ls, TK_until, TK_repeat, line);
  condexit = expr_cond(ls);  /* Inside the inner scope. */
  if (!(bl2.flags & FSCOPE_UPVAL)) {
    fscope_end(fs);
  } else {  /* cond: UCLO + jump out; not cond: UCLO + jump back. */
    parse_break(ls);
    jmp_tohere(fs, condexit);
    fscope_end(fs);
    condexit = bcemit_jmp(fs);
  }
  jmp_patch(fs, condexit, loop);
  jmp_patchins(fs, loop, fs->pc);
  fscope_end(fs);
}

/* for name '=' start ',' stop [ ',' step ] do block end */
static void parse_for_num(LexState *ls, GCstr *varname, BCLine line)
{
  FuncState *fs = ls->fs;
  Reg base = fs->freereg;
  FuncScope bl;
  BCPos loop, loopend;
  var_new_fixed(ls, 0, VARNAME_FOR_IDX);
  var_new_fixed(ls, 1, VARNAME_FOR_STOP);
  var_new_fixed(ls, 2, VARNAME_FOR_STEP);
  var_new(ls, 3, varname);
  lex_check(ls, '=');
  expr_next(ls);
  lex_check(ls, ',');
  expr_next(ls);
  if (lex_opt(ls, ',')) {
    expr_next(ls);
  } else {
    bcemit_AD(fs, BC_KSHORT, fs->freereg, 1);  /* Default step. */
    bcreg_reserve(fs, 1);
  }
  var_add(ls, 3);
  lex_check(ls, TK_do);
  loop = bcemit_AJ(fs, BC_FORI, base, NO_JMP);
  fscope_begin(fs, &bl, 0);
  var_add(ls, 1);
  bcreg_reserve(fs, 1);
  parse_block(ls);
  fscope_end(fs);
  /* Loop inversion: the control instruction is at the end. */
  loopend = bcemit_AJ(fs, BC_FORL, base, NO_JMP);
  fs_bc(fs)[loopend].line = line;
  jmp_patchins(fs, loopend, loop + 1);
  jmp_patchins(fs, loop, fs->pc);
}

/* Is the iterator expression at pc pairs or next (ISNEXT/ITERN)? */
static int predict_next(LexState *ls, FuncState *fs, BCPos pc)
{
  BCIns ins = fs_bc(fs)[pc].ins;
  GCstr *name = NULL;
  switch (bc_op(ins)) {
  case BC_MOV:
    if (bc_d(ins) >= fs->nactvar) return 0;  /* Not a named local. */
    name = var_get(ls, fs, bc_d(ins)).name;
    break;
  case BC_UGET:
    name = ls->vstack[fs->uvmap[bc_d(ins)]].name;
    break;
  case BC_GGET: {
    MSize i;
    for (i = fs->kbase; i < ls->nkent; i++) {
      KEntry *ke = &ls->kent[i];
      if (ke->kind == KIND_GC && ke->idx == bc_d(ins)) {
        GCobj *o = (GCobj *)(uintptr_t)ke->key;
        if (o->gch.gct == LU_GCT_STR) name = gco2str(o);
        break;
      }
    }
    break;
  }
  default:
    return 0;
  }
  if ((uintptr_t)name < VARNAME__MAX) return 0;
  return (name->len == 5 && !strcmp(strdata(name), "pairs")) ||
         (name->len == 4 && !strcmp(strdata(name), "next"));
}

/* for name { ',' name } in explist do block end */
static void parse_for_iter(LexState *ls, GCstr *indexname)
{
  FuncState *fs = ls->fs;
  ExpDesc e;
  Reg nvars = 0;
  BCLine line;
  Reg base = fs->freereg + 3;
  BCPos loop, loopend, exprpc = fs->pc;
  FuncScope bl;
  int isnext;
  var_new_fixed(ls, nvars++, VARNAME_FOR_GEN);
  var_new_fixed(ls, nvars++, VARNAME_FOR_STATE);
  var_new_fixed(ls, nvars++, VARNAME_FOR_CTL);
  var_new(ls, nvars++, indexname);
  while (lex_opt(ls, ','))
    var_new(ls, nvars++, lex_str(ls));
  lex_check(ls, TK_in);
  line = ls->linenumber;
  assign_adjust(ls, 3, expr_list(ls, &e), &e);
  bcreg_bump(fs, 3 + 1);  /* The iterator call needs func, link, 2 args. */
  isnext = (nvars <= 5 && fs->pc > exprpc && predict_next(ls, fs, exprpc));
  var_add(ls, 3);
  lex_check(ls, TK_do);
  loop = bcemit_AJ(fs, isnext ? BC_ISNEXT : BC_JMP, base, NO_JMP);
  fscope_begin(fs, &bl, 0);
  var_add(ls, nvars - 3);
  bcreg_reserve(fs, nvars - 3);
  parse_block(ls);
  fscope_end(fs);
  jmp_patchins(fs, loop, fs->pc);
  bcemit_ABC(fs, isnext ? BC_ITERN : BC_ITERC, base, nvars - 3 + 1, 2 + 1);
  loopend = bcemit_AJ(fs, BC_ITERL, base, NO_JMP);
  fs_bc(fs)[loopend - 1].line = line;
  fs_bc(fs)[loopend].line = line;
  jmp_patchins(fs, loopend, loop + 1);
}

static void parse_for(LexState *ls, BCLine line)
{
  FuncState *fs = ls->fs;
  GCstr *varname;
  FuncScope bl;
  fscope_begin(fs, &bl, FSCOPE_LOOP);
  lu_lex_next(ls);
  varname = lex_str(ls);
  if (ls->tok == '=')
    parse_for_num(ls, varname, line);
  else if (ls->tok == ',' || ls->tok == TK_in)
    parse_for_iter(ls, varname);
  else
    err_syntax(ls, LU_ERR_XFOR);
  lex_match(ls, TK_end, TK_for, line);
  fscope_end(fs);  /* Resolves the breaks. */
}

/* 'if'|'elseif' cond 'then' block; returns the false jump list. */
static BCPos parse_then(LexState *ls)
{
  BCPos condexit;
  lu_lex_next(ls);
  condexit = expr_cond(ls);
  lex_check(ls, TK_then);
  parse_block(ls);
  return condexit;
}

/* if cond then block { elseif cond then block } [ else block ] end */
static void parse_if(LexState *ls, BCLine line)
{
  FuncState *fs = ls->fs;
  BCPos flist;
  BCPos escapelist = NO_JMP;
  flist = parse_then(ls);
  while (ls->tok == TK_elseif) {
    jmp_append(fs, &escapelist, bcemit_jmp(fs));
    jmp_tohere(fs, flist);
    flist = parse_then(ls);
  }
  if (ls->tok == TK_else) {
    jmp_append(fs, &escapelist, bcemit_jmp(fs));
    jmp_tohere(fs, flist);
    lu_lex_next(ls);
    parse_block(ls);
  } else {
    jmp_append(fs, &escapelist, flist);
  }
  jmp_tohere(fs, escapelist);
  lex_match(ls, TK_end, TK_if, line);
}

/* -- Statements ---------------------------------------------------------- */

/* One statement; returns 1 if it must be the last of its block. */
static int parse_stmt(LexState *ls)
{
  BCLine line = ls->linenumber;
  switch (ls->tok) {
  case TK_if:
    parse_if(ls, line);
    break;
  case TK_while:
    parse_while(ls, line);
    break;
  case TK_do:
    lu_lex_next(ls);
    parse_block(ls);
    lex_match(ls, TK_end, TK_do, line);
    break;
  case TK_for:
    parse_for(ls, line);
    break;
  case TK_repeat:
    parse_repeat(ls, line);
    break;
  case TK_function:
    parse_func(ls, line);
    break;
  case TK_local:
    lu_lex_next(ls);
    parse_local(ls);
    break;
  case TK_return:
    parse_return(ls);
    return 1;
  case TK_break:
    lu_lex_next(ls);
    parse_break(ls);
    return 1;  /* Lua 5.1: break ends the block. */
  case TK_label:
    parse_label(ls);
    break;
  case TK_goto:
    if (lu_lex_lookahead(ls) == TK_name) {
      parse_goto(ls);
      break;
    }
    /* fallthrough */
  default:
    parse_call_assign(ls);
    break;
  }
  return 0;
}

/* block ::= { stat [';'] } */
static void parse_chunk(LexState *ls)
{
  int islast = 0;
  synlevel_begin(ls);
  while (!islast && !parse_isend(ls->tok)) {
    islast = parse_stmt(ls);
    lex_opt(ls, ';');
    ls->fs->freereg = ls->fs->nactvar;  /* Free temporaries. */
  }
  synlevel_end(ls);
}

/* -- Entry points -------------------------------------------------------- */

GCproto *lu_parse(LexState *ls)
{
  FuncState fs;
  FuncScope bl;
  GCproto *pt;
  ls->chunkname = lu_lex_keepstr(ls, ls->chunkarg, strlen(ls->chunkarg));
  ls->level = 0;
  fs_init(ls, &fs);
  fs.linedefined = 0;
  fs.numparams = 0;
  fs.flags |= PROTO_VARARG;  /* The main chunk takes '...'. */
  fscope_begin(&fs, &bl, 0);
  bcemit_AD(&fs, BC_FUNCV, 0, 0);  /* Placeholder for the header. */
  lu_lex_next(ls);
  parse_chunk(ls);
  if (ls->tok != TK_eof)
    err_token(ls, TK_eof);
  pt = fs_finish(ls, ls->linenumber);
  return pt;
}

/* Runs inside the protected call: set up, parse, push the closure. */
static TValue *cpparser(lua_State *L, lua_CFunction dummy, void *ud)
{
  LexState *ls = (LexState *)ud;
  GCproto *pt;
  GCfunc *fn;
  TValue *anchor;
  int isbc;
  (void)dummy;
  lu_state_checkstack(L, 4);
  ls->anchor = lu_tab_new(L, 0, 0);
  anchor = L->top;
  settabV(L, anchor, ls->anchor);
  L->top++;
  isbc = lu_lex_setup(L, ls);
  if (ls->mode && !strchr(ls->mode, isbc ? 'b' : 't')) {
    setstrV(L, L->top, lu_str_newz(L, err2msg(LU_ERR_XMODE)));
    L->top++;
    lu_err_throw(L, LUA_ERRSYNTAX);
  }
  if (isbc) {  /* Precompiled: the verifying reader (bcdump.c). */
    BCReadCtx ctx;
    ctx.L = L;
    ctx.reader = ls->rfunc;
    ctx.rdata = ls->rdata;
    ctx.p = ls->p;
    ctx.pe = ls->pe;
    ctx.chunkname = lu_lex_keepstr(ls, ls->chunkarg, strlen(ls->chunkarg));
    ctx.anchor = ls->anchor;
    pt = lu_bcread(&ctx);
  } else {
    pt = lu_parse(ls);
  }
  fn = lu_func_newL_empty(L, pt, L->env);
  anchor = L->top - 1;  /* The stack may have moved. */
  setfuncV(L, anchor, fn);
  return NULL;
}

int lu_parse_load(lua_State *L, lua_Reader reader, void *data,
                  const char *chunkname, const char *mode)
{
  LexState ls;
  int status;
  memset(&ls, 0, sizeof(ls));
  ls.L = L;
  ls.rfunc = reader;
  ls.rdata = data;
  ls.chunkarg = chunkname ? chunkname : "?";
  ls.mode = mode;
  status = lu_vm_cpcall(L, NULL, &ls, cpparser);
  lu_lex_cleanup(L, &ls);
  lu_gc_check(L);
  return status;
}
