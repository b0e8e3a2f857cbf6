/*
** lunar: LuaJIT 2.1 bytecode dump format — writer and verifying reader.
**
** The format (all multi-byte integers are ULEB128 unless noted):
**
**   header   "\033LJ" version(byte = 2) flags
**            [chunkname length + bytes]          unless flags & STRIP
**   proto*   length body                         children before parents
**   0                                            end marker
**
**   body     flags(byte) numparams(byte) framesize(byte) sizeuv(byte)
**            sizekgc sizekn sizebc-1
**            [sizedbg [firstline numline]]       unless STRIP
**            bc[1 .. sizebc-1]                   32-bit words, host order
**            uv[0 .. sizeuv-1]                   16-bit words
**            kgc[sizekgc-1 .. 0]                 see BCDUMP_KGC_*
**            knum[0 .. sizekn-1]                 ULEB128_33 lo [hi]
**            debug info (sizedbg bytes): line deltas (1/2/4 bytes each by
**            numline), upvalue names (NUL-terminated), variable infos
**            (name or BCDUMP_VAR_* code, startpc delta, range), 0
**
** A knum's first ULEB128 carries 33 bits: bit 0 set means a double whose
** low word is the remaining 32 bits and whose high word follows; bit 0
** clear means an int32 constant. A CHILD constant pops the most recently
** read prototype. The header instruction bc[0] is not stored: the reader
** rebuilds it from the flags and the frame size.
*/
#ifndef LU_BCDUMP_H
#define LU_BCDUMP_H

#include "../core/obj.h"

#define BCDUMP_HEAD1     0x1b
#define BCDUMP_HEAD2     'L'
#define BCDUMP_HEAD3     'J'
#define BCDUMP_VERSION   2

#define BCDUMP_F_BE      0x01
#define BCDUMP_F_STRIP   0x02
#define BCDUMP_F_FFI     0x04
#define BCDUMP_F_FR2     0x08
#define BCDUMP_F_KNOWN   (BCDUMP_F_FR2 * 2 - 1)

/* Types of GC constants. */
enum {
  BCDUMP_KGC_CHILD, BCDUMP_KGC_TAB, BCDUMP_KGC_I64, BCDUMP_KGC_U64,
  BCDUMP_KGC_COMPLEX, BCDUMP_KGC_STR
};

/* Types of template table keys and values. */
enum {
  BCDUMP_KTAB_NIL, BCDUMP_KTAB_FALSE, BCDUMP_KTAB_TRUE,
  BCDUMP_KTAB_INT, BCDUMP_KTAB_NUM, BCDUMP_KTAB_STR
};

/* Codes of internal variable names (for-loop state) in the debug info. */
#define BCDUMP_VARDEF(_) \
  _(FOR_IDX, "(for index)") _(FOR_STOP, "(for limit)") \
  _(FOR_STEP, "(for step)") _(FOR_GEN, "(for generator)") \
  _(FOR_STATE, "(for state)") _(FOR_CTL, "(for control)")

enum {
  BCDUMP_VAR_END,
#define BCDUMP_VARENUM(name, str)  BCDUMP_VAR_##name,
  BCDUMP_VARDEF(BCDUMP_VARENUM)
#undef BCDUMP_VARENUM
  BCDUMP_VAR__MAX
};

/* Dump pt (and its children) through writer; returns the writer's first
** nonzero status, or 0. strip drops the debug info. */
LU_FUNC int lu_bcwrite(lua_State *L, GCproto *pt, lua_Writer writer,
                       void *data, int strip);

/* Read a dump through reader (the first bytes already consumed are in
** buf/len, see parse.c), verify it completely and return the main
** prototype. Malformed input throws a syntax error ("cannot load malformed
** bytecode" or a more precise message) and never reads or writes out of
** bounds. chunkname is used when the dump is stripped. */
typedef struct BCReadCtx {
  lua_State *L;
  lua_Reader reader;    /* Source of further bytes. */
  void *rdata;
  const char *p;        /* Current read position. */
  const char *pe;       /* End of the bytes available. */
  GCstr *chunkname;     /* Name for messages (and stripped dumps). */
  GCtab *anchor;        /* Caller's GC anchor table: everything read is
                           kept alive through it (integer keys >= 2^30). */
} BCReadCtx;

LU_FUNC GCproto *lu_bcread(BCReadCtx *ctx);

#endif
