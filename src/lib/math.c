/*
** lunar: the math library (Lua 5.1 plus LuaJIT's behaviour).
**
** math.random uses xoshiro256** seeded through splitmix64: a fast,
** high-quality generator whose sequence is reproducible for a given
** math.randomseed value. Its state lives in the library's upvalue (a
** userdata), so independent states never share it.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "lib.h"

#define MATH_UNARY(name, fn) \
  static int math_##name(lua_State *L) \
  { \
    lua_pushnumber(L, fn(luaL_checknumber(L, 1))); \
    return 1; \
  }

/* LuaJIT's ceil rounds to nearest first and then corrects upwards, so a
** value in (-1, -0.5) gives +0 while one in [-0.5, 0) gives -0. */
static double math_ljceil(double x)
{
  double r = ceil(x);
  if (r == 0 && x < -0.5) r = 0.0;
  return r;
}

MATH_UNARY(abs, fabs)
MATH_UNARY(ceil, math_ljceil)
MATH_UNARY(floor, floor)
MATH_UNARY(sqrt, sqrt)
MATH_UNARY(sin, sin)
MATH_UNARY(cos, cos)
MATH_UNARY(tan, tan)
MATH_UNARY(asin, asin)
MATH_UNARY(acos, acos)
MATH_UNARY(atan, atan)
MATH_UNARY(exp, exp)
MATH_UNARY(log10, log10)
MATH_UNARY(sinh, sinh)
MATH_UNARY(cosh, cosh)
MATH_UNARY(tanh, tanh)

#define MATH_BINARY(name, fn) \
  static int math_##name(lua_State *L) \
  { \
    double x = luaL_checknumber(L, 1);  /* Argument 1 is checked first. */ \
    lua_pushnumber(L, fn(x, luaL_checknumber(L, 2))); \
    return 1; \
  }

MATH_BINARY(atan2, atan2)
MATH_BINARY(pow, pow)
MATH_BINARY(fmod, fmod)

/* log(x [, base]): a present base must be a number (LuaJIT). With a base
** the result is log2(x) * (1 / log2(base)), rounded exactly as LuaJIT's
** (math.log(1000, 10) == 3, math.log(27, 3) == 3.0000000000000004). */
static int math_log(lua_State *L)
{
  double x = luaL_checknumber(L, 1);
  if (lua_isnone(L, 2)) {
    lua_pushnumber(L, log(x));
  } else {
    double base = luaL_checknumber(L, 2);
    lua_pushnumber(L, log2(x) * (1.0 / log2(base)));
  }
  return 1;
}

/* x * k for math.deg and math.rad. In LuaJIT these two are Lua builtins,
** so a bad argument fails as arithmetic does, in the builtin's own chunk;
** the same message here. */
static int math_scale(lua_State *L, const char *name, double k)
{
  int isnum;
  double x = lua_tonumberx(L, 1, &isnum);
  if (!isnum) {
    int t = lua_type(L, 1);  /* A missing argument is a nil there. */
    return luaL_error(L, "[builtin:%s]:0: attempt to perform arithmetic on "
                      "a %s value", name,
                      lua_typename(L, t == LUA_TNONE ? LUA_TNIL : t));
  }
  lua_pushnumber(L, x * k);
  return 1;
}

static int math_deg(lua_State *L)
{
  return math_scale(L, "deg", 180.0 / 3.14159265358979323846);
}

static int math_rad(lua_State *L)
{
  return math_scale(L, "rad", 3.14159265358979323846 / 180.0);
}

static int math_modf(lua_State *L)
{
  double ip, fp = modf(luaL_checknumber(L, 1), &ip);
  lua_pushnumber(L, ip);
  lua_pushnumber(L, isinf(ip) ? copysign(0.0, ip) : fp);
  return 2;
}

static int math_frexp(lua_State *L)
{
  int e;
  lua_pushnumber(L, frexp(luaL_checknumber(L, 1), &e));
  lua_pushnumber(L, (lua_Number)e);
  return 2;
}

static int math_ldexp(lua_State *L)
{
  double m = luaL_checknumber(L, 1), e = luaL_checknumber(L, 2);
  /* The exponent is truncated; infinite and NaN exponents scale as a
  ** power of two would (LuaJIT: ldexp(2, inf) is inf, ldexp(1, nan) nan). */
  if (e != e) {
    lua_pushnumber(L, e);
  } else if (isinf(e)) {
    lua_pushnumber(L, e > 0 ? m * e : m * 0.0);
  } else {
    e = trunc(e);
    if (e > 100000.0) e = 100000.0;
    if (e < -100000.0) e = -100000.0;
    lua_pushnumber(L, ldexp(m, (int)e));
  }
  return 1;
}

/* min/max keep the first operand unless the next one compares strictly
** smaller/greater, so NaNs propagate the way LuaJIT's do. */
static int math_min(lua_State *L)
{
  int i, n = lua_gettop(L);
  double m = luaL_checknumber(L, 1);
  for (i = 2; i <= n; i++) {
    double b = luaL_checknumber(L, i);
    m = (m < b) ? m : b;
  }
  lua_pushnumber(L, m);
  return 1;
}

static int math_max(lua_State *L)
{
  int i, n = lua_gettop(L);
  double m = luaL_checknumber(L, 1);
  for (i = 2; i <= n; i++) {
    double b = luaL_checknumber(L, i);
    m = (m > b) ? m : b;
  }
  lua_pushnumber(L, m);
  return 1;
}

/* -- Random numbers ------------------------------------------------------- */

typedef struct RandomState {
  uint64_t s[4];
} RandomState;

static uint64_t rand_splitmix(uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static void rand_seed(RandomState *rs, double seed)
{
  uint64_t x;
  int i;
  memcpy(&x, &seed, sizeof(x));
  for (i = 0; i < 4; i++) rs->s[i] = rand_splitmix(&x);
}

static uint64_t rand_rotl(uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static uint64_t rand_next(RandomState *rs)
{
  uint64_t *s = rs->s;
  uint64_t result = rand_rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rand_rotl(s[3], 45);
  return result;
}

/* Uniform double in [0, 1) with 53 random bits. */
static double rand_double(RandomState *rs)
{
  return (double)(rand_next(rs) >> 11) * (1.0 / 9007199254740992.0);
}

static RandomState *rand_state(lua_State *L)
{
  return (RandomState *)lua_touserdata(L, lua_upvalueindex(1));
}

/* random(): [0,1); random(m): integer in [1,m]; random(m,n): [m,n].
** Like LuaJIT, empty intervals are not diagnosed. */
static int math_random(lua_State *L)
{
  double r = rand_double(rand_state(L));
  if (lua_gettop(L) == 0) {
    lua_pushnumber(L, r);
  } else {
    double m = luaL_checknumber(L, 1);
    if (lua_isnone(L, 2)) {
      lua_pushnumber(L, floor(r * m) + 1.0);
    } else {
      double n = luaL_checknumber(L, 2);
      lua_pushnumber(L, floor(r * (n - m + 1.0)) + m);
    }
  }
  return 1;
}

static int math_randomseed(lua_State *L)
{
  rand_seed(rand_state(L), luaL_checknumber(L, 1));
  return 0;
}

static const luaL_Reg math_funcs[] = {
  { "abs", math_abs }, { "ceil", math_ceil }, { "floor", math_floor },
  { "sqrt", math_sqrt }, { "sin", math_sin }, { "cos", math_cos },
  { "tan", math_tan }, { "asin", math_asin }, { "acos", math_acos },
  { "atan", math_atan }, { "atan2", math_atan2 }, { "exp", math_exp },
  { "log", math_log }, { "log10", math_log10 }, { "sinh", math_sinh },
  { "cosh", math_cosh }, { "tanh", math_tanh }, { "pow", math_pow },
  { "fmod", math_fmod }, { "modf", math_modf }, { "frexp", math_frexp },
  { "ldexp", math_ldexp }, { "deg", math_deg }, { "rad", math_rad },
  { "min", math_min }, { "max", math_max },
  { NULL, NULL }
};

LUALIB_API int luaopen_math(lua_State *L)
{
  RandomState *rs;
  lu_lib_register(L, LUA_MATHLIBNAME, math_funcs);
  rs = (RandomState *)lua_newuserdata(L, sizeof(RandomState));
  rand_seed(rs, 0.0);
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, math_random, 1);
  lu_lib_markff(L, LUA_MATHLIBNAME, "random");
  lua_setfield(L, -3, "random");
  lua_pushcclosure(L, math_randomseed, 1);
  lu_lib_markff(L, LUA_MATHLIBNAME, "randomseed");
  lua_setfield(L, -2, "randomseed");
  lua_pushnumber(L, 3.14159265358979323846);
  lua_setfield(L, -2, "pi");
  lua_pushnumber(L, HUGE_VAL);
  lua_setfield(L, -2, "huge");
  return 1;
}
