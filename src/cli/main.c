/*
** lunar: the command line, with luajit's options and behaviour.
**
**   lunar [options]... [script [args]...]
**
** Options are handled in two passes, as luajit does: cli_collectargs
** checks them and finds the script, then (after the `arg` table and
** LUA_INIT) cli_runargs executes -e/-l/-j/-O in order. Everything runs
** inside one lua_cpcall (cli_pmain), so even an error while opening the
** libraries is reported cleanly. Errors are printed as "<argv[0]>: msg"
** followed by a traceback, and the exit status is 1.
**
** Ctrl-C while Lua code runs sets g->sigint, which the interpreter checks,
** and also installs a one-shot count hook; whichever fires first raises
** "interrupted!" at the current position. A second Ctrl-C kills the
** process (the handler is one-shot).
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/obj.h"
#include "../parse/bclist.h"
#include "bcsave.h"
#include "../parse/bcdump.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "../api/lualib.h"
#include "../api/luajit.h"

/* Weak: the listing module may not be linked yet. */
LU_FUNC void lu_bclist(lua_State *L, GCproto *pt, FILE *fp)
  __attribute__((weak));

#define CLI_MAXINPUT   512
#define CLI_PROMPT     "> "
#define CLI_PROMPT2    ">> "
#define CLI_EOFMARK    "'<eof>'"

/* Option flags found by cli_collectargs. */
#define FLAGS_INTERACTIVE  1
#define FLAGS_VERSION      2
#define FLAGS_EXEC         4   /* -e or -b: don't start the REPL. */
#define FLAGS_OPTION       8   /* Some option was given. */
#define FLAGS_NOENV        16  /* -E */

typedef struct CliMain {
  char **argv;
  int argc;
  int status;
} CliMain;

static const char *cli_progname = "lunar";
/* The state Ctrl-C interrupts. A process-wide variable is unavoidable
** here: a signal handler has no other way to find it. */
static lua_State *cli_state = NULL;

/* -- Messages ------------------------------------------------------------- */

static void cli_message(const char *pname, const char *msg)
{
  if (pname != NULL) fprintf(stderr, "%s: ", pname);
  fputs(msg, stderr);
  fputc('\n', stderr);
  fflush(stderr);
}

/* Print the error message at the top of the stack (if status is an error
** and the message is not nil) and pop it. */
static int cli_report(lua_State *L, int status)
{
  if (status != 0 && !lua_isnil(L, -1)) {
    const char *msg = lua_tostring(L, -1);
    if (msg == NULL) msg = "(error object is not a string)";
    cli_message(cli_progname, msg);
    lua_pop(L, 1);
  }
  return status;
}

static void cli_usage(void)
{
  fprintf(stderr,
    "usage: %s [options]... [script [args]...].\n"
    "Available options are:\n"
    "  -e chunk  Execute string 'chunk'.\n"
    "  -l name   Require library 'name'.\n"
    "  -b ...    Save or list bytecode.\n"
    "  -j cmd    Perform LuaJIT control command.\n"
    "  -O[opt]   Control LuaJIT optimizations.\n"
    "  -i        Enter interactive mode after executing 'script'.\n"
    "  -v        Show version information.\n"
    "  -E        Ignore environment variables.\n"
    "  --        Stop handling options.\n"
    "  -         Execute stdin and stop handling options.\n",
    cli_progname);
  fflush(stderr);
}

static void cli_version(void)
{
  fputs(LUNAR_VERSION " -- a LuaJIT 2.1 compatible VM\n", stdout);
}

/* "JIT: ON/OFF flags..." from jit.status(), if the jit library exists. */
static void cli_jitstatus(lua_State *L)
{
  int n, i;
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_getfield(L, -1, "jit");
  lua_remove(L, -2);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return;
  }
  lua_getfield(L, -1, "status");
  lua_remove(L, -2);
  if (!lua_isfunction(L, -1)) {
    lua_pop(L, 1);
    return;
  }
  n = lua_gettop(L);
  if (lua_pcall(L, 0, LUA_MULTRET, 0) != 0) {
    lua_pop(L, 1);
    return;
  }
  fputs(lua_toboolean(L, n) ? "JIT: ON" : "JIT: OFF", stdout);
  for (i = n + 1; i <= lua_gettop(L); i++) {
    const char *s = lua_tostring(L, i);
    if (s != NULL) {
      fputc(' ', stdout);
      fputs(s, stdout);
    }
  }
  fputc('\n', stdout);
  lua_settop(L, n - 1);
}

/* -- Running code --------------------------------------------------------- */

static void cli_stophook(lua_State *L, lua_Debug *ar)
{
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  if (G(L)->sigint) {
    G(L)->sigint = 0;
    /* Inside a hook, level 0 is the interrupted function. */
    luaL_where(L, 0);
    lua_pushliteral(L, "interrupted!");
    lua_concat(L, 2);
    lua_error(L);
  }
}

static void cli_sigint(int sig)
{
  signal(sig, SIG_DFL);  /* A second Ctrl-C terminates the process. */
  if (cli_state != NULL) {
    G(cli_state)->sigint = 1;
    lua_sethook(cli_state, cli_stophook,
                LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
  }
}

/* Message handler: a string message (or one with a string __tostring) gets
** a traceback; other error objects are passed through unchanged. */
static int cli_traceback(lua_State *L)
{
  if (!lua_isstring(L, 1)) {
    if (lua_isnoneornil(L, 1) || !luaL_callmeta(L, 1, "__tostring") ||
        !lua_isstring(L, -1))
      return 1;
    lua_remove(L, 1);
  }
  luaL_traceback(L, L, lua_tostring(L, 1), 1);
  return 1;
}

/* Call the function below the narg arguments with the traceback handler,
** Ctrl-C armed. clear: discard the results. */
static int cli_docall(lua_State *L, int narg, int clear)
{
  int status;
  int base = lua_gettop(L) - narg;
  lua_pushcfunction(L, cli_traceback);
  lua_insert(L, base);
  cli_state = L;
  signal(SIGINT, cli_sigint);
  status = lua_pcall(L, narg, clear ? 0 : LUA_MULTRET, base);
  signal(SIGINT, SIG_DFL);
  G(L)->sigint = 0;
  lua_remove(L, base);
  if (status != 0) lua_gc(L, LUA_GCCOLLECT, 0);
  return status;
}

static int cli_dofile(lua_State *L, const char *name)
{
  int status = luaL_loadfile(L, name);
  if (status == 0) status = cli_docall(L, 0, 1);
  return cli_report(L, status);
}

static int cli_dostring(lua_State *L, const char *s, const char *name)
{
  int status = luaL_loadbuffer(L, s, strlen(s), name);
  if (status == 0) status = cli_docall(L, 0, 1);
  return cli_report(L, status);
}

static int cli_dolibrary(lua_State *L, const char *name)
{
  lua_getglobal(L, "require");
  lua_pushstring(L, name);
  return cli_report(L, cli_docall(L, 1, 1));
}

/* -- The REPL ------------------------------------------------------------- */

/* A syntax error that ends at '<eof>' means the chunk is incomplete. */
static int cli_incomplete(lua_State *L, int status)
{
  if (status == LUA_ERRSYNTAX) {
    size_t lmsg;
    const char *msg = lua_tolstring(L, -1, &lmsg);
    size_t lmark = sizeof(CLI_EOFMARK) - 1;
    if (msg != NULL && lmsg >= lmark &&
        strcmp(msg + lmsg - lmark, CLI_EOFMARK) == 0) {
      lua_pop(L, 1);
      return 1;
    }
  }
  return 0;
}

/* Print the prompt (_PROMPT/_PROMPT2 if set) and push one input line
** without its newline; "=expr" on a first line becomes "return expr".
** Returns 0 at end of input. */
static int cli_pushline(lua_State *L, int firstline)
{
  char buf[CLI_MAXINPUT];
  size_t len;
  const char *prompt;
  lua_getglobal(L, firstline ? "_PROMPT" : "_PROMPT2");
  prompt = lua_tostring(L, -1);
  if (prompt == NULL) prompt = firstline ? CLI_PROMPT : CLI_PROMPT2;
  fputs(prompt, stdout);
  fflush(stdout);
  lua_pop(L, 1);
  if (fgets(buf, CLI_MAXINPUT, stdin) == NULL) return 0;
  len = strlen(buf);
  if (len > 0 && buf[len - 1] == '\n') buf[--len] = '\0';
  if (firstline && buf[0] == '=')
    lua_pushfstring(L, "return %s", buf + 1);
  else
    lua_pushlstring(L, buf, len);
  return 1;
}

/* Read lines until they form a complete chunk (or a real syntax error);
** leaves the function (or the message) on the stack. -1 at end of input. */
static int cli_loadline(lua_State *L)
{
  int status;
  lua_settop(L, 0);
  if (!cli_pushline(L, 1)) return -1;
  for (;;) {
    status = luaL_loadbuffer(L, lua_tostring(L, 1), lua_objlen(L, 1),
                             "=stdin");
    if (!cli_incomplete(L, status)) break;
    if (!cli_pushline(L, 0)) return -1;
    lua_pushliteral(L, "\n");
    lua_insert(L, -2);
    lua_concat(L, 3);
  }
  lua_remove(L, 1);
  return status;
}

static void cli_repl(lua_State *L)
{
  int status;
  const char *oldprogname = cli_progname;
  cli_progname = NULL;
  while ((status = cli_loadline(L)) != -1) {
    if (status == 0) status = cli_docall(L, 0, 0);
    cli_report(L, status);
    if (status == 0 && lua_gettop(L) > 0) {  /* Print the results. */
      lua_getglobal(L, "print");
      lua_insert(L, 1);
      if (lua_pcall(L, lua_gettop(L) - 1, 0, 0) != 0)
        cli_message(cli_progname,
                    lua_pushfstring(L, "error calling 'print' (%s)",
                                    lua_tostring(L, -1)));
    }
  }
  lua_settop(L, 0);
  fputc('\n', stdout);
  fflush(stdout);
  cli_progname = oldprogname;
}

/* -- Scripts and the arg table -------------------------------------------- */

/* arg = { [-n] = argv[0], ..., [0] = script, [1] = first script argument }
** where script is argv[n] (n = argc if there is no script). */
static void cli_argtable(lua_State *L, char **argv, int argc, int script)
{
  int i;
  if (script <= 0) script = argc;
  lua_createtable(L, argc - script > 0 ? argc - script : 0, script + 1);
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - script);
  }
  lua_setglobal(L, "arg");
}

static int cli_script(lua_State *L, char **argv, int argc, int n)
{
  int status, narg, i;
  const char *fname = argv[n];
  if (strcmp(fname, "-") == 0 && strcmp(argv[n - 1], "--") != 0)
    fname = NULL;  /* stdin */
  status = luaL_loadfile(L, fname);
  narg = argc - n - 1;
  if (status == 0) {
    luaL_checkstack(L, narg + 3, "too many arguments to script");
    for (i = n + 1; i < argc; i++) lua_pushstring(L, argv[i]);
    status = cli_docall(L, narg, 0);
  }
  return cli_report(L, status);
}

static int cli_luainit(lua_State *L)
{
  const char *init = getenv(LUA_INIT);
  if (init == NULL) return 0;
  if (init[0] == '@') return cli_dofile(L, init + 1);
  return cli_dostring(L, init, "=" LUA_INIT);
}

/* -- LuaJIT control commands (-j, -O) ------------------------------------- */

/* Push the comma-separated parts of opt as strings; returns their count. */
static int cli_pushopts(lua_State *L, const char *opt)
{
  int n = 0;
  if (opt == NULL) return 0;
  for (;;) {
    const char *p = strchr(opt, ',');
    size_t len = p ? (size_t)(p - opt) : strlen(opt);
    luaL_checkstack(L, 1, "too many options");
    lua_pushlstring(L, opt, len);
    n++;
    if (p == NULL) break;
    opt = p + 1;
  }
  return n;
}

/* The jit.* tool modules of LuaJIT. Until lunar has a JIT compiler (and
** these modules), -jv/-jdump/-jp are accepted and do nothing. */
static int cli_jitmodule_optional(const char *cmd, size_t len)
{
  static const char *const mods[] = { "v", "dump", "p", NULL };
  int i;
  for (i = 0; mods[i] != NULL; i++)
    if (strlen(mods[i]) == len && memcmp(mods[i], cmd, len) == 0) return 1;
  return 0;
}

/* -jcmd[=args]: jit.cmd(args...) or require("jit.cmd").start(args...). */
static int cli_jitcmd(lua_State *L, const char *cmd)
{
  const char *opt = strchr(cmd, '=');
  size_t len = opt ? (size_t)(opt - cmd) : strlen(cmd);
  int narg;
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_getfield(L, -1, "jit");
  lua_remove(L, -2);
  if (lua_istable(L, -1)) {
    lua_pushlstring(L, cmd, len);
    lua_gettable(L, -2);
    lua_remove(L, -2);
  }
  if (!lua_isfunction(L, -1)) {
    lua_pop(L, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "jit.");
    lua_pushlstring(L, cmd, len);
    lua_concat(L, 2);
    if (lua_pcall(L, 1, 1, 0) != 0) {
      const char *msg = lua_tostring(L, -1);
      if (msg != NULL && strstr(msg, "module 'jit.") != NULL &&
          strstr(msg, "not found") != NULL) {
        lua_pop(L, 1);
        if (cli_jitmodule_optional(cmd, len))
          return 0;  /* -jv, -jdump, -jp: no traces without a JIT. */
        lua_pushliteral(L, "unknown luaJIT command or jit.* modules not "
                        "installed");
      }
      return cli_report(L, 1);
    }
    lua_getfield(L, -1, "start");
    lua_remove(L, -2);
    if (!lua_isfunction(L, -1)) {
      lua_pop(L, 1);
      lua_pushliteral(L, "unknown luaJIT command or jit.* modules not "
                      "installed");
      return cli_report(L, 1);
    }
  }
  narg = cli_pushopts(L, opt ? opt + 1 : NULL);
  return cli_report(L, cli_docall(L, narg, 1));
}

/* -O[opts]: jit.opt.start(opts...). */
static int cli_jitopt(lua_State *L, const char *opt)
{
  int narg;
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_getfield(L, -1, "jit");
  lua_remove(L, -2);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return 0;  /* No jit library: nothing to tune. */
  }
  lua_getfield(L, -1, "opt");
  lua_remove(L, -2);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return 0;
  }
  lua_getfield(L, -1, "start");
  lua_remove(L, -2);
  narg = cli_pushopts(L, *opt ? opt : NULL);
  return cli_report(L, cli_docall(L, narg, 1));
}

/* -- Bytecode (-b) -------------------------------------------------------- */

/* lunar -b...: save or list bytecode (src/cli/bcsave.c). */
static int cli_bytecode(lua_State *L, char **args)
{
  return lu_bcsave_main(L, cli_progname, args);
}

/* -- Options -------------------------------------------------------------- */

/* Check the options and return the index of the script (0 if none), or
** -1 for a bad option (usage is printed by the caller). */
static int cli_collectargs(char **argv, int *flags)
{
  int i;
  if (argv[0] == NULL) return 0;  /* Started with argc == 0. */
  for (i = 1; argv[i] != NULL; i++) {
    const char *a = argv[i];
    if (a[0] != '-') return i;  /* Not an option: the script. */
    switch (a[1]) {
    case '-':
      if (a[2] != '\0') return -1;
      return argv[i + 1] != NULL ? i + 1 : 0;
    case '\0':
      return i;  /* "-": stdin is the script. */
    case 'i':
      if (a[2] != '\0') return -1;
      *flags |= FLAGS_INTERACTIVE | FLAGS_VERSION;
      break;
    case 'v':
      if (a[2] != '\0') return -1;
      *flags |= FLAGS_VERSION;
      break;
    case 'e':
      *flags |= FLAGS_EXEC;
      /* fallthrough */
    case 'j':
    case 'l':
      *flags |= FLAGS_OPTION;
      if (a[2] == '\0') {
        i++;
        if (argv[i] == NULL) return -1;
      }
      break;
    case 'O':
      *flags |= FLAGS_OPTION;
      break;
    case 'b':
      if (*flags) return -1;
      *flags |= FLAGS_EXEC;
      return i + 1;
    case 'E':
      if (a[2] != '\0') return -1;
      *flags |= FLAGS_NOENV;
      break;
    default:
      return -1;
    }
  }
  return 0;
}

/* Execute -e, -l, -j, -O (and -b) in order; stops at the script. */
static int cli_runargs(lua_State *L, char **argv, int argn)
{
  int i;
  for (i = 1; i < argn; i++) {
    const char *a = argv[i];
    if (a == NULL) break;
    switch (a[1]) {
    case 'e': {
      const char *chunk = a + 2;
      if (*chunk == '\0') chunk = argv[++i];
      if (cli_dostring(L, chunk, "=(command line)") != 0) return 1;
      break;
    }
    case 'l': {
      const char *name = a + 2;
      if (*name == '\0') name = argv[++i];
      if (cli_dolibrary(L, name) != 0) return 1;
      break;
    }
    case 'j': {
      const char *cmd = a + 2;
      if (*cmd == '\0') cmd = argv[++i];
      if (cli_jitcmd(L, cmd) != 0) return 1;
      break;
    }
    case 'O':
      if (cli_jitopt(L, a + 2) != 0) return 1;
      break;
    case 'b':
      return cli_bytecode(L, argv + i);
    default:
      break;
    }
  }
  return 0;
}

static int cli_pmain(lua_State *L)
{
  CliMain *s = (CliMain *)lua_touserdata(L, 1);
  char **argv = s->argv;
  int argn, flags = 0;
  LUAJIT_VERSION_SYM();
  if (argv[0] != NULL && argv[0][0] != '\0') cli_progname = argv[0];
  argn = cli_collectargs(argv, &flags);
  if (argn < 0) {
    cli_usage();
    s->status = 1;
    return 0;
  }
  if (flags & FLAGS_NOENV) {  /* Before the package library reads it. */
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  lua_gc(L, LUA_GCSTOP, 0);
  luaL_openlibs(L);
  lua_gc(L, LUA_GCRESTART, -1);
  if ((flags & FLAGS_VERSION)) cli_version();
  cli_argtable(L, argv, s->argc, argn);
  if (!(flags & FLAGS_NOENV)) {
    s->status = cli_luainit(L);
    if (s->status != 0) return 0;
  }
  s->status = cli_runargs(L, argv, argn > 0 ? argn : s->argc);
  if (s->status != 0) return 0;
  if (argn > 0 && !(argv[argn - 1][0] == '-' && argv[argn - 1][1] == 'b')) {
    s->status = cli_script(L, argv, s->argc, argn);
    if (s->status != 0) return 0;
  }
  if (flags & FLAGS_INTERACTIVE) {
    cli_jitstatus(L);
    cli_repl(L);
  } else if (argn == 0 && !(flags & (FLAGS_EXEC | FLAGS_VERSION))) {
    if (isatty(0)) {
      cli_version();
      cli_jitstatus(L);
      cli_repl(L);
    } else {
      s->status = cli_dofile(L, NULL);
    }
  }
  return 0;
}

int main(int argc, char **argv)
{
  int status;
  CliMain s;
  lua_State *L = luaL_newstate();
  if (argv[0] != NULL && argv[0][0] != '\0') cli_progname = argv[0];
  if (L == NULL) {
    cli_message(cli_progname, "cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  s.argv = argv;
  s.argc = argc;
  s.status = 0;
  status = lua_cpcall(L, cli_pmain, &s);
  cli_report(L, status);
  lua_close(L);
  return (status || s.status) ? EXIT_FAILURE : EXIT_SUCCESS;
}
