/*
** multistate: several independent lua_States in one process. Each
** state is created, used and closed by its own POSIX thread (a state is
** not shared between threads; separate states need no locking). The
** states compute different results, proving they share no globals.
*/
#include <pthread.h>
#include <stdio.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#define NSTATES 4

typedef struct Job { int id; double result; int ok; } Job;

static void *worker(void *arg)
{
  Job *job = (Job *)arg;
  lua_State *L = luaL_newstate();
  if (L == NULL) return NULL;
  luaL_openlibs(L);
  lua_pushinteger(L, job->id);
  lua_setglobal(L, "ID");
  int status = luaL_dostring(L,
    "shared = (shared or 0) + ID\n"          /* would leak across states */
    "local t = {}\n"
    "for i = 1, 20000 do t[i] = tostring(i * ID) end\n"
    "local s = 0\n"
    "for i = 1, #t do s = s + tonumber(t[i]) end\n"
    "collectgarbage()\n"
    "return s + shared");
  if (status == 0) {
    job->result = lua_tonumber(L, -1);
    job->ok = 1;
  } else {
    fprintf(stderr, "state %d: %s\n", job->id, lua_tostring(L, -1));
  }
  lua_close(L);
  return NULL;
}

int main(void)
{
  pthread_t th[NSTATES];
  Job jobs[NSTATES];
  for (int i = 0; i < NSTATES; i++) {
    jobs[i] = (Job){ i + 1, 0, 0 };
    if (pthread_create(&th[i], NULL, worker, &jobs[i]) != 0) return 1;
  }
  int bad = 0;
  for (int i = 0; i < NSTATES; i++) {
    pthread_join(th[i], NULL);
    double want = 200010000.0 * jobs[i].id + jobs[i].id;   /* sum 1..20000 = 200010000 */
    printf("multistate: state %d -> %.0f\n", jobs[i].id, jobs[i].result);
    if (!jobs[i].ok || jobs[i].result != want) bad = 1;
  }
  /* And two states alive at once on one thread. */
  lua_State *A = luaL_newstate(), *B = luaL_newstate();
  luaL_openlibs(A);
  luaL_openlibs(B);
  if (luaL_dostring(A, "x = 'A'") != 0 || luaL_dostring(B, "x = 'B'") != 0)
    return 1;
  lua_getglobal(A, "x");
  lua_getglobal(B, "x");
  if (lua_tostring(A, -1)[0] != 'A' || lua_tostring(B, -1)[0] != 'B') bad = 1;
  lua_close(A);
  lua_close(B);
  return bad;
}
