/*
** lunar: values, objects and the VM state.
**
** This header is the contract every layer builds on (parser, interpreter,
** GC, C API, later the JIT). Changing a layout here is expensive: add to
** it, and say so in your commit message.
**
** -- Values (NaN boxing) ---------------------------------------------------
**
** A TValue is 64 bits. A double is stored as itself. Every other value lives
** in the NaN space: the top 17 bits hold an "itype" tag, the low 47 bits a
** payload (a GC object pointer or a light userdata pointer).
**
**   63          47 46                                                  0
**  +--------------+-----------------------------------------------------+
**  |   itype(17)  |                 payload (47)                        |
**  +--------------+-----------------------------------------------------+
**
** itype values are ~k (17-bit), so nil is all ones. Any 64-bit pattern whose
** top 17 bits are below LU_TISNUM is a number: "is number" is one unsigned
** compare. Arithmetic NaNs are canonicalised (lu_num_canon) so that no
** computed NaN can look like a tagged value; on x86-64 the default NaN
** 0xfff8000000000000 already has itype 0x1fff0 < LU_TISNUM.
**
** Primitive values have all payload bits set, so the whole word is a
** constant: nil = 0xffffffffffffffff, false = 0xffff7fffffffffff,
** true = 0xfffeffffffffffff. Falsy test: v >= false (one compare).
**
** -- Objects --------------------------------------------------------------
**
** Every collectable object starts with GCHeader (next-object link, mark
** bits, type). The type byte gct is the itype's low 8 bits complemented
** (~itype & 0xff), i.e. the k of ~k, so tags and gct agree (LU_TSTR is
** ~4, gct of a string is 4).
*/
#ifndef LU_OBJ_H
#define LU_OBJ_H

#include "def.h"
#include "../api/lua.h"

/* -- Type tags (itype) ---------------------------------------------------- */
#define LU_TNIL      (~0u & 0x1ffff)    /* 0x1ffff */
#define LU_TFALSE    (~1u & 0x1ffff)
#define LU_TTRUE     (~2u & 0x1ffff)
#define LU_TLIGHTUD  (~3u & 0x1ffff)
#define LU_TSTR      (~4u & 0x1ffff)
#define LU_TUPVAL    (~5u & 0x1ffff)
#define LU_TTHREAD   (~6u & 0x1ffff)
#define LU_TPROTO    (~7u & 0x1ffff)
#define LU_TFUNC     (~8u & 0x1ffff)
#define LU_TTRACE    (~9u & 0x1ffff)
#define LU_TCDATA    (~10u & 0x1ffff)
#define LU_TTAB      (~11u & 0x1ffff)
#define LU_TUDATA    (~12u & 0x1ffff)
#define LU_TNUMX     (~13u & 0x1ffff)   /* Highest itype that is a number. */
#define LU_TISNUM    LU_TNUMX           /* itype < LU_TISNUM: a number. */
#define LU_TISPRI    LU_TTRUE           /* itype >= LU_TISPRI: nil/false/true. */
#define LU_TISGCV    (LU_TSTR + 1)      /* itype <= LU_TSTR && >= LU_TUDATA: GC. */

/* gct values stored in GCHeader.gct (k of ~k). */
enum {
  LU_GCT_STR = 4, LU_GCT_UPVAL = 5, LU_GCT_THREAD = 6, LU_GCT_PROTO = 7,
  LU_GCT_FUNC = 8, LU_GCT_TRACE = 9, LU_GCT_CDATA = 10, LU_GCT_TAB = 11,
  LU_GCT_UDATA = 12
};

#define LU_GCVMASK   (((uint64_t)1 << 47) - 1)

typedef union TValue {
  uint64_t u64;     /* Raw bits. */
  double n;         /* Number. */
  int64_t i64;
} TValue;

#define LU_VNIL    ((uint64_t)-1)
#define LU_VFALSE  ((((uint64_t)LU_TFALSE) << 47) | LU_GCVMASK)
#define LU_VTRUE   ((((uint64_t)LU_TTRUE) << 47) | LU_GCVMASK)

/* -- Garbage collected objects ------------------------------------------ */

typedef union GCobj GCobj;

#define GCHeader  GCobj *nextgc; uint8_t marked; uint8_t gct

typedef struct GChead {
  GCHeader;
  uint8_t unused1;
  uint8_t unused2;
  GCobj *env;      /* Shared by udata, func (position must match). */
  GCobj *gclist;   /* Shared by tab, udata, func, thread, proto. */
  GCobj *metatable;
} GChead;

/* Interned string. Bytes follow the header, NUL-terminated. */
typedef struct GCstr {
  GCHeader;
  uint8_t reserved;   /* Lexer: index+1 of the reserved word, else 0. */
  uint8_t hashalg;    /* Reserved (hash algorithm variant). */
  uint32_t sid;       /* Interning serial number (cheap stable id). */
  uint32_t hash;      /* Keyed hash of all bytes (see str.c). */
  MSize len;          /* Length in bytes, excluding the NUL. */
} GCstr;

#define strdata(s)      ((const char *)((s) + 1))
#define strdatawr(s)    ((char *)((s) + 1))

/* Upvalue. Open: v points into a stack slot. Closed: v points to tv. */
typedef struct GCupval {
  GCHeader;
  uint8_t closed;      /* 1 once closed. */
  uint8_t immutable;   /* Immutable value (parser decided). */
  union {
    TValue tv;         /* Closed value. */
    struct {           /* Open: doubly-linked list of open upvalues. */
      struct GCupval *prev;
      struct GCupval *next;
    };
  };
  TValue *v;           /* Points to the stack slot or to tv. */
  uint32_t dhash;      /* Disambiguation hash (upvalueid, upvaluejoin). */
} GCupval;

/* Userdata. Payload follows the header, 16-byte aligned. */
typedef struct GCudata {
  GCHeader;
  uint8_t udtype;      /* Userdata type (0 = plain). */
  uint8_t unused2;
  GCobj *env;          /* Environment table. */
  GCobj *gclist;
  GCobj *metatable;
  MSize len;           /* Payload size. */
  uint32_t unused3;
} GCudata;

#define uddata(u)   ((void *)((u) + 1))

/* FFI cdata: a C value of type ctypeid (an index into the FFI's type
** table, see src/ffi/ctype.h). The payload of len bytes follows the
** header, 16-byte aligned. Like userdata, cdata are linked into the tail
** of gc.root (after the main thread) so that the GC can find those with a
** finalizer (flag CDF_FIN, see src/ffi/cdata.h). A reference into another
** cdata's payload (s.inner) keeps that cdata alive through owner; the
** owner never changes, so it needs no write barrier. */
typedef struct GCcdata {
  GCHeader;
  uint8_t flags;       /* CDF_* (src/ffi/cdata.h). */
  uint8_t unused1;
  uint32_t ctypeid;    /* The C type. */
  MSize len;           /* Payload size. */
  uint32_t unused2;
  GCobj *owner;        /* Referenced cdata or NULL. */
} GCcdata;

#define cdataptr(cd)   ((void *)((cd) + 1))

/* Function prototype: bytecode, constants, children, debug info.
**
** Constants share one block. k points at knum[0]; numeric constants sit
** at non-negative indices, GC constants (strings, child prototypes,
** template tables) at negative ones, so one base register (KBASE) reaches
** both:
**
**   ... kgc[~2] kgc[~1] kgc[~0] | knum[0] knum[1] ...
**                               ^ k
**
** The instructions follow the GCproto struct in the same allocation
** (proto_bc). bc[0] is the function header instruction (FUNCF/FUNCV), with
** A = the frame size; execution starts there, and a Lua closure's pc points
** at it, so funcproto() is one subtraction.
*/
typedef struct GCproto {
  GCHeader;
  uint8_t numparams;    /* Number of fixed parameters. */
  uint8_t framesize;    /* Fixed frame size (slots). */
  MSize sizebc;         /* Number of instructions incl. the header. */
  GCobj *gclist;
  void *k;              /* See above. */
  uint16_t *uv;         /* Upvalue descriptors (see PROTO_UV_*). */
  MSize sizekgc;        /* Number of GC constants. */
  MSize sizekn;         /* Number of numeric constants. */
  MSize sizept;         /* Total size of this allocation (for the GC). */
  uint8_t sizeuv;       /* Number of upvalues. */
  uint8_t flags;        /* PROTO_* flags. */
  uint16_t trace;       /* Anchor for the JIT (phase 3). */
  /* Debug info (absent/NULL when stripped). */
  GCstr *chunkname;     /* Chunk name ("@file" or "=stdin" or source). */
  BCLine firstline;     /* First line of the function definition. */
  BCLine numline;       /* Number of lines spanned. */
  BCLine *lineinfo;     /* Absolute line for each instruction. */
  const char **uvnames; /* Upvalue names (point into varinfo storage). */
  struct VarInfo *varinfo; /* Local variable info, sizevarinfo entries. */
  MSize sizevarinfo;
  uint32_t unused;
} GCproto;

/* Local variable debug info: name, live range [startpc, endpc). */
typedef struct VarInfo {
  GCstr *name;          /* NULL for internal (for-loop state) slots. */
  BCPos startpc;
  BCPos endpc;
} VarInfo;

#define PROTO_CHILD      0x01  /* Has child prototypes. */
#define PROTO_VARARG     0x02  /* Vararg function. */
#define PROTO_FFI        0x04  /* Uses BC_KCDATA for FFI datatypes. */
#define PROTO_NOJIT      0x08  /* JIT disabled for this function. */
#define PROTO_ILOOP      0x10  /* Patched bytecode with ILOOP etc. */
#define PROTO_HAS_RETURN 0x20  /* Already emitted a return. */
#define PROTO_FIXUP_RETURN 0x40 /* Need to fixup emitted returns. */
#define PROTO_STRIPPED   0x80  /* Debug info stripped. */

/* Upvalue descriptor: from the parent's local slot or parent's upvalue. */
#define PROTO_UV_LOCAL     0x8000  /* Upvalue for a local slot. */
#define PROTO_UV_IMMUTABLE 0x4000  /* Immutable upvalue. */

#define proto_kgc(pt, idx)   (((GCobj **)(pt)->k)[~(ptrdiff_t)(idx)])
#define proto_knum(pt, idx)  (((TValue *)(pt)->k)[(idx)])
#define proto_bc(pt)         ((BCIns *)((pt) + 1))

/* Functions. Lua and C closures share the header fields up to pc. */
#define GCfuncHeader \
  GCHeader; uint8_t ffid; uint8_t nupvalues; \
  GCobj *env; GCobj *gclist; const BCIns *pc

typedef struct GCfuncC {
  GCfuncHeader;         /* pc points to a static FUNCC/FUNCCW/fast-function
                           pseudo instruction. */
  lua_CFunction f;      /* C function to be called. */
  TValue upvalue[1];    /* Array of upvalues (TValue). */
} GCfuncC;

typedef struct GCfuncL {
  GCfuncHeader;         /* pc points to proto bc[0] (the header ins). */
  GCupval *uvptr[1];    /* Array of _pointers_ to upvalue objects. */
} GCfuncL;

typedef union GCfunc {
  GCfuncC c;
  GCfuncL l;
} GCfunc;

#define FF_LUA  0
#define FF_C    1   /* Plain C function; >1: fast function id (ffid). */
#define isluafunc(fn)   ((fn)->c.ffid == FF_LUA)
#define iscfunc(fn)     ((fn)->c.ffid != FF_LUA)
#define isffunc(fn)     ((fn)->c.ffid > FF_C)
#define funcproto(fn)   ((GCproto *)(fn)->l.pc - 1)
#define sizeCfunc(n)    (sizeof(GCfuncC) - sizeof(TValue) + sizeof(TValue) * (n))
#define sizeLfunc(n)    (sizeof(GCfuncL) - sizeof(GCupval *) + sizeof(GCupval *) * (n))

/* Hash node. */
typedef struct Node {
  TValue val;           /* Value object. Must be first field. */
  TValue key;           /* Key object. */
  struct Node *next;    /* Hash chain. */
} Node;

/* Table.
**
** Array part: array[0 .. asize-1] holds integer keys 0 .. asize-1 (key 0
** included, as in LuaJIT). Hash part: hmask+1 nodes (power of two), chained
** through Node.next, each key in its main position or chained from it.
** nomm caches absent metamethods: bit (1 << mm) set means "this table,
** used as a metatable, has no field for metamethod mm" (only for the fast
** metamethods, index < MM_FAST); cleared on every store into the table.
*/
typedef struct GCtab {
  GCHeader;
  uint8_t nomm;         /* Negative cache for fast metamethods. */
  int8_t colo;          /* Array colocation (reserved). */
  TValue *array;        /* Array part. */
  GCobj *gclist;
  struct GCtab *metatable;
  Node *node;           /* Hash part. */
  MSize asize;          /* Size of array part (keys [0, asize-1]). */
  MSize hmask;          /* Hash part mask (size of hash part - 1). */
  Node *freetop;        /* Top of free node list (search downwards). */
} GCtab;

/* -- Metamethods ------------------------------------------------------------
** ORDER matters: the first MM_FAST entries are cached negatively in
** GCtab.nomm. Arithmetic events are in the order of the arithmetic ops.
*/
#define MMDEF(_) \
  _(index) _(newindex) _(gc) _(mode) _(eq) _(len) \
  _(lt) _(le) _(concat) _(call) \
  _(add) _(sub) _(mul) _(div) _(mod) _(pow) _(unm) \
  _(metatable) _(tostring)

typedef enum {
#define MMENUM(name) MM_##name,
  MMDEF(MMENUM)
#undef MMENUM
  MM__MAX,
  MM_FAST = MM_len + 1   /* __index .. __len are cached in nomm. */
} MMS;

/* -- Threads and the global state ------------------------------------------
**
** Frame layout (two slots per frame link, LuaJIT's GC64 "FR2" layout):
**
**   base[-2]  the called function (a TValue holding the GCfunc)
**   base[-1]  the frame link: raw 64 bits, not a normal TValue:
**               Lua frame:   the caller's return PC (const BCIns *), low
**                            bits 00: FRAME_LUA. The caller's CALL
**                            instruction is pc[-1]; its A gives the caller
**                            base: caller_base = base - 2 - A.
**               other frames: (delta_bytes | type), delta = distance from
**                            base back to the previous frame's base.
**   base[0..] the arguments, then the locals and temporaries.
**
** The GC treats frame links as numbers (they are small integers or
** pointers, which look like denormal doubles).
*/
enum {
  FRAME_LUA, FRAME_C, FRAME_CONT, FRAME_VARG,
  FRAME_LUAP, FRAME_CP, FRAME_PCALL, FRAME_PCALLH
};
#define FRAME_TYPE   3
#define FRAME_P      4
#define FRAME_TYPEP  (FRAME_TYPE | FRAME_P)

#define frame_func(base)      ((base) - 2)
#define frame_link(base)      ((base)[-1].u64)
#define frame_type(base)      ((int)(frame_link(base) & FRAME_TYPE))
#define frame_typep(base)     ((int)(frame_link(base) & FRAME_TYPEP))
#define frame_islua(base)     (frame_type(base) == FRAME_LUA)
#define frame_pc(base)        ((const BCIns *)(uintptr_t)frame_link(base))
#define frame_sized(base)     ((ptrdiff_t)(frame_link(base) & ~(uint64_t)FRAME_TYPEP))
#define frame_prevd(base)     ((TValue *)((char *)(base) - frame_sized(base)))

/* Hook and status bits live in global_State.hookmask. */
#define HOOK_EVENTMASK  0x0f     /* LUA_MASKCALL/RET/LINE/COUNT. */
#define HOOK_ACTIVE     0x10     /* A hook is running: don't recurse. */
#define HOOK_VMEVENT    0x20
#define HOOK_GC         0x40     /* GC finalizer running. */
#define HOOK_PROFILE    0x80

typedef struct GCState {
  size_t total;         /* Memory currently allocated. */
  size_t threshold;     /* Step when total reaches threshold. */
  size_t estimate;      /* Estimate of memory actually in use. */
  size_t debt;          /* Incremental work owed. */
  uint8_t currentwhite; /* Current white color. */
  uint8_t state;        /* GC state (GCSpause ... ). */
  uint8_t nocdata;
  uint8_t unused;
  MSize sweepstr;       /* Sweep position in string table. */
  MSize strpeak;        /* Strings interned when the sweep began. */
  GCobj *root;          /* List of all collectable objects. */
  GCobj **sweep;        /* Sweep position in root list. */
  GCobj *gray;          /* List of gray objects. */
  GCobj *grayagain;     /* List of objects for atomic traversal. */
  GCobj *weak;          /* List of weak tables (to be cleared). */
  GCobj *mmudata;       /* List of userdata (to be finalized). */
  GCobj *tobefnz;       /* Userdata with __gc pending finalization. */
  MSize stepmul;        /* Incremental GC step granularity. */
  MSize pause;          /* Pause between successive GC cycles. */
  int stopped;          /* collectgarbage("stop") in effect. */
} GCState;

/* Growable byte buffer (see src/core/buf.h): [b, w) written, [w, e) free. */
typedef struct SBuf {
  char *b;              /* Start of the buffer. */
  char *w;              /* Write position. */
  char *e;              /* End of the buffer. */
  struct lua_State *L;  /* State whose allocator owns the memory. */
} SBuf;

typedef struct global_State {
  GCstr **strhash;      /* String hash table (hash chain anchors). */
  MSize strmask;        /* String hash mask (size of hash table - 1). */
  MSize strnum;         /* Number of strings in hash table. */
  uint64_t strseed;     /* Per-state random key of the string hash. */
  uint32_t strsid;      /* Next string serial number. */
  uint32_t ffhint;      /* Where lu_ff_id starts its next scan. */
  lua_Alloc allocf;     /* Memory allocator. */
  void *allocd;         /* Memory allocator data. */
  GCState gc;           /* Garbage collector. */
  char *tmpbuf;         /* Temporary string buffer (lu_buf). */
  MSize tmpsize;
  TValue registrytv;    /* Anchor for registry. */
  GCstr *strempty;      /* The empty string. */
  GCstr *gcname[MM__MAX]; /* Metamethod names ("__index", ...). */
  GCtab *basemt[16];    /* Metatables for base types (by ~itype index). */
  struct lua_State *mainthread;
  struct lua_State *cur_L; /* Currently executing thread. */
  lua_CFunction panic;  /* Called as a last resort for errors. */
  lua_Hook hookf;       /* Hook function. */
  int hookmask;         /* Active hooks and status (HOOK_*). */
  int hookcount;        /* Instruction hook countdown. */
  int hookcstart;       /* Start count for instruction hook counter. */
  uint8_t dispatchmode; /* Dispatch mode (see src/vm/dispatch.c). */
  uint8_t vmstate;      /* Current VM state. */
  volatile int sigint;  /* Set asynchronously by the CLI on Ctrl-C. */
  uint32_t prngstate[8]; /* PRNG state for math.random (reserved). */
  struct GG_State *gg;  /* Back pointer to the enclosing GG_State. */
  void *user;           /* Free for subsystems: see DESIGN.md. */
  void *ctstate;        /* FFI type table (src/ffi/ctype.h) or NULL. */
  SBuf tmpsb;           /* The temporary buffer (lu_buf_tmp); tmpbuf and
                           tmpsize above mirror its b and size. */
  TValue tmptv;         /* C API: holds the table for the pseudo-indices
                           LUA_GLOBALSINDEX / LUA_ENVIRONINDEX. */
} global_State;

/* Per-thread state (coroutine). */
struct lua_State {
  GCHeader;
  uint8_t dummy_ffid;   /* Fake FF_C for "current function is C" checks. */
  uint8_t status;       /* Thread status (LUA_OK/LUA_YIELD/errors). */
  global_State *glref;  /* Link to global state. */
  GCobj *gclist;
  TValue *base;         /* Base of currently executing function. */
  TValue *top;          /* First free slot in the stack. */
  TValue *maxstack;     /* Last free slot in the stack. */
  TValue *stack;        /* Stack base. */
  GCupval *openupval;   /* List of open upvalues, highest slot first. */
  GCtab *env;           /* Thread environment (table of globals). */
  void *cframe;         /* Innermost C frame (error catch point). */
  MSize stacksize;      /* True stack size (incl. LU_STACK_EXTRA). */
  int nCcalls;          /* Depth of nested C calls (C recursion budget). */
  const BCIns *savedpc; /* Interpreter: pc after the current instruction of
                           the Lua frame at L->base, saved before anything
                           that may throw, run the GC or walk the stack
                           (see src/vm/vm.h). */
};

#define G(L)   ((L)->glref)

/* Tagged object in GC headers and the union of all objects. */
union GCobj {
  GChead gch;
  GCstr str;
  GCupval uv;
  lua_State th;
  GCproto pt;
  GCfunc fn;
  GCtab tab;
  GCudata ud;
  GCcdata cd;
};

#define gco2str(o)   (&(o)->str)
#define gco2uv(o)    (&(o)->uv)
#define gco2th(o)    (&(o)->th)
#define gco2pt(o)    (&(o)->pt)
#define gco2func(o)  (&(o)->fn)
#define gco2tab(o)   (&(o)->tab)
#define gco2ud(o)    (&(o)->ud)
#define gco2cd(o)    (&(o)->cd)
#define obj2gco(v)   ((GCobj *)(v))

/* -- TValue accessors ------------------------------------------------------ */

#define itype(o)       ((uint32_t)((o)->u64 >> 47))
#define tvisnil(o)     ((o)->u64 == LU_VNIL)
#define tvisfalse(o)   ((o)->u64 == LU_VFALSE)
#define tvistrue(o)    ((o)->u64 == LU_VTRUE)
#define tvisbool(o)    (tvisfalse(o) || tvistrue(o))
#define tvispri(o)     (itype(o) >= LU_TISPRI)
#define tvislightud(o) (itype(o) == LU_TLIGHTUD)
#define tvisstr(o)     (itype(o) == LU_TSTR)
#define tvisfunc(o)    (itype(o) == LU_TFUNC)
#define tvisthread(o)  (itype(o) == LU_TTHREAD)
#define tvisproto(o)   (itype(o) == LU_TPROTO)
#define tvistab(o)     (itype(o) == LU_TTAB)
#define tvisudata(o)   (itype(o) == LU_TUDATA)
#define tviscdata(o)   (itype(o) == LU_TCDATA)
#define tvisnumber(o)  ((o)->u64 < ((uint64_t)LU_TISNUM << 47))
#define tvisgcv(o)     ((itype(o) - LU_TISGCV) > (LU_TNUMX - LU_TISGCV))
/* Falsy: nil or false. */
#define tvisfalsy(o)   ((o)->u64 >= LU_VFALSE)
#define tvistruecond(o) (!tvisfalsy(o))

#define gcval(o)       ((GCobj *)(uintptr_t)((o)->u64 & LU_GCVMASK))
#define strV(o)        (&gcval(o)->str)
#define funcV(o)       (&gcval(o)->fn)
#define threadV(o)     (&gcval(o)->th)
#define protoV(o)      (&gcval(o)->pt)
#define tabV(o)        (&gcval(o)->tab)
#define udataV(o)      (&gcval(o)->ud)
#define cdataV(o)      (&gcval(o)->cd)
#define numV(o)        ((o)->n)
#define lightudV(o)    ((void *)(uintptr_t)((o)->u64 & LU_GCVMASK))
#define boolV(o)       ((o)->u64 == LU_VTRUE)

#define setnilV(o)     ((o)->u64 = LU_VNIL)
#define setboolV(o, x) ((o)->u64 = (x) ? LU_VTRUE : LU_VFALSE)
#define setpriV(o, it) ((o)->u64 = ((uint64_t)(it) << 47) | LU_GCVMASK)
#define setnumV(o, x)  ((o)->n = (x))
#define setgcVraw(o, gc, it) \
  ((o)->u64 = (uint64_t)(uintptr_t)(gc) | ((uint64_t)(it) << 47))
#define setstrV(L, o, s)   setgcVraw((o), (s), LU_TSTR)
#define settabV(L, o, t)   setgcVraw((o), (t), LU_TTAB)
#define setfuncV(L, o, f)  setgcVraw((o), (f), LU_TFUNC)
#define setthreadV(L, o, t) setgcVraw((o), (t), LU_TTHREAD)
#define setprotoV(L, o, p) setgcVraw((o), (p), LU_TPROTO)
#define setudataV(L, o, u) setgcVraw((o), (u), LU_TUDATA)
#define setcdataV(L, o, c) setgcVraw((o), (c), LU_TCDATA)
#define setlightudV(o, p) \
  ((o)->u64 = ((uint64_t)(uintptr_t)(p) & LU_GCVMASK) | ((uint64_t)LU_TLIGHTUD << 47))
#define copyTV(L, d, s)    (*(d) = *(s))

/* Canonicalise a NaN produced by arithmetic or conversion. */
static LU_AINLINE double lu_num_canon(double n)
{
  return n == n ? n : __builtin_nan("");
}
static LU_AINLINE void setnumV_canon(TValue *o, double n)
{
  TValue t;
  t.n = n;
  if (LU_UNLIKELY(!tvisnumber(&t))) t.u64 = 0xfff8000000000000ull;
  *o = t;
}

/* Type name index for error messages: 0 nil .. see lu_obj_typename. */
LU_DATA const char *const lu_obj_itypename[];
#define lu_typename(o) \
  (tvisnumber(o) ? "number" : lu_obj_itypename[(~itype(o)) & 15])

#endif
