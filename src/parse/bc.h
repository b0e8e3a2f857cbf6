/*
** lunar: bytecode instruction format and the opcode table.
**
** The LuaJIT 2.1 instruction set and encoding. Every instruction is 32 bits:
**
**   +----+----+----+----+
**   | B  | C  | A  | OP |   Format ABC
**   +----+----+----+----+
**   |    D    | A  | OP |   Format AD
**   +--------------------
**   MSB               LSB
**
** OP, A, B, C are 8 bits, D is 16 bits (B:C). Jump targets are stored in D
** biased by BCBIAS_J: target = pc + 1 + D - BCBIAS_J (pc of the jump).
**
** BCDEF below is the one definition of the opcodes. Everything else (the
** emitter's operand checks, the interpreter's dispatch table, the -bl
** listing, the dump format and loader, later the recorder) is generated
** from it. Columns: name, A mode, B mode, C/D mode, metamethod.
**
** Operand modes:
**   ___    unused
**   var    a slot (variable)         dst   a slot written
**   base   a base slot (calls, KNIL) rbase a base slot, read only
**   str    a string constant (kgc)   num   a number constant (knum)
**   pri    a primitive (0 nil, 1 false, 2 true)
**   lit    an unsigned literal       lits  a signed 16-bit literal
**   uv     an upvalue index          func  a child prototype (kgc)
**   tab    a template table (kgc)    cdata a cdata constant (FFI)
**   jump   a jump target (biased D)
**
** Semantics of each opcode (A, B, C, D are operands; R(x) is slot x of the
** frame, K*(x) the constants):
**   ISLT A D    if R(A) <  R(D) then take the following JMP
**   ISGE A D    if not (R(A) < R(D)) ...  ISLE/ISGT alike with <=
**   ISEQV A D   if R(A) == R(D) ...  ISNEV: ~=; S/N/P: D is str/num/pri
**   ISTC A D    if R(D) is true: R(A) = R(D), take the JMP.  ISFC: if false
**   IST D       if R(D) is true take the JMP.  ISF: if false
**   ISTYPE A D  assert type of R(A) is D (JIT only)  ISNUM: assert number
**   MOV A D     R(A) = R(D)     NOT: not R(D)   UNM: -R(D)   LEN: #R(D)
**   ADDVN A B C R(A) = R(B) + KN(C)   NV: KN(C) op R(B)  VV: R(B) op R(C)
**   POW A B C   R(A) = R(B) ^ R(C)
**   CAT A B C   R(A) = R(B) .. ... .. R(C)
**   KSTR A D    R(A) = KS(D)  KSHORT: D as a signed int  KNUM: KN(D)
**   KPRI A D    R(A) = primitive D   KNIL A D: R(A) .. R(D) = nil
**   UGET A D    R(A) = Upvalue(D)   USETV/S/N/P A D: Upvalue(A) = R/S/N/P(D)
**   UCLO A D    close upvalues for slots >= R(A), then jump (D)
**   FNEW A D    R(A) = closure of child prototype KGC(D)
**   TNEW A D    R(A) = new table (D: array size in low 11 bits, hash size
**               log2 in the upper 5 bits)  TDUP: copy of template KGC(D)
**   GGET A D    R(A) = _ENV[KS(D)]  GSET A D: _ENV[KS(D)] = R(A)
**   TGETV A B C R(A) = R(B)[R(C)]  TGETS: [KS(C)]  TGETB: [C]  TGETR: raw
**   TSETV A B C R(B)[R(C)] = R(A)  TSETS/TSETB/TSETR alike
**   TSETM A D   R(A-1)[KN(D)..] = R(A) .. multres (low 32 bits of KN(D))
**   CALLM A B C call R(A) with C+MULTRES-1 args (slots A+2..), B-1 results
**   CALL A B C  call R(A) with C-1 args, B-1 results (B=0: multres)
**   CALLMT A D  tail call with D+MULTRES-1 args   CALLT A D: D-1 args
**   ITERC A B C generic for: R(A), R(A+1), R(A+2) = R(A-3), R(A-2), R(A-1);
**               call R(A) with 2 args, B-1 results
**   ITERN       specialised ITERC for next (pairs)
**   VARG A B C  R(A) .. R(A+B-2) = varargs (B=0: all, sets MULTRES)
**   ISNEXT A D  check that R(A-3..A-1) is a next/pairs triple, jump to D
**   RETM A D    return R(A) .. R(A+D+MULTRES-1)
**   RET A D     return R(A) .. R(A+D-2)   RET0: none  RET1: R(A)
**   FORI A D    numeric for init: R(A)=start R(A+1)=stop R(A+2)=step,
**               R(A+3) = visible copy of the index; skip loop to D if done
**   FORL A D    numeric for loop: step, then jump back to D if not done
**   ITERL A D   generic for loop: if R(A) ~= nil: R(A-1) = R(A), jump D
**   LOOP A D    loop hint for the JIT (while/repeat); no-op to the interp
**   JMP A D     jump to D (A is the first free slot, for the JIT)
**   FUNCF A     Lua function header, fixed args, A = frame size
**   FUNCV A     vararg Lua function header
**   FUNCC/FUNCCW  pseudo header of a C function (FUNCCW: wrapped call)
**   I* variants do no hot counting; J* variants enter a trace (phase 3).
*/
#ifndef LU_BC_H
#define LU_BC_H

#include "../core/def.h"

#define BCMAX_A   0xff
#define BCMAX_B   0xff
#define BCMAX_C   0xff
#define BCMAX_D   0xffff
#define BCBIAS_J  0x8000
#define NO_REG    BCMAX_A
#define NO_JMP    (~(BCPos)0)

/* Field access. */
#define bc_op(i)   ((BCOp)((i) & 0xff))
#define bc_a(i)    ((BCReg)(((i) >> 8) & 0xff))
#define bc_b(i)    ((BCReg)((i) >> 24))
#define bc_c(i)    ((BCReg)(((i) >> 16) & 0xff))
#define bc_d(i)    ((BCPos)((i) >> 16))
#define bc_j(i)    ((ptrdiff_t)bc_d(i) - BCBIAS_J)

/* Field modification. */
#define setbc_byte(p, x, ofs) \
  ((uint8_t *)(p))[ofs] = (uint8_t)(x)
#define setbc_op(p, x)  setbc_byte(p, (x), 0)
#define setbc_a(p, x)   setbc_byte(p, (x), 1)
#define setbc_b(p, x)   setbc_byte(p, (x), 3)
#define setbc_c(p, x)   setbc_byte(p, (x), 2)
#define setbc_d(p, x)   (((uint16_t *)(p))[1] = (uint16_t)(x))
#define setbc_j(p, x)   setbc_d(p, (BCPos)((int32_t)(x) + BCBIAS_J))

/* Compose instructions. */
#define BCINS_ABC(o, a, b, c) \
  (((BCIns)(o)) | ((BCIns)(a) << 8) | ((BCIns)(b) << 24) | ((BCIns)(c) << 16))
#define BCINS_AD(o, a, d) \
  (((BCIns)(o)) | ((BCIns)(a) << 8) | ((BCIns)(d) << 16))
#define BCINS_AJ(o, a, j)  BCINS_AD(o, a, (BCPos)((int32_t)(j) + BCBIAS_J))

/* The opcode table. ORDER matters (see the static asserts below). */
#define BCDEF(_) \
  /* Comparison ops. ORDER OPR. */ \
  _(ISLT,   var,   ___,   var,   lt) \
  _(ISGE,   var,   ___,   var,   lt) \
  _(ISLE,   var,   ___,   var,   le) \
  _(ISGT,   var,   ___,   var,   le) \
  \
  _(ISEQV,  var,   ___,   var,   eq) \
  _(ISNEV,  var,   ___,   var,   eq) \
  _(ISEQS,  var,   ___,   str,   eq) \
  _(ISNES,  var,   ___,   str,   eq) \
  _(ISEQN,  var,   ___,   num,   eq) \
  _(ISNEN,  var,   ___,   num,   eq) \
  _(ISEQP,  var,   ___,   pri,   eq) \
  _(ISNEP,  var,   ___,   pri,   eq) \
  \
  /* Unary test and copy ops. */ \
  _(ISTC,   dst,   ___,   var,   ___) \
  _(ISFC,   dst,   ___,   var,   ___) \
  _(IST,    ___,   ___,   var,   ___) \
  _(ISF,    ___,   ___,   var,   ___) \
  _(ISTYPE, var,   ___,   lit,   ___) \
  _(ISNUM,  var,   ___,   lit,   ___) \
  \
  /* Unary ops. */ \
  _(MOV,    dst,   ___,   var,   ___) \
  _(NOT,    dst,   ___,   var,   ___) \
  _(UNM,    dst,   ___,   var,   unm) \
  _(LEN,    dst,   ___,   var,   len) \
  \
  /* Binary ops. ORDER OPR. VV last, POW must be next. */ \
  _(ADDVN,  dst,   var,   num,   add) \
  _(SUBVN,  dst,   var,   num,   sub) \
  _(MULVN,  dst,   var,   num,   mul) \
  _(DIVVN,  dst,   var,   num,   div) \
  _(MODVN,  dst,   var,   num,   mod) \
  \
  _(ADDNV,  dst,   var,   num,   add) \
  _(SUBNV,  dst,   var,   num,   sub) \
  _(MULNV,  dst,   var,   num,   mul) \
  _(DIVNV,  dst,   var,   num,   div) \
  _(MODNV,  dst,   var,   num,   mod) \
  \
  _(ADDVV,  dst,   var,   var,   add) \
  _(SUBVV,  dst,   var,   var,   sub) \
  _(MULVV,  dst,   var,   var,   mul) \
  _(DIVVV,  dst,   var,   var,   div) \
  _(MODVV,  dst,   var,   var,   mod) \
  \
  _(POW,    dst,   var,   var,   pow) \
  _(CAT,    dst,   rbase, rbase, concat) \
  \
  /* Constant ops. */ \
  _(KSTR,   dst,   ___,   str,   ___) \
  _(KCDATA, dst,   ___,   cdata, ___) \
  _(KSHORT, dst,   ___,   lits,  ___) \
  _(KNUM,   dst,   ___,   num,   ___) \
  _(KPRI,   dst,   ___,   pri,   ___) \
  _(KNIL,   base,  ___,   base,  ___) \
  \
  /* Upvalue and function ops. */ \
  _(UGET,   dst,   ___,   uv,    ___) \
  _(USETV,  uv,    ___,   var,   ___) \
  _(USETS,  uv,    ___,   str,   ___) \
  _(USETN,  uv,    ___,   num,   ___) \
  _(USETP,  uv,    ___,   pri,   ___) \
  _(UCLO,   rbase, ___,   jump,  ___) \
  _(FNEW,   dst,   ___,   func,  gc) \
  \
  /* Table ops. */ \
  _(TNEW,   dst,   ___,   lit,   gc) \
  _(TDUP,   dst,   ___,   tab,   gc) \
  _(GGET,   dst,   ___,   str,   index) \
  _(GSET,   var,   ___,   str,   newindex) \
  _(TGETV,  dst,   var,   var,   index) \
  _(TGETS,  dst,   var,   str,   index) \
  _(TGETB,  dst,   var,   lit,   index) \
  _(TGETR,  dst,   var,   var,   index) \
  _(TSETV,  var,   var,   var,   newindex) \
  _(TSETS,  var,   var,   str,   newindex) \
  _(TSETB,  var,   var,   lit,   newindex) \
  _(TSETM,  base,  ___,   num,   newindex) \
  _(TSETR,  var,   var,   var,   newindex) \
  \
  /* Calls and vararg handling. T = tail call. */ \
  _(CALLM,  base,  lit,   lit,   call) \
  _(CALL,   base,  lit,   lit,   call) \
  _(CALLMT, base,  ___,   lit,   call) \
  _(CALLT,  base,  ___,   lit,   call) \
  _(ITERC,  base,  lit,   lit,   call) \
  _(ITERN,  base,  lit,   lit,   call) \
  _(VARG,   base,  lit,   lit,   ___) \
  _(ISNEXT, base,  ___,   jump,  ___) \
  \
  /* Returns. */ \
  _(RETM,   base,  ___,   lit,   ___) \
  _(RET,    rbase, ___,   lit,   ___) \
  _(RET0,   rbase, ___,   lit,   ___) \
  _(RET1,   rbase, ___,   lit,   ___) \
  \
  /* Loops and branches. I/J = interp/JIT, I/C/L = init/call/loop. */ \
  _(FORI,   base,  ___,   jump,  ___) \
  _(JFORI,  base,  ___,   jump,  ___) \
  \
  _(FORL,   base,  ___,   jump,  ___) \
  _(IFORL,  base,  ___,   jump,  ___) \
  _(JFORL,  base,  ___,   lit,   ___) \
  \
  _(ITERL,  base,  ___,   jump,  ___) \
  _(IITERL, base,  ___,   jump,  ___) \
  _(JITERL, base,  ___,   lit,   ___) \
  \
  _(LOOP,   rbase, ___,   jump,  ___) \
  _(ILOOP,  rbase, ___,   jump,  ___) \
  _(JLOOP,  rbase, ___,   lit,   ___) \
  \
  _(JMP,    rbase, ___,   jump,  ___) \
  \
  /* Function headers. I/J = interp/JIT, F/V/C = fixarg/vararg/C func. */ \
  _(FUNCF,  rbase, ___,   ___,   ___) \
  _(IFUNCF, rbase, ___,   ___,   ___) \
  _(JFUNCF, rbase, ___,   lit,   ___) \
  _(FUNCV,  rbase, ___,   ___,   ___) \
  _(IFUNCV, rbase, ___,   ___,   ___) \
  _(JFUNCV, rbase, ___,   lit,   ___) \
  _(FUNCC,  rbase, ___,   ___,   ___) \
  _(FUNCCW, rbase, ___,   ___,   ___)

typedef enum {
#define BCENUM(name, ma, mb, mc, mm)  BC_##name,
  BCDEF(BCENUM)
#undef BCENUM
  BC__MAX
} BCOp;

_Static_assert(BC__MAX == 97, "LuaJIT 2.1 has 97 opcodes");
_Static_assert((int)BC_ISEQV + 1 == (int)BC_ISNEV, "ORDER BC");
_Static_assert(((int)BC_ISEQV ^ 1) == (int)BC_ISNEV, "ORDER BC");
_Static_assert(((int)BC_ISEQS ^ 1) == (int)BC_ISNES, "ORDER BC");
_Static_assert(((int)BC_ISEQN ^ 1) == (int)BC_ISNEN, "ORDER BC");
_Static_assert(((int)BC_ISEQP ^ 1) == (int)BC_ISNEP, "ORDER BC");
_Static_assert(((int)BC_ISLT ^ 1) == (int)BC_ISGE, "ORDER BC");
_Static_assert(((int)BC_ISLE ^ 1) == (int)BC_ISGT, "ORDER BC");
_Static_assert(((int)BC_ISLT ^ 3) == (int)BC_ISGT, "ORDER BC");
_Static_assert((int)BC_IST - (int)BC_ISTC == (int)BC_ISF - (int)BC_ISFC, "ORDER BC");
_Static_assert((int)BC_SUBVN - (int)BC_ADDVN == 1, "ORDER BC");
_Static_assert((int)BC_ADDNV - (int)BC_ADDVN == 5, "ORDER BC");
_Static_assert((int)BC_ADDVV - (int)BC_ADDVN == 10, "ORDER BC");
_Static_assert((int)BC_POW - (int)BC_ADDVV == 5, "ORDER BC");
_Static_assert((int)BC_CALLT - (int)BC_CALL == 2, "ORDER BC");
_Static_assert((int)BC_CALLMT - (int)BC_CALLM == 2, "ORDER BC");
_Static_assert((int)BC_USETS - (int)BC_USETV == 1, "ORDER BC");
_Static_assert((int)BC_FORL + 1 == (int)BC_IFORL, "ORDER BC");
_Static_assert((int)BC_FORL + 2 == (int)BC_JFORL, "ORDER BC");
_Static_assert((int)BC_ITERL + 1 == (int)BC_IITERL, "ORDER BC");
_Static_assert((int)BC_ITERL + 2 == (int)BC_JITERL, "ORDER BC");
_Static_assert((int)BC_LOOP + 1 == (int)BC_ILOOP, "ORDER BC");
_Static_assert((int)BC_LOOP + 2 == (int)BC_JLOOP, "ORDER BC");
_Static_assert((int)BC_FUNCF + 1 == (int)BC_IFUNCF, "ORDER BC");
_Static_assert((int)BC_FUNCF + 2 == (int)BC_JFUNCF, "ORDER BC");
_Static_assert((int)BC_FUNCV + 1 == (int)BC_IFUNCV, "ORDER BC");
_Static_assert((int)BC_FUNCV + 2 == (int)BC_JFUNCV, "ORDER BC");

/* Operand modes, generated from BCDEF. */
typedef enum {
  BCMnone, BCMdst, BCMbase, BCMvar, BCMrbase, BCMuv,  /* Mode A must be <= 7 */
  BCMlit, BCMlits, BCMpri, BCMnum, BCMstr, BCMtab, BCMfunc, BCMjump, BCMcdata,
  BCM_max
} BCMode;
#define BCM___  BCMnone
#define MM____  MM__MAX   /* No metamethod. */

#define bcmode_a(op)   ((BCMode)(lu_bc_mode[op] & 7))
#define bcmode_b(op)   ((BCMode)((lu_bc_mode[op] >> 3) & 15))
#define bcmode_c(op)   ((BCMode)((lu_bc_mode[op] >> 7) & 15))
#define bcmode_d(op)   bcmode_c(op)
#define bcmode_hasd(op) ((lu_bc_mode[op] & (15 << 3)) == (BCMnone << 3))
#define bcmode_mm(op)  ((int)(lu_bc_mode[op] >> 11))

#define BCMODE(name, ma, mb, mc, mm) \
  (BCM##ma | (BCM##mb << 3) | (BCM##mc << 7) | (MM_##mm << 11)),

LU_DATA const uint16_t lu_bc_mode[];
LU_DATA const char *const lu_bc_names[];

/* Helpers for the emitter and the interpreter. */
#define bc_isret(op)  ((op) == BC_RETM || (op) == BC_RET || \
                       (op) == BC_RET0 || (op) == BC_RET1)
/* Any instruction that leaves the frame: a return or a tail call. */
#define bc_isretins(op)  (bc_isret(op) || (op) == BC_CALLT || (op) == BC_CALLMT)

#endif
