/*
** lunar: the bit library (LuaJIT's `bit` module, exactly).
**
** All operations work on 32-bit signed integers. Arguments are normalised
** with tobit(): the number is added to 2^52 + 2^51 and the low 32 bits of
** the resulting double's representation are taken, which reduces any
** finite double modulo 2^32 with round-to-nearest-even, as LuaJIT does.
** Once an FFI cdata takes part, the 64-bit versions of src/lib/ffi.c take
** over (LuaJIT 2.1: bit.band(x, 0xffULL) is a uint64_t).
*/
#include <stdint.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"
#include "../ffi/cdata.h"
#include "../core/obj.h"

static int32_t bit_num2bit(lua_Number n)
{
  union { lua_Number d; uint64_t u; } c;
  c.d = n + 6755399441055744.0;  /* 2^52 + 2^51 */
  return (int32_t)(uint32_t)c.u;
}

/* Argument narg as a 32-bit integer; FFI numbers count as numbers (a
** shift count 3LL, a digit count 20LL). */
static int32_t bit_check(lua_State *L, int narg)
{
  double n;
  if (lua_type(L, narg) == 10 && lu_ffi_tonumber(L, L->base + narg - 1, &n))
    return bit_num2bit(n);
  return bit_num2bit(luaL_checknumber(L, narg));
}

/* Is one of the arguments first .. last (last < 0: all) a cdata? */
static int bit_has64(lua_State *L, int first, int last)
{
  int i, n = lua_gettop(L);
  if (last < 0 || last > n) last = n;
  for (i = first; i <= last; i++)
    if (lua_type(L, i) == 10) return 1;  /* LUA_TCDATA */
  return 0;
}

static int bit_push(lua_State *L, int32_t x)
{
  lua_pushnumber(L, (lua_Number)x);
  return 1;
}

static int bit_tobit(lua_State *L)
{
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_TOBIT);
  return bit_push(L, bit_check(L, 1));
}

static int bit_bnot(lua_State *L)
{
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_BNOT);
  return bit_push(L, ~bit_check(L, 1));
}

static int bit_bswap(lua_State *L)
{
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_BSWAP);
  return bit_push(L, (int32_t)__builtin_bswap32((uint32_t)bit_check(L, 1)));
}

/* band/bor/bxor take one or more arguments. */
#define BIT_REDUCE(name, op, op64) \
  static int bit_##name(lua_State *L) \
  { \
    int i, n = lua_gettop(L); \
    uint32_t x; \
    if (bit_has64(L, 1, -1)) return lu_ffi_bit64(L, op64); \
    x = (uint32_t)bit_check(L, 1); \
    for (i = 2; i <= n; i++) x op (uint32_t)bit_check(L, i); \
    return bit_push(L, (int32_t)x); \
  }
BIT_REDUCE(band, &=, LU_BIT64_BAND)
BIT_REDUCE(bor, |=, LU_BIT64_BOR)
BIT_REDUCE(bxor, ^=, LU_BIT64_BXOR)

/* Shift counts use only their low 5 bits. */
static int bit_lshift(lua_State *L)
{
  uint32_t x;
  uint32_t n;
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_LSHIFT);
  x = (uint32_t)bit_check(L, 1);
  n = (uint32_t)bit_check(L, 2) & 31;
  return bit_push(L, (int32_t)(x << n));
}

static int bit_rshift(lua_State *L)
{
  uint32_t x;
  uint32_t n;
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_RSHIFT);
  x = (uint32_t)bit_check(L, 1);
  n = (uint32_t)bit_check(L, 2) & 31;
  return bit_push(L, (int32_t)(x >> n));
}

static int bit_arshift(lua_State *L)
{
  int32_t x;
  uint32_t n;
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_ARSHIFT);
  x = bit_check(L, 1);
  n = (uint32_t)bit_check(L, 2) & 31;
  return bit_push(L, x >> n);
}

static int bit_rol(lua_State *L)
{
  uint32_t x;
  uint32_t n;
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_ROL);
  x = (uint32_t)bit_check(L, 1);
  n = (uint32_t)bit_check(L, 2) & 31;
  return bit_push(L, (int32_t)((x << n) | (x >> ((32 - n) & 31))));
}

static int bit_ror(lua_State *L)
{
  uint32_t x;
  uint32_t n;
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_ROR);
  x = (uint32_t)bit_check(L, 1);
  n = (uint32_t)bit_check(L, 2) & 31;
  return bit_push(L, (int32_t)((x >> n) | (x << ((32 - n) & 31))));
}

/* tohex(x [,n]): |n| hex digits (default 8) of x as an unsigned 32-bit
** value zero-extended to 64 bits; n < 0 selects upper case. A present but
** non-number n is an error, as in LuaJIT. */
static int bit_tohex(lua_State *L)
{
  uint64_t x;
  int32_t n;
  const char *hex = "0123456789abcdef";
  luaL_Buffer b;
  int32_t i;
  if (bit_has64(L, 1, 1)) return lu_ffi_bit64(L, LU_BIT64_TOHEX);
  x = (uint32_t)bit_check(L, 1);
  n = lua_isnone(L, 2) ? 8 : bit_check(L, 2);
  if (n < 0) {
    n = (int32_t)(0u - (uint32_t)n);
    hex = "0123456789ABCDEF";
    if (n < 0) n = 0;  /* -2^31 has no positive counterpart. */
  }
  luaL_buffinit(L, &b);
  for (i = n; i > 16; i--) luaL_addchar(&b, '0');
  for (; i > 0; i--) luaL_addchar(&b, hex[(x >> (4 * (i - 1))) & 15]);
  luaL_pushresult(&b);
  return 1;
}

static const luaL_Reg bit_funcs[] = {
  { "tobit", bit_tobit }, { "bnot", bit_bnot }, { "band", bit_band },
  { "bor", bit_bor }, { "bxor", bit_bxor }, { "lshift", bit_lshift },
  { "rshift", bit_rshift }, { "arshift", bit_arshift }, { "rol", bit_rol },
  { "ror", bit_ror }, { "bswap", bit_bswap }, { "tohex", bit_tohex },
  { NULL, NULL }
};

LUALIB_API int luaopen_bit(lua_State *L)
{
  lu_lib_register(L, LUA_BITLIBNAME, bit_funcs);
  return 1;
}
