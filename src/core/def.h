/*
** lunar: basic definitions shared by every internal module.
**
** Fixed-width types, branch hints, assertion levels and the symbol
** visibility rule: internal functions are LU_FUNC (hidden from the shared
** library's exports); only the public API in src/api is exported.
*/
#ifndef LU_DEF_H
#define LU_DEF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <limits.h>

typedef uint32_t MSize;      /* Object and buffer sizes. */
typedef uint32_t BCIns;      /* One bytecode instruction. */
typedef uint32_t BCPos;      /* Bytecode position (index into bc[]). */
typedef int32_t BCLine;      /* Source line number. */
typedef uint8_t BCReg;       /* Stack slot number inside a frame. */

#define LU_LIKELY(x)    __builtin_expect(!!(x), 1)
#define LU_UNLIKELY(x)  __builtin_expect(!!(x), 0)
#define LU_NORET        __attribute__((noreturn))
#define LU_NOINLINE     __attribute__((noinline))
#define LU_AINLINE      inline __attribute__((always_inline))
#define LU_ALIGN(n)     __attribute__((aligned(n)))
#define LU_FUNC         __attribute__((visibility("hidden")))
#define LU_DATA         extern __attribute__((visibility("hidden")))
#define LU_FASTCALL

#define lu_countof(a)   (sizeof(a) / sizeof((a)[0]))

/* -- Assertions ---------------------------------------------------------
** Two levels. lu_assert checks internal invariants and is compiled in
** only with LUNAR_USE_ASSERT (debug and test builds). C API misuse is
** checked separately with LUA_USE_APICHECK (see src/api).
*/
#ifdef LUNAR_USE_ASSERT
LU_FUNC LU_NORET void lu_assert_fail(const char *file, int line,
                                     const char *func, const char *why);
#define lu_assert(c, why) \
  ((c) ? (void)0 : lu_assert_fail(__FILE__, __LINE__, __func__, (why)))
#else
#define lu_assert(c, why)  ((void)0)
#endif

/* -- Limits ------------------------------------------------------------- */
#define LU_MAX_SLOTS     250      /* Max. frame size of a Lua function. */
#define LU_MAX_LOCVAR    200      /* Max. number of local variables. */
#define LU_MAX_UPVAL     60       /* Max. number of upvalues. */
#define LU_MAX_IDXCHAIN  100      /* Max. __index/__newindex chain. */
#define LU_MAX_XLEVEL    200      /* Max. syntactical nesting. */
#define LU_MAX_CCALLS    200      /* Max. C recursion depth (C calls). */
#define LU_MAX_STR       0x7fffff00u  /* Max. string length. */
#define LU_MAX_ASIZE     ((1u << 27) + 1)  /* Max. array part size. */
#define LU_MAX_HBITS     26       /* Max. hash part bits. */
#define LU_MAX_STACK     65500    /* Max. Lua stack slots (LuaJIT's). */
#define LU_STACK_EXTRA   (5 + 2)  /* Extra slots beyond maxstack. */
#define LU_STACK_START   (2 * 20) /* Initial stack size (slots). */
#define LU_MIN_STRTAB    256      /* Min. size of the string table. */

#endif
