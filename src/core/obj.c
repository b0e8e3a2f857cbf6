/*
** lunar: value type names and the internal assertion handler.
*/
#include <stdio.h>
#include <stdlib.h>

#include "obj.h"

/* Indexed by ~itype & 15 (see lu_typename in obj.h): nil, false, true,
** light userdata, string, upval, thread, proto, function, trace, cdata,
** table, userdata, number. */
const char *const lu_obj_itypename[] = {
  "nil", "boolean", "boolean", "userdata", "string", "upval", "thread",
  "proto", "function", "trace", "cdata", "table", "userdata", "number",
  "number", "number"
};

#ifdef LUNAR_USE_ASSERT
/* An internal invariant failed: report where and why, then abort. */
void lu_assert_fail(const char *file, int line, const char *func,
                    const char *why)
{
  fprintf(stderr, "lunar: %s:%d: %s: assertion failed: %s\n",
          file, line, func, why);
  fflush(stderr);
  abort();
}
#endif
