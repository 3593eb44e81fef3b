# Tests, included by the Makefile (which defines B, TANGLE_DIR, CHAPTERS,
# the ldso target and $(B)/ldso.a).  Every chapter's tests form one
# Criterion suite named after the chapter: its unit tests are chunks of the
# chapter (tangled into $(TANGLE_DIR)/tests/), its integration tests and
# fixtures live in tests/SLUG/ (SLUG_test.c, SLUG.mk), where SLUG is the
# chapter's file name without its number (chapters/20-mapping.nw: mapping).
# One Criterion executable, $(T)/run-tests, runs the suites of the chapters
# in CHAPTERS, so that a stage build (make stage, make chapters) runs the
# tests of its prefix of the book and no more.
#
#   make fixtures   builds the fixtures of those chapters
#   make test       builds ld.so, the fixtures and $(T)/run-tests, runs it

T := $(B)/tests

TEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror

# The chapters' slugs, in reading order, and those with tests of their own.
CHAPTER_SLUGS := $(shell for c in $(CHAPTERS); do basename $$c .nw | sed 's/^[0-9]*-//'; done)
TEST_CHAPTERS := $(foreach s,$(CHAPTER_SLUGS),$(if $(wildcard tests/$(s)/$(s).mk),$(s)))

# ---------------------------------------------------------------- fixtures
# Freestanding programs and libraries: no libc, no start files, our own
# runtime (tests/runtime) and no stack protector (there is no TCB).
FIX_CFLAGS := $(TEST_CFLAGS) -ffreestanding -fno-stack-protector \
  -fno-tree-loop-distribute-patterns -U_FORTIFY_SOURCE -fcf-protection=none \
  -nostdlib -Itests/runtime -Wl,-z,noexecstack
RT_SRCS := tests/runtime/start.S tests/runtime/rt.c tests/runtime/clone.S
# Everything is rebuilt when the runtime or the flags change.
RT_DEPS := $(RT_SRCS) tests/runtime/rt.h tests/tests.mk

# The two interpreters: the oracle, and the linker under test.
SYSTEM_INTERP := /lib64/ld-linux-x86-64.so.2
OUR_INTERP     = $(abspath $(B))/ld.so

# A PIE gets PT_INTERP from --dynamic-linker.  An ET_EXEC without shared
# libraries gets no dynamic sections from the static linker unless it is
# linked with -E --no-dynamic-linker; tests/entry/interp.S then supplies
# .interp.
PIE_FLAGS   := -fPIE -pie
NOPIE_FLAGS := -fno-pie -no-pie -Wl,-E -Wl,--no-dynamic-linker
LIB_FLAGS   := -fPIC -shared
RUNPATH      = -Wl,--enable-new-dtags,-rpath,'$(1)'
# A library named after its target, and a program that finds its
# libraries beside it (RUNPATH $ORIGIN).
FIX_LIB      = gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,$(notdir $@)
FIX_PIE      = gcc $(FIX_CFLAGS) $(PIE_FLAGS) $(call RUNPATH,$$ORIGIN) \
  -Wl,--no-as-needed -Wl,--dynamic-linker=$(SYSTEM_INTERP)

.PHONY: fixtures
fixtures: $(TEST_CHAPTERS:%=%-fixtures)

-include $(foreach s,$(TEST_CHAPTERS),tests/$(s)/$(s).mk)

# ---------------------------------------------------------------- Criterion
CRITERION_CFLAGS = $(shell pkg-config --cflags criterion 2>/dev/null)
CRITERION_LIBS = $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

# The chapters' unit tests include the linker's headers with quotes; with
# -iquote those never shadow system headers such as <string.h>.
UNIT_SRCS = $(wildcard $(TANGLE_DIR)/tests/*.c)
UNIT_OBJS = $(patsubst $(TANGLE_DIR)/tests/%.c,$(T)/unit/%.o,$(UNIT_SRCS))
INTEGRATION_SRCS = tests/harness/harness.c \
  $(foreach s,$(TEST_CHAPTERS),$(wildcard tests/$(s)/$(s)_test.c))
INTEGRATION_OBJS = $(patsubst tests/%.c,$(T)/integration/%.o,$(INTEGRATION_SRCS))

$(T)/unit/%.o: $(TANGLE_DIR)/tests/%.c $(LDSO_HDRS) tests/tests.mk
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) -iquote $(TANGLE_DIR)/ldso -iquote $(B)/gen \
	  -DLDSO_TEST_BUILD='"$(abspath $(B))"' $(CRITERION_CFLAGS) -c $< -o $@

$(T)/integration/%.o: tests/%.c tests/harness/harness.h tests/tests.mk
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) -Itests/harness -DLDSO_TEST_BUILD='"$(abspath $(B))"' \
	  -DLDSO_TEST_ROOT='"$(CURDIR)"' $(CRITERION_CFLAGS) -c $< -o $@

# The linker's archive defines names the system's libc imports from its
# own ld.so (_rtld_global, _dl_argv, ...); --exclude-libs keeps the test
# program from exporting them, so that libc still binds to the real ones.
$(T)/run-tests: $(UNIT_OBJS) $(INTEGRATION_OBJS) $(B)/ldso.a
	gcc -o $@ $(UNIT_OBJS) $(INTEGRATION_OBJS) $(B)/ldso.a $(CRITERION_LIBS) \
	  -Wl,--exclude-libs,ALL

# A sub-make for each step: the wildcards above must see the files that
# `make ldso` has just tangled.  The last line is Criterion's synthesis.
.PHONY: test
test:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory fixtures
	@$(MAKE) --no-print-directory $(B)/ldso.a $(T)/run-tests
	@$(T)/run-tests --jobs 2

# make test-launch-cache: the whole suite twice more, every direct start of
# our linker with one launch cache, cold then warm
# (tests/launch-cache/two-passes.sh).  Not part of `make test`.
.PHONY: test-launch-cache
test-launch-cache:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory fixtures
	@$(MAKE) --no-print-directory $(B)/ldso.a $(T)/run-tests
	@sh tests/launch-cache/two-passes.sh $(T)/run-tests $(abspath $(T))/launch-cache-run

# ---------------------------------------------------------------- sanitizers
# make test-sanitize: the chapters' unit tests once more, they and the
# linker's code under them built with AddressSanitizer and
# UndefinedBehaviorSanitizer, in $(B)/sanitize.  Not part of `make test`.
SAN := $(B)/sanitize
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
SAN_LDSO_OBJS = $(patsubst $(TANGLE_DIR)/ldso/%.c,$(SAN)/ldso/%.o,$(filter %.c,$(LDSO_SRCS)))
SAN_UNIT_OBJS = $(patsubst $(TANGLE_DIR)/tests/%.c,$(SAN)/unit/%.o,$(UNIT_SRCS))

$(SAN)/ldso/%.o: $(TANGLE_DIR)/ldso/%.c $(LDSO_HDRS) tests/tests.mk
	@mkdir -p $(@D)
	gcc $(filter-out -flto=auto -ffat-lto-objects,$(LDSO_CFLAGS)) $(SAN_FLAGS) -c $< -o $@

$(SAN)/unit/%.o: $(TANGLE_DIR)/tests/%.c $(LDSO_HDRS) tests/tests.mk
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) $(SAN_FLAGS) -iquote $(TANGLE_DIR)/ldso -iquote $(B)/gen \
	  $(CRITERION_CFLAGS) -c $< -o $@

# The assembly files (less the start code) have nothing to instrument.
$(SAN)/ldso.a: $(SAN_LDSO_OBJS) $(filter %.S.o,$(filter-out $(B)/ldso/start.S.o,$(LDSO_OBJS)))
	rm -f $@ && ar rcs $@ $^

$(SAN)/run-unit-tests: $(SAN_UNIT_OBJS) $(SAN)/ldso.a
	gcc $(SAN_FLAGS) -o $@ $(SAN_UNIT_OBJS) $(SAN)/ldso.a $(CRITERION_LIBS) \
	  -Wl,--exclude-libs,ALL

.PHONY: test-sanitize
test-sanitize:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory $(SAN)/run-unit-tests
	@UBSAN_OPTIONS=print_stacktrace=1 $(SAN)/run-unit-tests --jobs 2
include tests/fuzz/fuzz.mk
