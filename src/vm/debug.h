/*
** lunar: debug info — line numbers, frame walking, naming of variables and
** functions from the bytecode, hooks.
**
** Frames are identified by their base pointer (see the frame layout in
** obj.h): the function sits at base[-2], the frame link at base[-1].
**
** Debug info conventions shared with the parser:
**   pt->lineinfo[pc]   absolute source line of instruction pc, for every
**                      pc in [0, sizebc) (pc 0 is the FUNCF/FUNCV header).
**   VarInfo            startpc/endpc are instruction indices in the same
**                      numbering; a variable is live at pc when
**                      startpc <= pc < endpc. Variables are listed in the
**                      order they are declared (slot order for the live
**                      ones at any pc).
*/
#ifndef LU_DEBUG_H
#define LU_DEBUG_H

#include "../core/obj.h"
#include "../parse/bc.h"

#define NO_BCPOS   (~(BCPos)0)

/* Source line of instruction pc of pt (pt->firstline if unknown, 0 when
** the prototype has no line info). */
LU_FUNC BCLine lu_debug_line(GCproto *pt, BCPos pc);

/* Walk the frames of L from the innermost outwards and return the base of
** the frame at `level` (0 = the running function) or NULL. *size receives
** the distance (slots) to the next inner frame's base, or 0 for the
** innermost frame. Vararg pseudo-frames and dummy frames are skipped. */
LU_FUNC TValue *lu_debug_frame(lua_State *L, int level, int *size);

/* The base of the frame below `base` (the caller's), following the link. */
LU_FUNC TValue *lu_debug_frameprev(TValue *base);

/* The position of the instruction currently executed by the Lua function
** of frame `base` whose next inner frame is `nextframe` (NULL for the
** innermost frame), or NO_BCPOS when unknown (C function, ...). */
LU_FUNC BCPos lu_debug_framepc(lua_State *L, TValue *base, TValue *nextframe);

/* Name of the local in `slot` live at pc, or NULL. */
LU_FUNC const char *lu_debug_varname(const GCproto *pt, BCPos pc, BCReg slot);
/* Name of upvalue idx of pt ("" when unknown). */
LU_FUNC const char *lu_debug_uvname(const GCproto *pt, uint32_t idx);

/* Describe what was in `slot` at instruction pc by scanning the bytecode
** backwards: returns "local", "global", "field", "upvalue", "method" or
** NULL, and sets *name. */
LU_FUNC const char *lu_debug_slotname(GCproto *pt, const BCIns *pc,
                                      BCReg slot, const char **name);

/* namewhat/name of the function running in frame `base`, found from the
** caller's call instruction ("global", "local", "method", "field",
** "upvalue", "metamethod") or NULL. */
LU_FUNC const char *lu_debug_funcname(lua_State *L, TValue *base,
                                      const char **name);

/* Chunk name as shown in messages: "@file" -> "file", "=name" -> "name",
** source text -> [string "first line..."], at most LUA_IDSIZE bytes
** including the NUL. */
LU_FUNC void lu_debug_shortsrc(char *out, const char *src, size_t srclen);

/* lua_getinfo plus LuaJIT's extra fields for debug.getinfo: with 'u',
** *nparams and *isvararg are set too (when not NULL). */
LU_FUNC int lu_debug_getinfo(lua_State *L, const char *what, lua_Debug *ar,
                             int *nparams, int *isvararg);

/* Call the hook function for `event` (LUA_HOOKCALL, ...) with currentline
** `line` (-1 if none). Does nothing while a hook is running. */
LU_FUNC void lu_debug_hook(lua_State *L, int event, BCLine line);

/* -- Interpreter support for hooks ------------------------------------------
** With hooks set, lu_dispatch_update points the opcodes at hook handlers
** which call these, then run the original handler (static dispatch part).
**
** lu_debug_hookins: before the instruction pc[-1] of the Lua frame at
**   L->base runs (pc points after it; L->savedpc still holds the previous
**   instruction's saved pc; L->top = the frame top). Counts down the count
**   hook (g->hookcount, restarted from g->hookcstart), fires the line hook
**   on a new line or a backward jump, and the return hook before a return
**   instruction. Leaves L->savedpc = pc.
** lu_debug_hookcall: on entry to the function of the frame at L->base
**   (after a Lua function's header set up the frame; before a C function
**   runs), fires the call hook.
*/
LU_FUNC void lu_debug_hookins(lua_State *L, const BCIns *pc);
LU_FUNC void lu_debug_hookcall(lua_State *L);

#endif
