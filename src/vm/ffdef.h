/*
** lunar: the fast functions (X-macro). One line per builtin that the
** interpreter implements as an entry of the dispatch table past the last
** opcode: FFDEF(_) lists (library, name) pairs; the library token is the
** name the library is registered under ("base" means "_G"). The fast
** function id (ffid) of entry i is FF_FIRST + i; its dispatch slot is
** BC__MAX + ffid. Each entry handles the common case inside the
** interpreter and falls back to the library's C function otherwise.
*/
#define FFDEF(_) \
  _(base, assert) \
  _(base, type) \
  _(base, next) \
  _(base, ipairs_aux) \
  _(base, select) \
  _(base, rawget) \
  _(base, rawset) \
  _(base, rawequal) \
  _(base, getmetatable) \
  _(base, tostring) \
  _(base, tonumber) \
  _(base, pcall) \
  _(base, xpcall) \
  _(math, floor) \
  _(math, ceil) \
  _(math, abs) \
  _(math, sqrt) \
  _(math, min) \
  _(math, max) \
  _(string, byte) \
  _(string, char) \
  _(string, sub) \
  _(string, len) \
  _(coroutine, yield)
