/*
** lunar: the one-pass parser and bytecode emitter.
**
** Source text goes in through a lua_Reader, a prototype comes out: the
** parser drives the lexer (lex.h) and emits LuaJIT 2.1 bytecode directly,
** statement by statement, with no syntax tree. Register allocation,
** constant numbering, jump layout and constant folding follow LuaJIT so
** that `lunar -bl` lists exactly what `luajit -bl` lists.
*/
#ifndef LU_PARSE_H
#define LU_PARSE_H

#include "../core/obj.h"

/* Load a chunk. Reads it through reader/data, parses it inside a protected
** call and, on success, pushes a new Lua closure (environment = L->env)
** and returns 0. On error pushes the message and returns LUA_ERRSYNTAX (or
** LUA_ERRMEM). chunkname is "@file", "=name" or the source text itself;
** NULL means "?". mode is "t", "b", "bt" or NULL (= "bt"); a chunk of the
** wrong kind gives "attempt to load chunk with wrong mode". */
LU_FUNC int lu_parse_load(lua_State *L, lua_Reader reader, void *data,
                          const char *chunkname, const char *mode);

/* Parse an already set up lexer state into a prototype (used by
** lu_parse_load; exposed for tools). Throws on error. */
struct LexState;
LU_FUNC GCproto *lu_parse(struct LexState *ls);

#endif
