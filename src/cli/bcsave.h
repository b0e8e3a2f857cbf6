/*
** lunar: `lunar -b` (save or list bytecode).
*/
#ifndef LU_BCSAVE_H
#define LU_BCSAVE_H

#include "../api/lua.h"

/* argv[0] is the "-b..." argument; the rest of argv (NULL-terminated) are
** its options and files. Returns the process exit status. */
int lu_bcsave_main(lua_State *L, const char *progname, char **argv);

#endif
