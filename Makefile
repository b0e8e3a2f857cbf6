# lunar — a Lua 5.1 VM compatible with LuaJIT 2.1.
#
#   make            build/lunar, build/liblunar.a, build/liblunar.so (-O2)
#   make test       build, then run the whole test suite
#   make debug      build-debug/ with assertions and -O0 -g
#   make asan       build-asan/ with ASan + UBSan, then run the test suite
#   make CC=clang   any of the above with clang
#   make bench      benchmarks against luajit -joff, luajit and lua5.1

CC ?= cc
BUILD ?= build
OPT ?= -O2
CWARN = -Wall -Wextra -Wno-unused-parameter
CSTD = -std=gnu11
XCFLAGS ?=
CFLAGS_ALL = $(CSTD) $(OPT) $(CWARN) -fPIC -fvisibility=hidden \
  -fno-strict-aliasing -fno-plt $(XCFLAGS) $(CFLAGS)
LDLIBS = -lm -ldl
XLDFLAGS ?=

LIB_SRC := $(sort $(wildcard src/core/*.c src/parse/*.c src/vm/*.c \
             src/lib/*.c src/api/*.c src/jit/*.c src/ffi/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
CLI_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CLI_SRC))
DEPS := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

.PHONY: all test debug asan clean bench install install-compat uninstall

all: $(BUILD)/lunar $(BUILD)/liblunar.a $(BUILD)/liblunar.so

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/liblunar.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/liblunar.so: $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(XLDFLAGS) $(LDFLAGS) $(LDLIBS)

# -rdynamic: C modules that do not link a Lua library resolve the API
# against the lunar executable itself.
$(BUILD)/lunar: $(CLI_OBJ) $(LIB_OBJ)
	$(CC) -rdynamic -o $@ $^ $(XLDFLAGS) $(LDFLAGS) $(LDLIBS)

test: all
	@LUNAR=$(BUILD)/lunar sh tests/run.sh

debug:
	$(MAKE) BUILD=build-debug OPT="-O0 -g" XCFLAGS="-DLUNAR_USE_ASSERT -DLUA_USE_APICHECK" all

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  XCFLAGS="-DLUNAR_USE_ASSERT -DLUA_USE_APICHECK -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  XLDFLAGS="-fsanitize=address,undefined" all
	@LUNAR=build-asan/lunar sh tests/run.sh

bench: all
	@bash bench/run.sh $(BENCH)

clean:
	rm -rf build build-debug build-asan build-stress build-cov

-include $(DEPS)

# ------------------------------------------------------------ install
# make install [PREFIX=/usr/local] [DESTDIR=...]: the binary, both
# libraries, the public headers in include/lunar/ (the same names as
# LuaJIT's include/luajit-2.1/, so `pkg-config --cflags lunar` is a
# drop-in for `pkg-config --cflags luajit`), lunar.pc and the man page.
# make install-compat additionally offers the LuaJIT names
# (include/luajit-2.1, libluajit-5.1.so, luajit.pc) as symlinks, but only
# where no real LuaJIT is installed under the same prefix.
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_BIN = $(DESTDIR)$(PREFIX)/bin
INSTALL_LIB = $(DESTDIR)$(PREFIX)/lib
INSTALL_INC = $(DESTDIR)$(PREFIX)/include/lunar
INSTALL_PC = $(INSTALL_LIB)/pkgconfig
INSTALL_MAN = $(DESTDIR)$(PREFIX)/share/man/man1
INSTALL_LMOD = $(DESTDIR)$(PREFIX)/share/lua/5.1
INSTALL_CMOD = $(DESTDIR)$(PREFIX)/lib/lua/5.1
PUB_HDR = src/api/lua.h src/api/luaconf.h src/api/lualib.h \
  src/api/lauxlib.h src/api/luajit.h src/api/lua.hpp
LUNAR_VERSION_STR := $(shell sed -n 's/.*define LUNAR_VERSION *"lunar \(.*\)"/\1/p' src/api/luajit.h)

# INSTALL_NOBUILD=1 installs what is in $(BUILD) without running make all
# first (used by tests/cli/examples.sh so a test never rebuilds a tree).
install: $(if $(INSTALL_NOBUILD),,all)
	install -d $(INSTALL_BIN) $(INSTALL_LIB) $(INSTALL_INC) $(INSTALL_PC) \
	  $(INSTALL_MAN)
	install -m 0755 $(BUILD)/lunar $(INSTALL_BIN)/lunar
	install -m 0644 $(BUILD)/liblunar.a $(INSTALL_LIB)/liblunar.a
	install -m 0755 $(BUILD)/liblunar.so $(INSTALL_LIB)/liblunar.so
	install -m 0644 $(PUB_HDR) $(INSTALL_INC)
	sed -e 's#@PREFIX@#$(PREFIX)#' -e 's#@VERSION@#$(LUNAR_VERSION_STR)#' \
	  src/api/lunar.pc.in > $(INSTALL_PC)/lunar.pc
	install -m 0644 docs/lunar.1 $(INSTALL_MAN)/lunar.1
	@echo "lunar installed in $(DESTDIR)$(PREFIX)"

install-compat: install
	@cd $(DESTDIR)$(PREFIX)/include && { [ -e luajit-2.1 ] || ln -s lunar luajit-2.1; }
	@cd $(INSTALL_LIB) && { [ -e libluajit-5.1.so ] || ln -s liblunar.so libluajit-5.1.so; }
	@cd $(INSTALL_PC) && { [ -e luajit.pc ] || sed -e 's#/lunar$$#/luajit-2.1#' \
	  -e 's#^Name: .*#Name: LuaJIT (lunar)#' -e 's#-llunar#-lluajit-5.1#' lunar.pc > luajit.pc; }

uninstall:
	rm -f $(INSTALL_BIN)/lunar $(INSTALL_LIB)/liblunar.a $(INSTALL_LIB)/liblunar.so \
	  $(INSTALL_PC)/lunar.pc $(INSTALL_MAN)/lunar.1
	rm -f $(addprefix $(INSTALL_INC)/,$(notdir $(PUB_HDR)))
	-rmdir $(INSTALL_INC) 2>/dev/null
	@for l in $(DESTDIR)$(PREFIX)/include/luajit-2.1 $(INSTALL_LIB)/libluajit-5.1.so; do \
	  [ -L $$l ] && rm -f $$l; done; true
	@grep -qs '(lunar)' $(INSTALL_PC)/luajit.pc && rm -f $(INSTALL_PC)/luajit.pc; true
	@echo "lunar uninstalled from $(DESTDIR)$(PREFIX)"

# -- Robustness (tools/difftest, tests/robust, tests/fuzz) ---------------------
#   make difftest SEEDS=N      N random programs, lunar vs luajit -joff
#   make fuzz FUZZTIME=S       each libFuzzer target for S seconds (clang)
SEEDS ?= 500
FUZZTIME ?= 60
.PHONY: difftest fuzz allocfail
difftest: all
	@LUNAR=$(BUILD)/lunar sh tools/difftest/run.sh $(SEEDS)

FUZZ_BUILD = build-fuzz
FUZZ_TARGETS = $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined

fuzz:
	$(MAKE) CC=clang BUILD=$(FUZZ_BUILD) OPT="-O1 -g -fno-omit-frame-pointer" \
	  XCFLAGS="-DLUNAR_USE_ASSERT -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	  XLDFLAGS="$(FUZZ_SAN)" $(FUZZ_BUILD)/liblunar.a
	@mkdir -p $(FUZZ_BUILD)/fuzz $(FUZZ_BUILD)/crashes
	@set -e; for t in $(FUZZ_TARGETS); do \
	  clang -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -Isrc/api \
	    tests/fuzz/$$t.c $(FUZZ_BUILD)/liblunar.a -lm -ldl -o $(FUZZ_BUILD)/fuzz/$$t; \
	done
	@for t in $(FUZZ_TARGETS); do \
	  c=tests/fuzz/corpus_$${t#fuzz_}; [ -d $$c ] || c=tests/fuzz/corpus_$${t#fuzz_load_}; mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  echo "== $$t ($(FUZZTIME) s)"; \
	  $(FUZZ_BUILD)/fuzz/$$t -max_total_time=$(FUZZTIME) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t $$( [ -d $$c ] && echo $$c ) 2>&1 | \
	    grep -E '^(==|#[0-9]+ *DONE|SUMMARY|artifact_prefix|stat::number_of_executed_units)|ERROR|Test unit written' || true; \
	done
	@ls $(FUZZ_BUILD)/crashes | sed 's/^/crash: /' | head -n 50

# -- Bytecode loader fuzzing (tests/fuzz; see tests/fuzz/bcmut.c) ---------
#   make bcfuzz [N=100000] [SEED=1]  mutation test under ASan + UBSan
#   make fuzz-bc                     libFuzzer target build-fuzz/fuzz/fuzz_load_bc
#                                    (also built and run by `make fuzz`;
#                                    by hand: build-fuzz/fuzz/fuzz_load_bc
#                                    tests/fuzz/corpus_bc -max_total_time=300)
BCFUZZ_ASAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
.PHONY: bcfuzz fuzz-bc
bcfuzz:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  XCFLAGS="-DLUNAR_USE_ASSERT -DLUA_USE_APICHECK $(BCFUZZ_ASAN)" \
	  XLDFLAGS="-fsanitize=address,undefined" build-asan/liblunar.a
	$(CC) $(CSTD) -O1 -g $(BCFUZZ_ASAN) -o build-asan/bcmut \
	  tests/fuzz/bcmut.c build-asan/liblunar.a $(LDLIBS)
	ASAN_OPTIONS=allocator_may_return_null=1 build-asan/bcmut -q \
	  -n $(or $(N),100000) -s $(or $(SEED),1) \
	  $$(find tests/lua tests/bc -name '*.lua' | sort)

fuzz-bc:
	$(MAKE) CC=clang BUILD=$(FUZZ_BUILD) OPT="-O1 -g -fno-omit-frame-pointer" \
	  XCFLAGS="-DLUNAR_USE_ASSERT -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	  XLDFLAGS="$(FUZZ_SAN)" $(FUZZ_BUILD)/liblunar.a
	@mkdir -p $(FUZZ_BUILD)/fuzz
	clang -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -Isrc/api \
	  tests/fuzz/fuzz_load_bc.c $(FUZZ_BUILD)/liblunar.a $(LDLIBS) \
	  -o $(FUZZ_BUILD)/fuzz/fuzz_load_bc

allocfail: $(BUILD)/liblunar.a
	$(CC) -std=gnu11 -O1 -g -Isrc/api tests/robust/allocfail.c $(BUILD)/liblunar.a \
	  $(XLDFLAGS) -lm -ldl -o $(BUILD)/allocfail
	cd $(BUILD) && ./allocfail

# -- Stress build (issue 6): a full GC step at every lu_gc_check with the
# heap invariant checker on, and a stack reallocation at every stack check.
#   make stress      build-stress/, then the whole suite with STRESS=1
#                    (tests marked `-- stress: skip` are skipped; run.sh)
.PHONY: stress
stress:
	$(MAKE) BUILD=build-stress OPT="-O1 -g" \
	  XCFLAGS="-DLUNAR_USE_ASSERT -DLUA_USE_APICHECK -DLUNAR_GC_STRESS -DLUNAR_STACK_STRESS" all
	@STRESS=1 TEST_TIMEOUT=$(or $(STRESS_TIMEOUT),120) LUNAR=build-stress/lunar sh tests/run.sh

# -- Fuzzing in CI (issue 6): build every libFuzzer target of `make fuzz`
# and run each for FUZZCI_TIME seconds (default 10) on its seed corpus;
# fails when any target finds a crash, leak, timeout or sanitizer error
# (the reproducer is left in build-fuzz/crashes-ci/).
FUZZCI_TIME ?= 10
.PHONY: fuzz-ci
# CI fuzzing is reproducible: a fixed seed and a fixed number of runs per
# target (capped by FUZZCI_TIME seconds).
FUZZCI_SEED ?= 1
FUZZCI_RUNS ?= 3000
fuzz-ci:
	$(MAKE) CC=clang BUILD=$(FUZZ_BUILD) OPT="-O1 -g -fno-omit-frame-pointer" \
	  XCFLAGS="-DLUNAR_USE_ASSERT -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	  XLDFLAGS="$(FUZZ_SAN)" $(FUZZ_BUILD)/liblunar.a
	@mkdir -p $(FUZZ_BUILD)/fuzz
	@rm -rf $(FUZZ_BUILD)/crashes-ci && mkdir -p $(FUZZ_BUILD)/crashes-ci
	@set -e; for t in $(FUZZ_TARGETS); do \
	  clang -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -Isrc/api \
	    tests/fuzz/$$t.c $(FUZZ_BUILD)/liblunar.a $(LDLIBS) -o $(FUZZ_BUILD)/fuzz/$$t; \
	done
	@bad=; for t in $(FUZZ_TARGETS); do \
	  c=tests/fuzz/corpus_$${t#fuzz_}; [ -d $$c ] || c=tests/fuzz/corpus_$${t#fuzz_load_}; \
	  w=$(FUZZ_BUILD)/corpus-ci/$$t; rm -rf $$w; mkdir -p $$w; \
	  printf '== %s (%s s) ' $$t $(FUZZCI_TIME); \
	  if $(FUZZ_BUILD)/fuzz/$$t -seed=$(FUZZCI_SEED) -runs=$(FUZZCI_RUNS) \
	      -max_total_time=$(FUZZCI_TIME) -timeout=10 \
	      -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
	      -artifact_prefix=$(FUZZ_BUILD)/crashes-ci/$$t- \
	      $$w $$( [ -d $$c ] && echo $$c ) > $(FUZZ_BUILD)/crashes-ci/$$t.log 2>&1; then \
	    grep -E '^stat::number_of_executed_units' $(FUZZ_BUILD)/crashes-ci/$$t.log | sed 's/.*: */runs: /'; \
	  else \
	    echo FAILED; grep -E 'ERROR|SUMMARY|Test unit written' $(FUZZ_BUILD)/crashes-ci/$$t.log | head -n 5; \
	    bad="$$bad $$t"; \
	  fi; \
	done; \
	if [ -n "$$bad" ]; then echo "fuzz-ci: crashes in:$$bad"; exit 1; fi; \
	echo "fuzz-ci: no crash"

# -- Coverage (issue 6): build-cov/ with gcc --coverage, run the suite,
# then a per-directory line-coverage summary (tools/covsum.sh; gcov only;
# COVFILES=1 adds one line per file).  The suite's C programs that link
# liblunar.a are compiled with CC=build-cov/cc-cov (gcc --coverage).
.PHONY: coverage
coverage:
	@find build-cov -name '*.gcda' -delete 2>/dev/null || true
	$(MAKE) CC=gcc BUILD=build-cov OPT="-O0 -g" XCFLAGS="--coverage" \
	  XLDFLAGS="--coverage" all
	@printf '#!/bin/sh\nexec gcc --coverage "$$@"\n' > build-cov/cc-cov
	@chmod +x build-cov/cc-cov
	-@CC=$(CURDIR)/build-cov/cc-cov LUNAR=build-cov/lunar sh tests/run.sh | \
	  grep -E '^(FAIL|skipped|[0-9]+ passed)'
	@sh tools/covsum.sh build-cov
