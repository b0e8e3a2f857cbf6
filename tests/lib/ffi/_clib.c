/* C functions for the ffi tests byval.lua and callback.lua (built at test
** time by _clib.lua into a temporary directory). Plain C. */
#include <stdint.h>
#include <string.h>
typedef struct { int x, y; } P;
typedef struct { double x, y; } D2;
typedef struct { float a, b, c; } F3;
typedef struct { long a; double b; } LD;
typedef struct { double a; long b; } DL;
typedef struct { int a; float b; double c; } IFD;
typedef struct { char c[20]; } Big;
typedef struct { int64_t a, b, c; } I3;
typedef struct { long a, b; } L2;
typedef union { int i; float f; } U;
typedef union { double d; long l; } UDL;
typedef struct { char a; short b; } CS;
typedef struct { int a[3]; } A3;
typedef struct { P p; float f; } NP;
typedef struct __attribute__((packed)) { char a; int b; } PK;
typedef struct { uint8_t r, g, b; } RGB;

P make(int x, int y) { P p = { x, y }; return p; }
int sum(P p) { return p.x + p.y; }
P swap(P p) { P r = { p.y, p.x }; return r; }
D2 d2make(double x, double y) { D2 r = { x, y }; return r; }
double d2sum(D2 d) { return d.x + d.y; }
F3 f3make(float a, float b, float c) { F3 r = { a, b, c }; return r; }
double f3sum(F3 f) { return f.a + f.b + f.c; }
LD ldmake(long a, double b) { LD r = { a, b }; return r; }
DL dlmake(double a, long b) { DL r = { a, b }; return r; }
double ldsum(LD x, DL y) { return x.a + x.b + y.a + y.b; }
IFD ifdmake(int a, float b, double c) { IFD r = { a, b, c }; return r; }
double ifdsum(IFD r) { return r.a + r.b + r.c; }
Big bigmake(const char *s) { Big b; memset(&b, 0, sizeof b); strncpy(b.c, s, 19); return b; }
int biglen(Big b) { return (int)strlen(b.c); }
I3 i3make(int64_t a) { I3 r = { a, a * 2, a * 3 }; return r; }
int64_t i3sum(I3 r) { return r.a + r.b + r.c; }
I3 i3many(int a, int b, int c, int d, int e, int f, int g, I3 x, int h)
{ I3 r = { a + b + c + d + e + f + g, x.a + x.b + x.c, h }; return r; }
int many(int a, int b, int c, int d, int e, P p, int f)
{ return a + b + c + d + e + p.x * 100 + p.y * 1000 + f * 10000; }
long l2after5(int a, int b, int c, int d, int e, L2 x, int f)
{ return a + b + c + d + e + x.a * 100 + x.b * 1000 + f * 10000; }
double manyd(double a, double b, double c, double d, double e, double f,
             double g, D2 x, double h)
{ return a + b + c + d + e + f + g + x.x * 100 + x.y * 1000 + h * 10000; }
float usum(U u) { return u.f; }
U umake(int i) { U u; u.i = i; return u; }
long udlbits(UDL u) { return u.l; }
int cssum(CS c) { return c.a + c.b; }
CS csmake(int a, int b) { CS c = { (char)a, (short)b }; return c; }
int a3sum(A3 a) { return a.a[0] + a.a[1] + a.a[2]; }
A3 a3make(int x) { A3 a = { { x, x + 1, x + 2 } }; return a; }
double npsum(NP n) { return n.p.x + n.p.y + n.f; }
NP npmake(int x, int y, float f) { NP n = { { x, y }, f }; return n; }
int pksum(PK p) { return p.a + p.b; }
PK pkmake(int a, int b) { PK p = { (char)a, b }; return p; }
int rgbsum(RGB c) { return c.r + c.g * 256 + c.b * 65536; }
RGB rgbmake(int r, int g, int b) { RGB c = { (uint8_t)r, (uint8_t)g, (uint8_t)b }; return c; }

/* Callbacks. */
int cbcall(int (*f)(int, int), int a, int b) { return f(a, b); }
double cbdbl(double (*f)(double, float), double a, float b) { return f(a, b); }
int64_t cbi64(int64_t (*f)(int64_t, uint64_t), int64_t a) { return f(a, (uint64_t)a); }
int cbsmall(int (*f)(char, unsigned char, short, unsigned short, _Bool))
{ return f(-5, 250, -3000, 60000, 1); }
unsigned cbuns(unsigned char (*f)(void)) { return f(); }
int cbshort(short (*f)(void)) { return f(); }
const char *cbstr(const char *(*f)(const char *), const char *s) { return f(s); }
int cbptr(int (*f)(P *, int *), P *p) { int n = 5; return f(p, &n) + n; }
float cbflt(float (*f)(float)) { return f(2.5f); }
void cbvoid(void (*f)(int), int n) { int i; for (i = 0; i < n; i++) f(i); }
/* 8 ints + 10 doubles: the 7th, 8th int and 9th, 10th double on the stack. */
double cbmany(double (*f)(int, int, int, int, int, int, int, int, double,
                          double, double, double, double, double, double,
                          double, double, double))
{ return f(1, 2, 3, 4, 5, 6, 7, 8, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5); }
/* Mixed stack arguments, interleaved. */
double cbmix(double (*f)(double, int, double, int, double, int, double, int,
                         double, int, double, int, double, int, double, int,
                         double, int, double, int))
{ return f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20); }
static int (*stored)(int);
void store(int (*f)(int)) { stored = f; }
int callstored(int x) { return stored(x); }
int nested(int (*f)(int), int x) { return f(x) + 1; }
/* Structs in memory larger than LuaJIT's limit (lunar only). */
typedef struct { unsigned char c[600]; } B600;
typedef struct { unsigned char c[3000]; } B3000;
int b600sum(int a, B600 b, int z) { int i, s = 0; for (i = 0; i < 600; i++) s += b.c[i]; return s + a * 1000000 + z * 10000000; }
B600 b600make(int x) { B600 b; int i; for (i = 0; i < 600; i++) b.c[i] = (unsigned char)(x + i); return b; }
int b3000first(B3000 b) { return b.c[0]; }
/* Callbacks with 16 parameters (LuaJIT's limit): stack arguments. */
double cb16a(double (*f)(int, int, int, int, int, int, int, int, double,
                         double, double, double, double, double, double, double))
{ return f(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5); }
double cb16b(double (*f)(double, double, double, double, double, double,
                         double, double, double, double, int, int, int, int,
                         float, int64_t))
{ return f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15.5f, 16); }
/* An extern variable for the namespace tests (clib.lua). */
int clib_counter = 5;
const int clib_const = 9;
void clib_bump(void) { clib_counter++; }
int clib_add(int a, int b) { return a + b; }
