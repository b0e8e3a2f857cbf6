/*
** lunar: `lunar -b` — save (or list) bytecode, with luajit's options.
**
**   lunar -b[options] input output
**     -l        only list bytecode      -s  strip debug info (default)
**     -g        keep debug info         -n name   module name
**     -t type   c, h, obj, o or raw     -a arch / -o os  (x64 / linux only)
**     -e chunk  chunk string as input   --  stop handling options
**     -         stdin as input and/or stdout as output
**
** Output kinds: raw bytecode; a C source defining luaJIT_BC_<name>[]; a C
** header with luaJIT_BC_<name>_SIZE; an ELF64 object exporting the symbol
** luaJIT_BC_<name> in .rodata, which a C program links and loads with
** luaL_loadbuffer.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../core/obj.h"
#include "../parse/bclist.h"
#include "../parse/bcdump.h"
#include "bcsave.h"

typedef struct BCSave {
  const char *progname;
  const char *input;      /* File name, "-" or NULL with chunk. */
  const char *chunk;      /* -e string. */
  const char *output;
  const char *name;       /* -n, else derived from the input. */
  const char *type;       /* -t, else derived from the output. */
  int list, strip;
} BCSave;

static int bcs_usage(const char *progname)
{
  fprintf(stderr,
    "Save LuaJIT bytecode: %s -b[options] input output\n"
    "  -l        Only list bytecode.\n"
    "  -s        Strip debug info (default).\n"
    "  -g        Keep debug info.\n"
    "  -n name   Set module name (default: auto-detect from input name).\n"
    "  -t type   Set output file type (default: auto-detect from output name).\n"
    "  -a arch   Override architecture for object files (default: native).\n"
    "  -o os     Override OS for object files (default: native).\n"
    "  -e chunk  Use chunk string as input.\n"
    "  --        Stop handling options.\n"
    "  -         Use stdin as input and/or stdout as output.\n"
    "\n"
    "File types: c h obj o raw (default)\n", progname);
  return 1;
}

static int bcs_fail(BCSave *bs, const char *msg)
{
  fprintf(stderr, "%s: %s\n", bs->progname, msg);
  fflush(stderr);
  return 1;
}

/* Module name from the input file name: the base name up to the first
** '.', with '-' and '.' turned into '_'. */
static void bcs_modname(char *buf, size_t size, const char *name)
{
  const char *base = strrchr(name, '/');
  size_t i, n;
  base = base ? base + 1 : name;
  n = strlen(base);
  if (n > 4 && strcmp(base + n - 4, ".lua") == 0) n -= 4;
  if (n >= size) n = size - 1;
  for (i = 0; i < n; i++) {
    char c = base[i];
    buf[i] = (c == '.' || c == '-') ? '_' : c;
  }
  buf[n] = '\0';
}

static const char *bcs_typefromname(const char *out)
{
  const char *dot = strrchr(out, '.');
  if (dot && strchr(dot, '/') == NULL) {
    dot++;
    if (!strcmp(dot, "c") || !strcmp(dot, "h") || !strcmp(dot, "o") ||
        !strcmp(dot, "obj"))
      return dot;
  }
  return "raw";
}

static int bcs_collect(lua_State *L, const void *p, size_t sz, void *ud)
{
  luaL_addlstring((luaL_Buffer *)ud, (const char *)p, sz);
  (void)L;
  return 0;
}

/* -- ELF64 object file ------------------------------------------------------- */

typedef struct {
  uint8_t ident[16];
  uint16_t type, machine;
  uint32_t version;
  uint64_t entry, phoff, shoff;
  uint32_t flags;
  uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} ElfHeader;

typedef struct {
  uint32_t name, type;
  uint64_t flags, addr, ofs, size;
  uint32_t link, info;
  uint64_t align, entsize;
} ElfSection;

typedef struct {
  uint32_t name;
  uint8_t info, other;
  uint16_t sectidx;
  uint64_t value, size;
} ElfSymbol;

static int bcs_writeobj(FILE *fp, const char *sym, const char *data,
                        size_t len)
{
  static const char shstrtab[] =
    "\0.symtab\0.shstrtab\0.strtab\0.rodata\0.note.GNU-stack";
  enum { SH_SYMTAB = 1, SH_SHSTRTAB = 9, SH_STRTAB = 19, SH_RODATA = 27,
         SH_NOTE = 35 };
  ElfHeader h;
  ElfSection sect[6];
  ElfSymbol syms[2];
  size_t symlen = strlen(sym);
  uint64_t ofs = sizeof(h) + sizeof(sect);
  memset(&h, 0, sizeof(h));
  memcpy(h.ident, "\177ELF\2\1\1", 7);  /* 64 bit, little endian, v1. */
  h.type = 1;                           /* Relocatable. */
  h.machine = 62;                       /* x86-64. */
  h.version = 1;
  h.shoff = sizeof(h);
  h.ehsize = sizeof(h);
  h.shentsize = sizeof(ElfSection);
  h.shnum = 6;
  h.shstrndx = 2;
  memset(sect, 0, sizeof(sect));
  memset(syms, 0, sizeof(syms));
  sect[1].name = SH_SYMTAB; sect[1].type = 2; sect[1].ofs = ofs;
  sect[1].size = sizeof(syms); sect[1].link = 3; sect[1].info = 1;
  sect[1].align = 8; sect[1].entsize = sizeof(ElfSymbol);
  ofs += sizeof(syms);
  sect[2].name = SH_SHSTRTAB; sect[2].type = 3; sect[2].ofs = ofs;
  sect[2].size = sizeof(shstrtab); sect[2].align = 1;
  ofs += sizeof(shstrtab);
  sect[3].name = SH_STRTAB; sect[3].type = 3; sect[3].ofs = ofs;
  sect[3].size = 1 + symlen + 1; sect[3].align = 1;
  ofs += 1 + symlen + 1;
  sect[4].name = SH_RODATA; sect[4].type = 1; sect[4].flags = 2;  /* Alloc. */
  sect[4].ofs = ofs; sect[4].size = len; sect[4].align = 16;
  sect[5].name = SH_NOTE; sect[5].type = 1; sect[5].ofs = ofs + len;
  sect[5].align = 1;
  syms[1].name = 1;
  syms[1].info = (1 << 4) | 1;  /* Global object. */
  syms[1].sectidx = 4;
  syms[1].size = len;
  if (fwrite(&h, sizeof(h), 1, fp) != 1 ||
      fwrite(sect, sizeof(sect), 1, fp) != 1 ||
      fwrite(syms, sizeof(syms), 1, fp) != 1 ||
      fwrite(shstrtab, sizeof(shstrtab), 1, fp) != 1 ||
      fputc(0, fp) == EOF || fwrite(sym, symlen + 1, 1, fp) != 1 ||
      fwrite(data, 1, len, fp) != len)
    return 0;
  return 1;
}

/* -- Driver ------------------------------------------------------------------- */

static int bcs_save(lua_State *L, BCSave *bs)
{
  char modname[256], sym[300];
  const char *type, *data;
  size_t len, i;
  FILE *fp;
  int status, ok;
  luaL_Buffer b;
  GCproto *pt;
  if (bs->chunk) {
    status = luaL_loadbuffer(L, bs->chunk, strlen(bs->chunk), "=(command line)");
  } else {
    status = luaL_loadfile(L, strcmp(bs->input, "-") == 0 ? NULL : bs->input);
  }
  if (status != 0) return bcs_fail(bs, lua_tostring(L, -1));
  pt = funcproto(funcV(L->top - 1));
  if (bs->list) {
    FILE *out = stdout;
    if (bs->output && strcmp(bs->output, "-") != 0) {
      out = fopen(bs->output, "w");
      if (out == NULL) {
        lua_pushfstring(L, "cannot open %s: %s", bs->output, strerror(errno));
        return bcs_fail(bs, lua_tostring(L, -1));
      }
    }
    lu_bclist(L, pt, out);
    if (out != stdout) fclose(out);
    return 0;
  }
  if (bs->output == NULL) return bcs_usage(bs->progname);
  luaL_buffinit(L, &b);
  if (lu_bcwrite(L, pt, bcs_collect, &b, bs->strip) != 0)
    return bcs_fail(bs, "cannot write bytecode");
  luaL_pushresult(&b);
  data = lua_tolstring(L, -1, &len);
  type = bs->type ? bs->type : bcs_typefromname(bs->output);
  if (bs->name) bcs_modname(modname, sizeof(modname), bs->name);
  else if (bs->chunk || strcmp(bs->input, "-") == 0) strcpy(modname, "stdin");
  else bcs_modname(modname, sizeof(modname), bs->input);
  snprintf(sym, sizeof(sym), "luaJIT_BC_%s", modname);
  if (strcmp(bs->output, "-") == 0) {
    fp = stdout;
  } else {
    fp = fopen(bs->output, strcmp(type, "c") && strcmp(type, "h") ? "wb" : "w");
    if (fp == NULL) {
      lua_pushfstring(L, "cannot open %s: %s", bs->output, strerror(errno));
      return bcs_fail(bs, lua_tostring(L, -1));
    }
  }
  if (!strcmp(type, "raw")) {
    ok = fwrite(data, 1, len, fp) == len;
  } else if (!strcmp(type, "c") || !strcmp(type, "h")) {
    if (!strcmp(type, "c"))
      fprintf(fp, "#ifdef __cplusplus\nextern \"C\"\n#endif\n#ifdef _WIN32\n"
                  "__declspec(dllexport)\n#endif\nconst unsigned char %s[] = {\n",
              sym);
    else
      fprintf(fp, "#define %s_SIZE %u\nstatic const unsigned char %s[] = {\n",
              sym, (unsigned)len, sym);
    for (i = 0; i < len; i++) {
      fprintf(fp, "%u%s", (unsigned)(uint8_t)data[i], i + 1 < len ? "," : "");
      if (i % 64 == 63 && i + 1 < len) fputc('\n', fp);
    }
    ok = fprintf(fp, "\n};\n") > 0;
  } else if (!strcmp(type, "o") || !strcmp(type, "obj")) {
    ok = bcs_writeobj(fp, sym, data, len);
  } else {
    if (fp != stdout) fclose(fp);
    lua_pushfstring(L, "unknown file type '%s'", type);
    return bcs_fail(bs, lua_tostring(L, -1));
  }
  if (fp != stdout) ok = (fclose(fp) == 0) && ok;
  else ok = (fflush(fp) == 0) && ok;
  if (!ok) return bcs_fail(bs, "cannot write output file");
  return 0;
}

int lu_bcsave_main(lua_State *L, const char *progname, char **argv)
{
  BCSave bs;
  int i = 0;
  const char *opt = argv[0] + 2;  /* Options glued to -b. */
  memset(&bs, 0, sizeof(bs));
  bs.progname = progname;
  bs.strip = 1;
  for (;;) {
    for (; *opt; opt++) {
      switch (*opt) {
      case 'l': bs.list = 1; break;
      case 's': bs.strip = 1; break;
      case 'g': bs.strip = 0; break;
      case 'n': case 't': case 'a': case 'o': case 'e': {
        const char *val = opt[1] ? opt + 1 : argv[++i];
        if (val == NULL) return bcs_usage(progname);
        if (*opt == 'n') bs.name = val;
        else if (*opt == 't') bs.type = val;
        else if (*opt == 'e') bs.chunk = val;
        else if (*opt == 'a' && strcmp(val, "x64") != 0)
          return bcs_fail(&bs, "unsupported architecture for object files");
        else if (*opt == 'o' && strcmp(val, "linux") != 0)
          return bcs_fail(&bs, "unsupported OS for object files");
        opt = "";
        goto nextarg;
      }
      default:
        return bcs_usage(progname);
      }
    }
  nextarg:
    i++;
    if (argv[i] == NULL || argv[i][0] != '-' || argv[i][1] == '\0') break;
    if (argv[i][1] == '-' && argv[i][2] == '\0') { i++; break; }
    opt = argv[i] + 1;
  }
  if (bs.chunk == NULL) {
    if (argv[i] == NULL) return bcs_usage(progname);
    bs.input = argv[i++];
  }
  bs.output = argv[i];
  if (!bs.list && (bs.output == NULL || argv[i + 1] != NULL))
    return bcs_usage(progname);
  return bcs_save(L, &bs);
}
