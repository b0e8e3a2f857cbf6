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
             src/lib/*.c src/api/*.c src/jit/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
CLI_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CLI_SRC))
DEPS := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

.PHONY: all test debug asan clean bench install uninstall

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
	@sh bench/run.sh $(BENCH)

clean:
	rm -rf build build-debug build-asan

-include $(DEPS)
