/*
** lunar: libFuzzer target for the bytecode loader.
**
**   make fuzz-bc            builds build-fuzz/fuzz/fuzz_load_bc (clang,
**                           -fsanitize=fuzzer,address,undefined)
**   build-fuzz/fuzz/fuzz_load_bc tests/fuzz/corpus_bc -max_total_time=300
**
** Each input is loaded as a binary chunk (a leading "\033LJ" is supplied
** when missing, so the fuzzer need not rediscover the header); accepted
** chunks run in the sandbox of bcfuzz.h under its timer (50 ms).
*/
#include "bcfuzz.h"

static lua_State *fz_L;
static BCFStats fz_st;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *buf;
  size_t n = size;
  if (fz_L == NULL || fz_st.tried % 1000 == 999 || bcf_mem > BCF_MEMLIMIT / 2) {
    if (fz_L != NULL) lua_close(fz_L);
    bcf_budget_ms = 50;  /* Keep the executions per second up. */
    fz_L = bcf_newstate();
  }
  buf = (char *)malloc(size + 3);
  if (size >= 3 && memcmp(data, "\033LJ", 3) == 0) {
    memcpy(buf, data, size);
  } else {
    memcpy(buf, "\033LJ", 3);
    memcpy(buf + 3, data, size);
    n += 3;
  }
  bcf_try(fz_L, buf, n, 1, &fz_st);
  free(buf);
  return 0;
}
