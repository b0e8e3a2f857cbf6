/*
** lunar: string to number conversion (see strscan.h).
**
** The scanner first checks the syntax itself (so that exactly LuaJIT's set
** of strings is accepted), then converts: decimal and hex numbers through
** the C library's correctly rounded strtod on a clean NUL-terminated copy,
** binary (0b) integers directly. Accepted, as LuaJIT 2.1 does:
**
**   [ws] [+|-] digits [. digits] [(e|E) [+|-] digits] [ws]      decimal
**   [ws] [+|-] 0x hexdigits [. hexdigits] [(p|P) [+|-] digits] [ws]
**   [ws] [+|-] 0b bindigits [ws]                 (at most 64 bits)
**   [ws] [+|-] (inf | infinity | nan) [ws]       (any letter case)
**
** with at least one mantissa digit, exponents up to 1048575 in magnitude
** (larger ones are rejected, not saturated), and no embedded NUL.
*/
#include <stdlib.h>
#include <locale.h>

#include "strscan.h"

#define SCAN_MAXEXP   1048575   /* Larger exponents make the scan fail. */

static LU_AINLINE int scan_isspace(int c)
{
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static LU_AINLINE int scan_isdigit(int c)
{
  return c >= '0' && c <= '9';
}

/* Value of a digit in bases up to 36, or 99 for a non-digit. */
static int scan_digit(int c)
{
  if (c >= '0' && c <= '9') return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  return 99;
}

/* Case-insensitive match of the word w at p (p < e). */
static const char *scan_word(const char *p, const char *e, const char *w)
{
  for (; *w; w++, p++)
    if (p >= e || (*p | 0x20) != *w) return NULL;
  return p;
}

/* Convert the clean copy [a, b) with strtod. The copy makes sure strtod
** cannot read past the number, and adapts the decimal point to the current
** locale. */
static double scan_strtod(const char *a, const char *b)
{
  char sbuf[128];
  size_t n = (size_t)(b - a);
  char *buf = n < sizeof(sbuf) ? sbuf : (char *)malloc(n + 1);
  char dp = localeconv()->decimal_point[0];
  double d;
  size_t i;
  if (buf == NULL) return 0.0;  /* Scratch for absurdly long numbers only. */
  memcpy(buf, a, n);
  buf[n] = '\0';
  if (dp != '.') {
    for (i = 0; i < n; i++)
      if (buf[i] == '.') buf[i] = dp;
  }
  d = strtod(buf, NULL);
  if (buf != sbuf) free(buf);
  return d;
}

/* Scan [+|-] digits of an exponent at p; NULL if malformed or too big.
** The value goes to *ex. */
static const char *scan_exp(const char *p, const char *e, int32_t *ex)
{
  uint32_t x = 0;
  int neg = 0;
  if (p < e && (*p == '+' || *p == '-')) neg = (*p++ == '-');
  if (p >= e || !scan_isdigit(*p)) return NULL;
  while (p < e && scan_isdigit(*p)) {
    x = x * 10 + (uint32_t)(*p - '0');
    if (x > SCAN_MAXEXP) return NULL;
    p++;
  }
  *ex = neg ? -(int32_t)x : (int32_t)x;
  return p;
}

/* Exact powers of ten as doubles. */
static const double scan_pow10[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
  1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

int lu_strscan_num(const char *s, size_t len, TValue *o)
{
  const char *p = s, *e = s + len;
  const char *start;
  int neg = 0;
  double d;
  while (p < e && scan_isspace(*p)) p++;
  if (p < e && (*p == '-' || *p == '+')) neg = (*p++ == '-');
  if (p >= e) return 0;
  start = p;
  if (p[0] == '0' && p + 1 < e && (p[1] | 0x20) == 'x') {
    /* Hex: digits, optional fraction, optional binary exponent. */
    int ndig = 0;
    p += 2;
    while (p < e && scan_digit(*p) < 16) { p++; ndig++; }
    if (p < e && *p == '.') {
      p++;
      while (p < e && scan_digit(*p) < 16) { p++; ndig++; }
    }
    if (ndig == 0) return 0;
    if (p < e && (*p | 0x20) == 'p') {
      int32_t ex;
      p = scan_exp(p + 1, e, &ex);
      if (p == NULL) return 0;
    }
    d = scan_strtod(start, p);
  } else if (p[0] == '0' && p + 1 < e && (p[1] | 0x20) == 'b') {
    /* Binary integer, at most 64 significant bits. */
    uint64_t x = 0;
    int nbits = 0, ndig = 0;
    p += 2;
    while (p < e && (*p == '0' || *p == '1')) {
      if (nbits > 0 || *p == '1') nbits++;
      x = (x << 1) | (uint64_t)(*p - '0');
      p++;
      ndig++;
    }
    if (ndig == 0 || nbits > 64) return 0;
    d = (double)x;
  } else if (scan_isdigit(*p) || *p == '.') {
    /* Decimal: digits, optional fraction, optional exponent. */
    /* x collects all mantissa digits while it stays below 2^53 (exact as
    ** a double); exp10 is the power of ten that scales it. */
    int ndig = 0, exact = 1;
    int32_t exp10 = 0, ex = 0;
    uint64_t x = 0;
    while (p < e && scan_isdigit(*p)) {
      if (x < ((uint64_t)1 << 49)) x = x * 10 + (uint64_t)(*p - '0');
      else exact = 0;
      p++;
      ndig++;
    }
    if (p < e && *p == '.') {
      p++;
      while (p < e && scan_isdigit(*p)) {
        if (x < ((uint64_t)1 << 49)) {
          x = x * 10 + (uint64_t)(*p - '0');
          exp10--;
        } else {
          exact = 0;
        }
        p++;
        ndig++;
      }
    }
    if (ndig == 0) return 0;
    if (p < e && (*p | 0x20) == 'e') {
      p = scan_exp(p + 1, e, &ex);
      if (p == NULL) return 0;
      exp10 += ex;
    }
    /* x and 10^|exp10| (|exp10| <= 22) are exact doubles, so one
    ** correctly rounded multiply or divide gives the correctly rounded
    ** value; anything else goes to strtod. */
    if (exact && exp10 >= -22 && exp10 <= 22)
      d = exp10 >= 0 ? (double)x * scan_pow10[exp10]
                     : (double)x / scan_pow10[-exp10];
    else
      d = scan_strtod(start, p);
  } else {
    /* inf, infinity, nan. */
    const char *q;
    if ((q = scan_word(p, e, "infinity")) != NULL ||
        (q = scan_word(p, e, "inf")) != NULL) {
      d = __builtin_inf();
    } else if ((q = scan_word(p, e, "nan")) != NULL) {
      d = __builtin_nan("");
      neg = 0;
    } else {
      return 0;
    }
    p = q;
  }
  while (p < e && scan_isspace(*p)) p++;
  if (p != e) return 0;
  setnumV_canon(o, neg ? -d : d);
  return 1;
}

int lu_strscan_tonum(const TValue *o, double *n)
{
  if (tvisnumber(o)) {
    *n = numV(o);
    return 1;
  }
  if (tvisstr(o)) {
    TValue tv;
    GCstr *s = strV(o);
    if (lu_strscan_num(strdata(s), s->len, &tv)) {
      *n = numV(&tv);
      return 1;
    }
  }
  return 0;
}

/* tonumber(s, base) for base != 10, as LuaJIT: the string is read up to
** its first NUL; whitespace, an optional sign, for base 16 an optional 0x
** prefix, then at least one digit; values beyond 2^64-1 saturate. */
int lu_strscan_base(const char *s, size_t len, int base, double *n)
{
  const char *p = s, *e = s + len;
  const char *nul = memchr(s, '\0', len);
  uint64_t x = 0;
  int neg = 0, ndig = 0, over = 0;
  if (nul) e = nul;
  while (p < e && scan_isspace(*p)) p++;
  if (p < e && (*p == '-' || *p == '+')) neg = (*p++ == '-');
  if (base == 16 && p + 2 < e + 0 && p[0] == '0' && (p[1] | 0x20) == 'x' &&
      scan_digit(p[2]) < 16)
    p += 2;
  while (p < e) {
    int dg = scan_digit(*p);
    if (dg >= base) break;
    if (x > (UINT64_MAX - (uint64_t)dg) / (uint64_t)base) over = 1;
    else x = x * (uint64_t)base + (uint64_t)dg;
    p++;
    ndig++;
  }
  if (ndig == 0) return 0;
  while (p < e && scan_isspace(*p)) p++;
  if (p != e) return 0;
  {
    double d = over ? 18446744073709551615.0 : (double)x;
    *n = neg ? -d : d;
  }
  return 1;
}
