/*
** lunar: bytecode listings in the layout of `luajit -bl`.
**
** One block per prototype, children before their parent (in the order of
** their constant slots):
**
**   -- BYTECODE -- file.lua:1-3
**   0001    ADDVN    1   0   0  ; 1
**   0002 => JMP      2 => 0001
**
** Columns: pc (bc[1] is 0001; the header instruction is not listed), "=>"
** on jump targets, the opcode name padded to 6, A (blank if the opcode has
** no A), then B and C or D, then a comment with the constant (strings
** quoted, control characters escaped, cut after 40 characters with "~";
** numbers as tostring prints them; child functions as file:line; upvalue
** names). Everything is driven by lu_bc_names and lu_bc_mode.
*/
#include <stdio.h>
#include <string.h>

#include "../core/obj.h"
#include "../core/mem.h"
#include "bc.h"
#include "bclist.h"

/* Append the quoted, escaped (and maybe cut) string s to out. */
static void bclist_str(char *out, size_t outsz, GCstr *s)
{
  const unsigned char *p = (const unsigned char *)strdata(s);
  MSize i, n = s->len;
  size_t w = 0;
  char esc[2048];
  for (i = 0; i < n && (n <= 40 || w < 44); i++) {  /* 40 shown at most. */
    unsigned char c = p[i];
    if (c == '\n') {
      memcpy(esc + w, "\\n", 2); w += 2;
    } else if (c == '\r') {
      memcpy(esc + w, "\\r", 2); w += 2;
    } else if (c == '\t') {
      memcpy(esc + w, "\\t", 2); w += 2;
    } else if (c < 32 || c == 127) {
      w += (size_t)snprintf(esc + w, 8, "\\%03d", c);
    } else {
      esc[w++] = (char)c;
    }
  }
  esc[w] = '\0';
  if (n > 40)
    snprintf(out, outsz, "\"%.40s\"~", esc);
  else
    snprintf(out, outsz, "\"%.*s\"", (int)w, esc);
}

/* A number the way tostring prints it. */
static void bclist_num(char *out, size_t outsz, double n)
{
  if (n != n)
    snprintf(out, outsz, "nan");
  else if (n == (double)(1.0 / 0.0))
    snprintf(out, outsz, "inf");
  else if (n == -(double)(1.0 / 0.0))
    snprintf(out, outsz, "-inf");
  else
    snprintf(out, outsz, "%.14g", n);
}

void lu_bclist_loc(char *out, size_t outsz, GCproto *pt, BCLine line)
{
  const char *s = pt->chunkname ? strdata(pt->chunkname) : "?";
  MSize i, len = pt->chunkname ? pt->chunkname->len : 1;
  if (*s == '@') {
    s++;
    len--;
    for (i = len; i > 0; i--) {
      if (s[i] == '/' || s[i] == '\\') {
        s += i + 1;
        break;
      }
    }
    snprintf(out, outsz, "%s:%d", s, (int)line);
  } else if (len > 40) {
    snprintf(out, outsz, "%p:%d", (void *)pt, (int)line);
  } else if (*s == '=') {
    snprintf(out, outsz, "%s:%d", s + 1, (int)line);
  } else {
    snprintf(out, outsz, "\"%s\":%d", s, (int)line);
  }
}

static const char *bclist_uvname(GCproto *pt, uint32_t idx)
{
  if (pt->uvnames && idx < pt->sizeuv) return pt->uvnames[idx];
  return "";
}

void lu_bclist_ins(lua_State *L, GCproto *pt, BCPos pc, FILE *fp)
{
  lu_bclist_line(L, pt, pc, NULL, fp);
}

/* Print one instruction line; prefix is "=>" for a jump target. */
void lu_bclist_line(lua_State *L, GCproto *pt, BCPos pc, const char *prefix,
                    FILE *fp)
{
  BCIns ins = proto_bc(pt)[pc];
  BCOp op = bc_op(ins);
  BCMode ma = bcmode_a(op), mb = bcmode_b(op), mc = bcmode_c(op);
  uint32_t a = bc_a(ins);
  uint32_t d = bc_d(ins);
  char kc[600], tmp[600];
  _Static_assert(sizeof(kc) == sizeof(tmp), "same size");
  int haskc = 0;
  char astr[8];
  (void)L;
  if (ma == BCMnone) astr[0] = '\0';
  else snprintf(astr, sizeof(astr), "%u", a);
  fprintf(fp, "%04u %s %-6s %3s ", (unsigned)pc, prefix ? prefix : "  ",
          lu_bc_names[op], astr);
  if (mc == BCMjump) {
    fprintf(fp, "=> %04d\n", (int)pc + (int)d - 0x7fff);
    return;
  }
  if (mb != BCMnone) {
    d &= 0xff;
  } else if (mc == BCMnone) {
    fputc('\n', fp);
    return;
  }
  kc[0] = '\0';
  if (mc == BCMstr) {
    if (d < pt->sizekgc) {
      GCobj *o = proto_kgc(pt, d);
      if (o->gch.gct == LU_GCT_STR) bclist_str(kc, sizeof(kc), &o->str);
    }
    haskc = 1;
  } else if (mc == BCMnum) {
    if (d < pt->sizekn) {
      TValue *tv = &proto_knum(pt, d);
      double n = tv->n;
      if (op == BC_TSETM) n -= 4503599627370496.0;  /* 2^52 bias. */
      bclist_num(kc, sizeof(kc), n);
    }
    haskc = 1;
  } else if (mc == BCMfunc) {
    if (d < pt->sizekgc) {
      GCobj *o = proto_kgc(pt, d);
      if (o->gch.gct == LU_GCT_PROTO)
        lu_bclist_loc(kc, sizeof(kc), &o->pt, o->pt.firstline);
    }
    haskc = 1;
  } else if (mc == BCMuv) {
    snprintf(kc, sizeof(kc), "%s", bclist_uvname(pt, d));
    haskc = 1;
  }
  if (ma == BCMuv) {  /* USET*: the upvalue name, then the constant. */
    const char *ka = bclist_uvname(pt, a);
    if (haskc) {
      snprintf(tmp, sizeof(tmp), "%s ; ", ka);
      strncat(tmp, kc, sizeof(tmp) - strlen(tmp) - 1);
    } else {
      snprintf(tmp, sizeof(tmp), "%s", ka);
    }
    memcpy(kc, tmp, sizeof(kc));
    haskc = 1;
  }
  if (mb != BCMnone) {
    uint32_t b = bc_b(ins);
    if (haskc) fprintf(fp, "%3u %3u  ; %s\n", b, d, kc);
    else fprintf(fp, "%3u %3u\n", b, d);
    return;
  }
  if (haskc) {
    fprintf(fp, "%3u      ; %s\n", d, kc);
    return;
  }
  if (mc == BCMlits && d > 32767)
    fprintf(fp, "%3d\n", (int)d - 65536);
  else
    fprintf(fp, "%3u\n", d);
}

void lu_bclist(lua_State *L, GCproto *pt, FILE *fp)
{
  MSize i;
  BCPos pc;
  char loc[512];
  uint8_t *target;
  if (pt->flags & PROTO_CHILD) {
    for (i = 0; i < pt->sizekgc; i++) {
      GCobj *o = proto_kgc(pt, i);
      if (o && o->gch.gct == LU_GCT_PROTO) lu_bclist(L, &o->pt, fp);
    }
  }
  lu_bclist_loc(loc, sizeof(loc), pt, pt->firstline);
  fprintf(fp, "-- BYTECODE -- %s-%d\n", loc,
          (int)(pt->firstline + pt->numline));
  /* Jump targets; without memory the "=>" marks are just left out. */
  target = (uint8_t *)lu_mem_tryrealloc(G(L), NULL, 0, pt->sizebc + 1);
  if (target) memset(target, 0, pt->sizebc + 1);
  for (pc = 1; pc < pt->sizebc; pc++) {
    BCIns ins = proto_bc(pt)[pc];
    if (bcmode_c(bc_op(ins)) == BCMjump) {
      ptrdiff_t t = (ptrdiff_t)pc + 1 + bc_j(ins);
      if (target && t >= 0 && t < (ptrdiff_t)pt->sizebc) target[t] = 1;
    }
  }
  for (pc = 1; pc < pt->sizebc; pc++)
    lu_bclist_line(L, pt, pc, target && target[pc] ? "=>" : NULL, fp);
  if (target) lu_mem_free(G(L), target, pt->sizebc + 1);
  fputc('\n', fp);
  fflush(fp);
}
