/*
** lunar: formatting numbers and values, lua_pushfstring (see strfmt.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <float.h>

#include "strfmt.h"
#include "str.h"
#include "buf.h"
#include "err.h"

/* -- Numbers ------------------------------------------------------------- */

/* Write the decimal digits of x (x > 0) ending at *end; returns start. */
static char *fmt_u64(char *end, uint64_t x)
{
  do {
    *--end = (char)('0' + x % 10);
    x /= 10;
  } while (x);
  return end;
}

/* Number of significant bits of n's binary significand. */
static int fmt_sigbits(double n)
{
  uint64_t u, mant;
  memcpy(&u, &n, sizeof(u));
  mant = u & (((uint64_t)1 << 52) - 1);
  if ((u >> 52) & 0x7ff) mant |= (uint64_t)1 << 52;
  if (mant == 0) return 0;
  return (64 - __builtin_clzll(mant)) - __builtin_ctzll(mant);
}

/* C's printf rounds an exact tie at the 14th significant digit to even
** (123456789012345 -> 1.2345678901234e+14); LuaJIT rounds it away from
** zero (1.2345678901235e+14). Returns n, or for an exact tie the double
** nearest to the 14-digit value rounded away, which "%.14g" then prints
** exactly. Ties need a 15th digit '5' followed only by zeros, so a cheap
** 17-digit look filters out almost every number first. */
static double fmt_tieaway(double n)
{
  char d17[40];
  char *p;
  int len;
  if (n != floor(n) && fmt_sigbits(n) > 48)
    return n;  /* m/2^j with m odd and m*5^j < 10^15 has <= 48 bits. */
  len = snprintf(d17, sizeof(d17), "%.16e", n);
  int neg = d17[0] == '-';
  char *dg = d17 + neg;          /* d.dddddddddddddddde+XX */
  if (len < 18 || dg[15] != '5' || dg[16] != '0' || dg[17] != '0')
    return n;
  {
    /* Exact decimal expansion (a double has at most 767 significant
    ** digits): a tie only if nothing but zeros follows the '5'. */
    char exact[800];
    int elen = snprintf(exact, sizeof(exact), "%.780e", n);
    char *e = strchr(exact, 'e');
    if (elen <= 0 || e == NULL) return n;
    for (p = exact + neg + 16; p < e; p++)
      if (*p != '0') return n;
  }
  {
    /* Round the 14 digits d.ddddddddddddd up in magnitude. */
    char r[40];
    int i, carry = 1, exp10 = atoi(strchr(dg, 'e') + 1);
    char digits[15];
    digits[0] = dg[0];
    memcpy(digits + 1, dg + 2, 13);
    for (i = 13; i >= 0 && carry; i--) {
      if (digits[i] == '9') {
        digits[i] = '0';
      } else {
        digits[i]++;
        carry = 0;
      }
    }
    if (carry) {  /* 9.99..9 -> 10.0..0 */
      digits[0] = '1';
      exp10++;
    }
    snprintf(r, sizeof(r), "%s%c.%.13se%d", neg ? "-" : "", digits[0],
             digits + 1, exp10);
    return strtod(r, NULL);
  }
}

/* Fast path for non-integers with a short decimal form, such as 0.5 or
** 12.375, in the range "%.14g" prints without an exponent (1e-4 <= a <
** 1e14, a = |n|). If n is the double nearest to Y/10^k for an integer Y of
** at most 14 digits, then n lies within half an ulp of that 14-digit
** decimal, far from any rounding midpoint, so "%.14g" prints exactly
** Y/10^k: write it from integers. Returns 0 when n has no such form. */
static size_t fmt_short(char *buf, double n, double a)
{
  static const double pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17, 1e18
  };
  int k;
  for (k = 1; k <= 18; k++) {
    double y = a * pow10[k];
    double r;
    if (y >= 1e14) return 0;  /* Needs more than 14 digits. */
    r = __builtin_round(y);
    if (r - y < 1e-3 && y - r < 1e-3 && r / pow10[k] == a && r != 0) {
      uint64_t Y = (uint64_t)r, p = 1, ip, fp;
      char *w = buf;
      int i;
      if (Y % 10 == 0) return 0;  /* Not minimal: cannot happen, be safe. */
      for (i = 0; i < k; i++) p *= 10;
      ip = Y / p;
      fp = Y % p;
      if (n < 0) *w++ = '-';
      {
        char tmp[24];
        char *e = tmp + sizeof(tmp);
        char *q = fmt_u64(e, ip);
        memcpy(w, q, (size_t)(e - q));
        w += e - q;
      }
      *w++ = '.';
      for (i = k - 1; i >= 0; i--) {
        w[i] = (char)('0' + fp % 10);
        fp /= 10;
      }
      w += k;
      return (size_t)(w - buf);
    }
  }
  return 0;
}

/* 10^p for p = -27..27 as unevaluated sums hi + lo of two doubles: exact
** for p >= 0 (10^27 has 63 significant bits), within 2^-106 relative
** otherwise. Generated with exact rational arithmetic. */
static const double fmt_p10dd[55][2] = {
    {0x1.3ce9a36f23c10p-90, -0x1.b788a15d9b30bp-145},  /* 1e-27 */
    {0x1.8c240c4aecb14p-87, -0x1.12b564da80fe7p-141},  /* 1e-26 */
    {0x1.ef2d0f5da7dd9p-84, -0x1.5762be11213e0p-138},  /* 1e-25 */
    {0x1.357c299a88ea7p-80, 0x1.a96249354b394p-134},  /* 1e-24 */
    {0x1.82db34012b251p-77, 0x1.13badb829e079p-131},  /* 1e-23 */
    {0x1.e392010175ee6p-74, -0x1.a7566d9cba769p-128},  /* 1e-22 */
    {0x1.2e3b40a0e9b4fp-70, 0x1.f769fb7e0b75ep-124},  /* 1e-21 */
    {0x1.79ca10c924223p-67, 0x1.75447a5d8e536p-121},  /* 1e-20 */
    {0x1.d83c94fb6d2acp-64, 0x1.a52b31e9e3d07p-119},  /* 1e-19 */
    {0x1.2725dd1d243acp-60, -0x1.7c628066e8ceep-114},  /* 1e-18 */
    {0x1.70ef54646d497p-57, -0x1.db7b2080a3029p-111},  /* 1e-17 */
    {0x1.cd2b297d889bcp-54, 0x1.5b4c2ebe68799p-109},  /* 1e-16 */
    {0x1.203af9ee75616p-50, -0x1.937831647f5a0p-104},  /* 1e-15 */
    {0x1.6849b86a12b9bp-47, 0x1.ea70909833de7p-107},  /* 1e-14 */
    {0x1.c25c268497682p-44, -0x1.ecd79a5a0df95p-99},  /* 1e-13 */
    {0x1.19799812dea11p-40, 0x1.97f27f0f6e886p-96},  /* 1e-12 */
    {0x1.5fd7fe1796495p-37, 0x1.7f7bc7b4d28aap-91},  /* 1e-11 */
    {0x1.b7cdfd9d7bdbbp-34, -0x1.20a5465df8d2cp-88},  /* 1e-10 */
    {0x1.12e0be826d695p-30, -0x1.34674bfabb83bp-84},  /* 1e-9 */
    {0x1.5798ee2308c3ap-27, -0x1.03023df2d4c94p-82},  /* 1e-8 */
    {0x1.ad7f29abcaf48p-24, 0x1.5e1e99483b023p-78},  /* 1e-7 */
    {0x1.0c6f7a0b5ed8dp-20, 0x1.b5a63f9a49c2cp-75},  /* 1e-6 */
    {0x1.4f8b588e368f1p-17, -0x1.ee78183f91e64p-71},  /* 1e-5 */
    {0x1.a36e2eb1c432dp-14, -0x1.6a161e4f765fep-68},  /* 1e-4 */
    {0x1.0624dd2f1a9fcp-10, -0x1.89374bc6a7efap-66},  /* 1e-3 */
    {0x1.47ae147ae147bp-7, -0x1.eb851eb851eb8p-63},  /* 1e-2 */
    {0x1.999999999999ap-4, -0x1.999999999999ap-58},  /* 1e-1 */
    {0x1.0000000000000p+0, 0x0.0p+0},  /* 1e0 */
    {0x1.4000000000000p+3, 0x0.0p+0},  /* 1e1 */
    {0x1.9000000000000p+6, 0x0.0p+0},  /* 1e2 */
    {0x1.f400000000000p+9, 0x0.0p+0},  /* 1e3 */
    {0x1.3880000000000p+13, 0x0.0p+0},  /* 1e4 */
    {0x1.86a0000000000p+16, 0x0.0p+0},  /* 1e5 */
    {0x1.e848000000000p+19, 0x0.0p+0},  /* 1e6 */
    {0x1.312d000000000p+23, 0x0.0p+0},  /* 1e7 */
    {0x1.7d78400000000p+26, 0x0.0p+0},  /* 1e8 */
    {0x1.dcd6500000000p+29, 0x0.0p+0},  /* 1e9 */
    {0x1.2a05f20000000p+33, 0x0.0p+0},  /* 1e10 */
    {0x1.74876e8000000p+36, 0x0.0p+0},  /* 1e11 */
    {0x1.d1a94a2000000p+39, 0x0.0p+0},  /* 1e12 */
    {0x1.2309ce5400000p+43, 0x0.0p+0},  /* 1e13 */
    {0x1.6bcc41e900000p+46, 0x0.0p+0},  /* 1e14 */
    {0x1.c6bf526340000p+49, 0x0.0p+0},  /* 1e15 */
    {0x1.1c37937e08000p+53, 0x0.0p+0},  /* 1e16 */
    {0x1.6345785d8a000p+56, 0x0.0p+0},  /* 1e17 */
    {0x1.bc16d674ec800p+59, 0x0.0p+0},  /* 1e18 */
    {0x1.158e460913d00p+63, 0x0.0p+0},  /* 1e19 */
    {0x1.5af1d78b58c40p+66, 0x0.0p+0},  /* 1e20 */
    {0x1.b1ae4d6e2ef50p+69, 0x0.0p+0},  /* 1e21 */
    {0x1.0f0cf064dd592p+73, 0x0.0p+0},  /* 1e22 */
    {0x1.52d02c7e14af6p+76, 0x1.0000000000000p+23},  /* 1e23 */
    {0x1.a784379d99db4p+79, 0x1.0000000000000p+24},  /* 1e24 */
    {0x1.08b2a2c280291p+83, -0x1.b000000000000p+29},  /* 1e25 */
    {0x1.4adf4b7320335p+86, -0x1.1c00000000000p+32},  /* 1e26 */
    {0x1.9d971e4fe8402p+89, -0x1.8c00000000000p+33},  /* 1e27 */
};

/* The nd (1..14) significant digits of a (finite, > 0) rounded to
** nearest, from y = a * 10^(nd-1-e) computed as a two-double product
** (Dekker's exact product of a and the high part, plus a times the low
** part): off from the true product by less than 1e-15 (y < 10^14), so
** rounding y to an integer gives the digits printf prints, unless y lies
** within 1e-5 of a midpoint: then (and for exponents out of the table's
** range, and subnormals) return 0 and let the exact path decide. No long
** double: its x87 conversions switch the control word and go through
** memory. On success *D has exactly nd digits and *e10 is the decimal
** exponent of the first one. */
static int fmt_sigdigits(double a, int nd, uint64_t *D, int *e10)
{
  const double split = 134217729.0;  /* 2^27 + 1 */
  uint64_t bits;
  int e2, e, tries;
  double ah, al, c;
  memcpy(&bits, &a, sizeof(bits));
  e2 = (int)((bits >> 52) & 0x7ff);
  if (e2 == 0) return 0;  /* Subnormal. */
  e2 -= 1023;
  /* floor(e2 * log10(2)): the decimal exponent of a or one less. */
  e = (e2 * 78913) >> 18;
  c = split * a; ah = c - (c - a); al = a - ah;
  for (tries = 0; tries < 3; tries++) {
    int p = nd - 1 - e;
    double ph, pl, phh, phl, hi, lo, fl, fr;
    uint64_t d, lim;
    if (p > 27 || p < -27) return 0;
    ph = fmt_p10dd[p + 27][0];
    pl = fmt_p10dd[p + 27][1];
    hi = a * ph;
    c = split * ph; phh = c - (c - ph); phl = ph - phh;
    lo = ((ah * phh - hi) + ah * phl + al * phh) + al * phl + a * pl;
    if (!(hi < 1e15)) { e++; continue; }
    fl = (double)(int64_t)hi;  /* floor: 0 < hi < 10^15. */
    fr = (hi - fl) + lo;
    if (fr < 0) { fl -= 1; fr += 1; }
    else if (fr >= 1) { fl += 1; fr -= 1; }
    d = (uint64_t)fl;
    lim = (uint64_t)fmt_p10dd[nd + 27][0];
    if (d >= lim) { e++; continue; }
    if (d < lim / 10) { e--; continue; }
    if (fr > 0.5 - 1e-5 && fr < 0.5 + 1e-5) return 0;
    if (fr >= 0.5) d++;
    if (d >= lim) {  /* Rounded up to 10^nd. */
      d /= 10;
      e++;
    }
    *D = d;
    *e10 = e;
    return 1;
  }
  return 0;
}

/* Write the exponent part of %e/%g: the letter, the sign and at least two
** digits. Returns the end. */
static char *fmt_exp10(char *w, int e, int expch)
{
  int x = e < 0 ? -e : e;
  *w++ = (char)expch;
  *w++ = e < 0 ? '-' : '+';
  if (x >= 100) *w++ = (char)('0' + x / 100);
  *w++ = (char)('0' + x / 10 % 10);
  *w++ = (char)('0' + x % 10);
  return w;
}

/* Lay out the nd digits of D (first digit's exponent e) as "%.<nd>g"
** without '#' does: exponent form when e < -4 or e >= nd, else plain;
** trailing zeros of the fraction removed. Returns the end. */
static char *fmt_glayout(char *w, uint64_t D, int nd, int e, int expch)
{
  char dg[14];
  int i, nz;
  for (i = nd - 1; i >= 0; i--) {
    dg[i] = (char)('0' + D % 10);
    D /= 10;
  }
  for (nz = nd; nz > 1 && dg[nz - 1] == '0'; nz--) {}
  if (e < -4 || e >= nd) {
    /* d.ddde+XX */
    *w++ = dg[0];
    if (nz > 1) {
      *w++ = '.';
      memcpy(w, dg + 1, (size_t)nz - 1);
      w += nz - 1;
    }
    w = fmt_exp10(w, e, expch);
  } else if (e >= 0) {
    /* ddd.ddd (e + 1 <= nd integer digits, all in dg) */
    int ni = e + 1;
    memcpy(w, dg, (size_t)ni);
    w += ni;
    if (nz > ni) {
      *w++ = '.';
      memcpy(w, dg + ni, (size_t)(nz - ni));
      w += nz - ni;
    }
  } else {
    /* 0.000ddd */
    *w++ = '0';
    *w++ = '.';
    for (i = 0; i < -e - 1; i++) *w++ = '0';
    memcpy(w, dg, (size_t)nz);
    w += nz;
  }
  return w;
}

/* "%.14g" of n (a = |n| > 0, finite) when fmt_sigdigits decides it. */
static size_t fmt_g14(char *buf, double n, double a)
{
  uint64_t D;
  int e;
  char *w = buf;
  if (!fmt_sigdigits(a, 14, &D, &e)) return 0;
  if (n < 0) *w++ = '-';
  w = fmt_glayout(w, D, 14, e, 'e');
  return (size_t)(w - buf);
}

size_t lu_strfmt_fp(char *buf, double a, int conv, int prec)
{
  uint64_t D;
  int e, nd, i;
  char *w = buf;
  int lc = conv | 0x20;
  if (!(a > 0 && a < __builtin_inf())) return 0;
  if (lc == 'g') {
    nd = prec < 0 ? 6 : prec == 0 ? 1 : prec;
    if (nd > 14 || !fmt_sigdigits(a, nd, &D, &e)) return 0;
    w = fmt_glayout(w, D, nd, e, conv == 'G' ? 'E' : 'e');
    return (size_t)(w - buf);
  }
  if (lc == 'e') {
    char dg[14];
    nd = (prec < 0 ? 6 : prec) + 1;
    if (nd > 14 || !fmt_sigdigits(a, nd, &D, &e)) return 0;
    for (i = nd - 1; i >= 0; i--) {
      dg[i] = (char)('0' + D % 10);
      D /= 10;
    }
    *w++ = dg[0];
    if (nd > 1) {
      *w++ = '.';
      memcpy(w, dg + 1, (size_t)nd - 1);
      w += nd - 1;
    }
    w = fmt_exp10(w, e, conv == 'E' ? 'E' : 'e');
    return (size_t)(w - buf);
  }
  return 0;
}

/* "00".."99": two digits per division when printing integers. */
static const char fmt_dig2[201] =
  "00010203040506070809101112131415161718192021222324252627282930313233"
  "34353637383940414243444546474849505152535455565758596061626364656667"
  "68697071727374757677787980818283848586878889909192939495969798990";

/* Integral |n| below 10^14 (so fewer than 15 digits): written from the
** end of a scratch area, then moved to buf with one fixed-size copy
** (buf has LUAI_MAXNUMBER2STR >= 24 bytes). */
static LU_AINLINE size_t fmt_int14(char *buf, uint64_t u, int neg)
{
  char tmp[48];
  char *e = tmp + 24, *p = e;
  while (u >= 100) {
    uint64_t q = u / 100;
    p -= 2;
    memcpy(p, fmt_dig2 + 2 * (u - q * 100), 2);
    u = q;
  }
  if (u >= 10) {
    p -= 2;
    memcpy(p, fmt_dig2 + 2 * u, 2);
  } else {
    *--p = (char)('0' + u);
  }
  if (neg) *--p = '-';
  memcpy(buf, p, 24);
  return (size_t)(e - p);
}

size_t lu_strfmt_num2buf(char *buf, double n)
{
  if (LU_LIKELY(n == n)) {
    double a = n < 0 ? -n : n;
    if (a < 1e14 && a == (double)(int64_t)a && !(n == 0 && signbit(n))) {
      /* Integral and below 15 digits: "%.14g" prints it as an integer. */
      return fmt_int14(buf, (uint64_t)a, n < 0);
    }
    if (a >= 1e-4 && a < 1e14) {
      size_t len = fmt_short(buf, n, a);
      if (len) return len;
    }
    if (a > 0 && a != __builtin_inf()) {
      size_t len = fmt_g14(buf, n, a);
      if (len) return len;
    }
    if (a == __builtin_inf()) {
      if (n < 0) { memcpy(buf, "-inf", 4); return 4; }
      memcpy(buf, "inf", 3);
      return 3;
    }
    {
      char tmp[LUAI_MAXNUMBER2STR + 8];
      int len = snprintf(tmp, sizeof(tmp), "%.14g", fmt_tieaway(n));
      /* The C locale may use another decimal point: Lua prints '.'. */
      for (int i = 0; i < len; i++)
        if (tmp[i] == ',') tmp[i] = '.';
      memcpy(buf, tmp, (size_t)len);
      return (size_t)len;
    }
  }
  memcpy(buf, "nan", 3);  /* LuaJIT prints every NaN as "nan". */
  return 3;
}

GCstr *lu_strfmt_num(lua_State *L, double n)
{
  char buf[LUAI_MAXNUMBER2STR];
  size_t len = lu_strfmt_num2buf(buf, n);
  return lu_str_new(L, buf, len);
}

/* -- Pointers and objects ---------------------------------------------- */

/* Pointer as LuaJIT prints it: "NULL", or "0x" and 8 hex digits, plus 4
** more for pointers above 4GB (more for the few bigger ones). Returns the
** length written (at most 2 + 16). */
static size_t fmt_ptr(char *buf, const void *v)
{
  static const char hex[] = "0123456789abcdef";
  uint64_t x = (uint64_t)(uintptr_t)v;
  uint32_t hi = (uint32_t)(x >> 32);
  size_t ndig, i;
  if (x == 0) {
    memcpy(buf, "NULL", 4);
    return 4;
  }
  ndig = 8;
  if (hi) ndig += 2 + 2 * ((31 - (size_t)__builtin_clz(hi)) >> 3);
  buf[0] = '0';
  buf[1] = 'x';
  for (i = 0; i < ndig; i++)
    buf[2 + i] = hex[(x >> (4 * (ndig - 1 - i))) & 15];
  return 2 + ndig;
}

GCstr *lu_strfmt_obj(lua_State *L, const TValue *o)
{
  char buf[64];
  size_t len;
  const char *name;
  const void *p;
  if (tvisstr(o)) return strV(o);
  if (tvisnumber(o)) return lu_strfmt_num(L, numV(o));
  if (tvisnil(o)) return lu_str_newlit(L, "nil");
  if (tvisfalse(o)) return lu_str_newlit(L, "false");
  if (tvistrue(o)) return lu_str_newlit(L, "true");
  if (tvisfunc(o) && isffunc(funcV(o))) {
    len = (size_t)snprintf(buf, sizeof(buf), "function: builtin#%d",
                           (int)funcV(o)->c.ffid);
    return lu_str_new(L, buf, len);
  }
  name = lu_typename(o);
  if (tvislightud(o)) p = lightudV(o);
  else if (tvisudata(o)) p = uddata(udataV(o));
  else p = gcval(o);
  len = strlen(name);
  memcpy(buf, name, len);
  buf[len++] = ':';
  buf[len++] = ' ';
  len += fmt_ptr(buf + len, p);
  return lu_str_new(L, buf, len);
}

/* -- lua_pushfstring ---------------------------------------------------- */

GCstr *lu_strfmt_vf(lua_State *L, const char *fmt, va_list argp)
{
  SBuf *sb = lu_buf_tmp(L, 64);
  const char *e;
  while ((e = strchr(fmt, '%')) != NULL) {
    lu_buf_putmem(sb, fmt, (size_t)(e - fmt));
    switch (e[1]) {
    case 's': {
      const char *s = va_arg(argp, const char *);
      lu_buf_putz(sb, s ? s : "(null)");
      break;
    }
    case 'd': {
      char tmp[24];
      int d = va_arg(argp, int);
      char *end = tmp + sizeof(tmp);
      char *p = fmt_u64(end, d < 0 ? -(uint64_t)d : (uint64_t)d);
      if (d < 0) *--p = '-';
      lu_buf_putmem(sb, p, (size_t)(end - p));
      break;
    }
    case 'c':
      lu_buf_putchar(sb, va_arg(argp, int));
      break;
    case 'f':
      lu_buf_putnum(sb, va_arg(argp, double));
      break;
    case 'p': {
      char tmp[24];
      lu_buf_putmem(sb, tmp, fmt_ptr(tmp, va_arg(argp, void *)));
      break;
    }
    case '%':
      lu_buf_putchar(sb, '%');
      break;
    case '\0':
      lu_buf_putchar(sb, '%');
      e--;  /* Keep the terminating NUL for the loop below. */
      break;
    default:
      lu_buf_putchar(sb, '%');
      lu_buf_putchar(sb, e[1]);
      break;
    }
    fmt = e + 2;
  }
  lu_buf_putz(sb, fmt);
  return lu_buf_tostr(sb);
}

const char *lu_str_pushvf(lua_State *L, const char *fmt, va_list argp)
{
  GCstr *s = lu_strfmt_vf(L, fmt, argp);
  setstrV(L, L->top, s);
  L->top++;
  return strdata(s);
}

const char *lu_str_pushf(lua_State *L, const char *fmt, ...)
{
  const char *s;
  va_list argp;
  va_start(argp, fmt);
  s = lu_str_pushvf(L, fmt, argp);
  va_end(argp);
  return s;
}
