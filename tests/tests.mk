# Tests: the freestanding fixtures (tests/runtime, tests/fixtures) and one
# Criterion executable with the chapters' unit tests (tangle/tests/*.c) and
# the integration tests (tests/integration/*.c).  Included by the Makefile,
# which defines B, the ldso target and $(B)/ldso.a.
#
#   make fixtures   builds $(B)/tests/fixtures/...
#   make test       builds ld.so, the fixtures and $(B)/tests/run-tests, runs it

T   := $(B)/tests
FIX := $(T)/fixtures

TEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror

# ---------------------------------------------------------------- fixtures
# Freestanding programs and libraries: no libc, no start files, our own
# runtime (tests/runtime) and no stack protector (there is no TCB).
FIX_CFLAGS := $(TEST_CFLAGS) -ffreestanding -fno-stack-protector \
  -fno-tree-loop-distribute-patterns -U_FORTIFY_SOURCE -fcf-protection=none \
  -nostdlib -Itests/runtime -Wl,-z,noexecstack
RT_SRCS := tests/runtime/start.S tests/runtime/rt.c
# Everything is rebuilt when this file (its flags) changes.
RT_DEPS := $(RT_SRCS) tests/runtime/rt.h tests/tests.mk

SYSTEM_INTERP := /lib64/ld-linux-x86-64.so.2
OUR_INTERP    := $(abspath $(B))/ld.so

# A PIE gets PT_INTERP from --dynamic-linker.  An ET_EXEC without shared
# libraries gets no dynamic sections from the static linker unless it is
# linked with -E --no-dynamic-linker; interp.S then supplies .interp.
PIE_FLAGS   := -fPIE -pie
NOPIE_FLAGS := -fno-pie -no-pie -Wl,-E -Wl,--no-dynamic-linker
LIB_FLAGS   := -fPIC -shared
RUNPATH      = -Wl,--enable-new-dtags,-rpath,'$(1)'

FIXTURE_PROGRAMS := hello hello-ours hello-nopie hello-nopie-ours \
  hello-relr hello-relr-ours \
  needs-lib needs-lib-ours needs-lib-rpath needs-other needs-dst \
  bad/needs-gone bad/needs-gone-ours
PLATFORM_DIR := x86_64
LIB_DIR      := lib/x86_64-linux-gnu
DST_LIBS     := dst/$(PLATFORM_DIR)/libother.so dst/$(LIB_DIR)/libdeep.so
FIXTURE_LIBS := lib/libdeep.so lib/libbeta.so lib/libfix.so \
  other/libfix.so other/libother.so other/libinterpose.so $(DST_LIBS)

.PHONY: fixtures
fixtures: $(addprefix $(FIX)/,$(FIXTURE_PROGRAMS) $(FIXTURE_LIBS)) \
  $(FIX)/bad/.stamp

$(FIX)/hello $(FIX)/hello-nopie $(FIX)/hello-relr: INTERP := $(SYSTEM_INTERP)
$(FIX)/hello-ours $(FIX)/hello-nopie-ours $(FIX)/hello-relr-ours: \
  INTERP := $(OUR_INTERP)
# hello-relr: the same PIE with its relative relocations packed as DT_RELR.
$(FIX)/hello-relr $(FIX)/hello-relr-ours: RELOCS := -Wl,-z,pack-relative-relocs

$(FIX)/hello $(FIX)/hello-ours $(FIX)/hello-relr $(FIX)/hello-relr-ours: \
  tests/fixtures/hello.c $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) $(RELOCS) -Wl,--dynamic-linker=$(INTERP) \
	  -o $@ $< $(RT_SRCS)

$(FIX)/hello-nopie $(FIX)/hello-nopie-ours: tests/fixtures/hello.c \
  tests/fixtures/interp.S $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) $(NOPIE_FLAGS) -DINTERP='"$(INTERP)"' \
	  -o $@ $< tests/fixtures/interp.S $(RT_SRCS)

# lib/ holds libfix.so and libbeta.so, which needs-lib finds through its
# RUNPATH $ORIGIN/lib; both NEED libdeep.so and find it through their own
# RUNPATH $ORIGIN.  This rule builds a library without dependencies
# (libdeep.so, other/libother.so, other/libinterpose.so); the others have
# rules of their own.
$(FIX)/lib/lib%.so $(FIX)/other/lib%.so: tests/fixtures/lib%.c tests/tests.mk
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,$(notdir $@) -o $@ $<

# libdeep.so is NEEDed twice but must be loaded (and listed) once.
$(FIX)/lib/libbeta.so: tests/fixtures/libbeta.c $(FIX)/lib/libdeep.so tests/tests.mk
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbeta.so \
	  $(call RUNPATH,$$ORIGIN) -o $@ $< -L$(FIX)/lib -Wl,--no-as-needed -ldeep

$(FIX)/lib/libfix.so: tests/fixtures/libfix.c $(FIX)/lib/libdeep.so tests/tests.mk
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -DFIX_BASE=40 -Wl,-soname,libfix.so \
	  $(call RUNPATH,$$ORIGIN) -o $@ $< -L$(FIX)/lib -ldeep

# other/: a second libfix.so (LD_LIBRARY_PATH and --library-path come
# before RUNPATH) whose libdeep.so is $ORIGIN/../lib, and libother.so.
$(FIX)/other/libfix.so: tests/fixtures/libfix.c $(FIX)/lib/libdeep.so tests/tests.mk
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -DFIX_BASE=50 -Wl,-soname,libfix.so \
	  $(call RUNPATH,$$ORIGIN/../lib) -o $@ $< -L$(FIX)/lib -ldeep

$(FIX)/needs-lib: INTERP := $(SYSTEM_INTERP)
$(FIX)/needs-lib-ours: INTERP := $(OUR_INTERP)
$(FIX)/needs-lib $(FIX)/needs-lib-ours: tests/fixtures/needs-lib.c $(RT_DEPS) \
  $(FIX)/lib/libfix.so $(FIX)/lib/libbeta.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(INTERP) \
	  $(call RUNPATH,$$ORIGIN/lib) -Wl,-rpath-link,$(FIX)/lib \
	  -o $@ $< $(RT_SRCS) -L$(FIX)/lib -Wl,--no-as-needed -lfix -lbeta

# The same program with an old-style DT_RPATH, spelled ${ORIGIN}: unlike
# RUNPATH, it is searched before LD_LIBRARY_PATH.
$(FIX)/needs-lib-rpath: tests/fixtures/needs-lib.c $(RT_DEPS) \
  $(FIX)/lib/libfix.so $(FIX)/lib/libbeta.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  -Wl,--disable-new-dtags,-rpath,'$${ORIGIN}/lib' \
	  -Wl,-rpath-link,$(FIX)/lib \
	  -o $@ $< $(RT_SRCS) -L$(FIX)/lib -Wl,--no-as-needed -lfix -lbeta

# needs-dst finds libother.so through $PLATFORM and libdeep.so through
# $LIB, as this Debian system's ld.so expands them (PLATFORM_DIR and
# LIB_DIR, above); copies of the libraries wait there.
$(FIX)/dst/$(PLATFORM_DIR)/libother.so: $(FIX)/other/libother.so
	@mkdir -p $(@D)
	cp $< $@

$(FIX)/dst/$(LIB_DIR)/libdeep.so: $(FIX)/lib/libdeep.so
	@mkdir -p $(@D)
	cp $< $@

$(FIX)/needs-dst: tests/fixtures/needs-other.c $(RT_DEPS) \
  $(FIX)/other/libother.so $(FIX)/lib/libdeep.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  $(call RUNPATH,$$ORIGIN/dst/$$PLATFORM:$${ORIGIN}/dst/$$LIB) \
	  -o $@ $< $(RT_SRCS) -L$(FIX)/other -L$(FIX)/lib -Wl,--no-as-needed \
	  -lother -ldeep

$(FIX)/needs-other: tests/fixtures/needs-other.c $(RT_DEPS) \
  $(FIX)/other/libother.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  -o $@ $< $(RT_SRCS) -L$(FIX)/other -Wl,--no-as-needed -lother

# needs-gone NEEDs libgone.so, built in a directory deleted right after.
$(FIX)/bad/needs-gone: INTERP := $(SYSTEM_INTERP)
$(FIX)/bad/needs-gone-ours: INTERP := $(OUR_INTERP)
$(FIX)/bad/needs-gone $(FIX)/bad/needs-gone-ours: tests/fixtures/needs-gone.c \
  tests/fixtures/libgone.c $(RT_DEPS)
	@mkdir -p $(@D)
	rm -rf $@.tmp && mkdir -p $@.tmp
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libgone.so \
	  -o $@.tmp/libgone.so tests/fixtures/libgone.c
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(INTERP) \
	  -o $@ $< $(RT_SRCS) -L$@.tmp -Wl,--no-as-needed -lgone
	rm -rf $@.tmp

# Malformed files, each derived from hello by tests/fixtures/mkbad.c.
$(T)/mkbad: tests/fixtures/mkbad.c
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) -o $@ $<

$(FIX)/bad/.stamp: $(T)/mkbad $(FIX)/hello
	@mkdir -p $(@D)
	$(T)/mkbad $(FIX)/hello $(@D)
	@touch $@

# ---------------------------------------------------------------- Criterion
CRITERION_CFLAGS = $(shell pkg-config --cflags criterion 2>/dev/null)
CRITERION_LIBS = $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

# The chapters' unit tests include the linker's headers with quotes; with
# -iquote those never shadow system headers such as <string.h>.
UNIT_SRCS = $(wildcard tangle/tests/*.c)
UNIT_OBJS = $(patsubst tangle/tests/%.c,$(T)/unit/%.o,$(UNIT_SRCS))
INTEGRATION_SRCS = $(wildcard tests/integration/*.c)
INTEGRATION_OBJS = $(patsubst tests/integration/%.c,$(T)/integration/%.o,$(INTEGRATION_SRCS))

$(T)/unit/%.o: tangle/tests/%.c $(wildcard tangle/ldso/*.h) tests/tests.mk
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) -iquote tangle/ldso $(CRITERION_CFLAGS) -c $< -o $@

$(T)/integration/%.o: tests/integration/%.c $(wildcard tests/integration/*.h) \
  tests/tests.mk
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) -DLDSO_TEST_BUILD='"$(abspath $(B))"' \
	  -DLDSO_TEST_ROOT='"$(CURDIR)"' \
	  $(CRITERION_CFLAGS) -c $< -o $@

$(T)/run-tests: $(UNIT_OBJS) $(INTEGRATION_OBJS) $(B)/ldso.a
	gcc -o $@ $(UNIT_OBJS) $(INTEGRATION_OBJS) $(B)/ldso.a $(CRITERION_LIBS)

# A sub-make for each step: the wildcards above must see the files that
# `make ldso` has just tangled.  The last line is Criterion's synthesis.
.PHONY: test
test:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory fixtures
	@$(MAKE) --no-print-directory $(B)/ldso.a $(T)/run-tests
	@$(T)/run-tests --jobs 2

# dlopen fixtures (tests/dlopen), run by tests/integration/dlopen_test.c
-include tests/dlopen/dlopen.mk
fixtures: dlopen-fixtures

# feature fixtures of chapters 3-6 (tests/features)
-include tests/features/features.mk
fixtures: feature-fixtures

# thread-local storage fixtures (tests/tlsmodels)
-include tests/tlsmodels/tlsmodels.mk
fixtures: tls-model-fixtures

# ---------------------------------------------------------------- binding
# Symbol binding across libraries (tests/fixtures/bind*.c, libb*.c), run
# by tests/integration/binding_test.c under the system's ld.so and ours.
# Everything lives in $(FIX)/bind; programs and libraries find their
# libraries through RUNPATH $ORIGIN.
BIND      := $(FIX)/bind
BIND_SRC  := tests/fixtures
BIND_LIB   = gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,$(notdir $@)
BIND_PROG  = gcc $(FIX_CFLAGS) $(call RUNPATH,$$ORIGIN) -Wl,--no-as-needed
BIND_PIE   = $(BIND_PROG) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP)
# ET_EXEC with shared libraries: ld gives it dynamic sections and PT_INTERP.
BIND_NOPIE = $(BIND_PROG) -fno-pie -no-pie -Wl,--dynamic-linker=$(SYSTEM_INTERP)
BIND_DEPS := $(RT_DEPS)

BIND_PROGRAMS := bind bind-nopie bind-ours bind-args bind-ver bind-ver-old \
  bind-ver-unver bind-ver-v3 bind-order bind-undef bind-misc
BIND_LIBS := libbcore.so libbweak.so libbpre.so libbpre2.so libbcall.so \
  libbargs.so libbver.so libbA.so libbB.so libbC.so libbD.so libbE.so \
  libbundef.so libbuniq1.so libbuniq2.so libbtext.so

.PHONY: bind-fixtures
bind-fixtures: $(addprefix $(BIND)/,$(BIND_PROGRAMS) $(BIND_LIBS))
fixtures: bind-fixtures

$(BIND)/libbcore.so $(BIND)/libbweak.so $(BIND)/libbpre.so \
$(BIND)/libbpre2.so: $(BIND)/%.so: $(BIND_SRC)/%.c $(BIND_DEPS)
	@mkdir -p $(@D)
	$(BIND_LIB) -o $@ $<

$(BIND)/libbcall.so: $(BIND_SRC)/libbcall.c $(BIND)/libbcore.so
	$(BIND_LIB) $(call RUNPATH,$$ORIGIN) -o $@ $< -L$(BIND) -Wl,--no-as-needed -lbcore

# The __m256 function is compiled with -mavx, nothing else is.
$(BIND)/libbavx.o: $(BIND_SRC)/libbavx.c $(BIND_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) -fPIC -mavx -c -o $@ $<
$(BIND)/bind-avx.o: $(BIND_SRC)/bind-avx.c $(BIND_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) -fPIE -mavx -c -o $@ $<
$(BIND)/libbargs.so: $(BIND_SRC)/libbargs.c $(BIND)/libbavx.o
	$(BIND_LIB) -o $@ $^

$(BIND)/bind $(BIND)/bind-nopie $(BIND)/bind-ours: $(BIND_SRC)/bind.c \
  $(BIND)/libbcore.so $(BIND)/libbweak.so $(BIND)/libbcall.so $(BIND_DEPS)
$(BIND)/bind:
	$(BIND_PIE) -o $@ $< $(RT_SRCS) -L$(BIND) -lbcore -lbweak -lbcall
$(BIND)/bind-nopie:
	$(BIND_NOPIE) -o $@ $< $(RT_SRCS) -L$(BIND) -lbcore -lbweak -lbcall
$(BIND)/bind-ours:
	$(BIND_PIE) -Wl,--dynamic-linker=$(OUR_INTERP) -o $@ $< $(RT_SRCS) \
	  -L$(BIND) -lbcore -lbweak -lbcall

$(BIND)/bind-args: $(BIND_SRC)/bind-args.c $(BIND)/bind-avx.o \
  $(BIND)/libbargs.so $(BIND_DEPS)
	$(BIND_PIE) -o $@ $< $(BIND)/bind-avx.o $(RT_SRCS) -L$(BIND) -lbargs

# Versions: the run-time libbver.so and three builds to link against.
$(BIND)/libbver.so: $(BIND_SRC)/libbver.c $(BIND_DEPS)
	@mkdir -p $(BIND)/old $(BIND)/unver $(BIND)/v3
	printf 'V1 { }; V2 { } V1;\n' > $(BIND)/ver.map
	printf 'V1 { };\n' > $(BIND)/old/ver.map
	printf 'V1 { }; V2 { } V1; V3 { global: v3fn; } V2;\n' > $(BIND)/v3/ver.map
	$(BIND_LIB) -Wl,--version-script=$(BIND)/ver.map -o $@ $<
	$(BIND_LIB) -DOLD -Wl,--version-script=$(BIND)/old/ver.map \
	  -o $(BIND)/old/libbver.so $<
	$(BIND_LIB) -DUNVERSIONED -o $(BIND)/unver/libbver.so $<
	$(BIND_LIB) -DWITH_V3 -Wl,--version-script=$(BIND)/v3/ver.map \
	  -o $(BIND)/v3/libbver.so $<
$(BIND)/bind-ver: $(BIND_SRC)/bind-ver.c $(BIND)/libbver.so $(BIND_DEPS)
	$(BIND_PIE) -DNEW -o $@ $< $(RT_SRCS) -L$(BIND) -lbver
$(BIND)/bind-ver-old: $(BIND_SRC)/bind-ver.c $(BIND)/libbver.so $(BIND_DEPS)
	$(BIND_PIE) -o $@ $< $(RT_SRCS) -L$(BIND)/old -lbver
$(BIND)/bind-ver-unver: $(BIND_SRC)/bind-ver.c $(BIND)/libbver.so $(BIND_DEPS)
	$(BIND_PIE) -o $@ $< $(RT_SRCS) -L$(BIND)/unver -lbver
$(BIND)/bind-ver-v3: $(BIND_SRC)/bind-ver.c $(BIND)/libbver.so $(BIND_DEPS)
	$(BIND_PIE) -DV3 -o $@ $< $(RT_SRCS) -L$(BIND)/v3 -lbver

# Initialisation order: A -> {B, C}, B -> D, C -> D, E -> C; program -> A, E.
$(BIND)/libbD.so: BIND_NODE_FLAGS := -Wl,-fini=node_dt_fini
$(BIND)/libbB.so $(BIND)/libbC.so: BIND_NODE_FLAGS := -lbD
$(BIND)/libbB.so $(BIND)/libbC.so: $(BIND)/libbD.so
$(BIND)/libbE.so: BIND_NODE_FLAGS := -lbC
$(BIND)/libbE.so: $(BIND)/libbC.so
$(BIND)/libbA.so: BIND_NODE_FLAGS := -Wl,-init=node_dt_init -lbB -lbC
$(BIND)/libbA.so: $(BIND)/libbB.so $(BIND)/libbC.so
$(BIND)/libb%.so: $(BIND_SRC)/libbnode.c $(BIND_DEPS)
	@mkdir -p $(@D)
	$(BIND_LIB) -DNODE='"$*"' $(call RUNPATH,$$ORIGIN) -o $@ $< -L$(BIND) \
	  -Wl,--no-as-needed $(BIND_NODE_FLAGS)
$(BIND)/bind-order: $(BIND_SRC)/bind-order.c $(BIND)/libbA.so $(BIND)/libbE.so \
  tests/features/start_fini.S $(BIND_DEPS)
	$(BIND_PIE) -Wl,-E -Wl,-fini=prog_dt_fini -o $@ $< \
	  tests/features/start_fini.S tests/runtime/rt.c -L$(BIND) -lbA -lbE

# Undefined symbols: linked against stub/libbundef.so, run with one that
# lacks bind_gone.
$(BIND)/libbundef.so: $(BIND_SRC)/libbundef.c $(BIND_DEPS)
	@mkdir -p $(BIND)/stub
	$(BIND_LIB) -DWITH_GONE -o $(BIND)/stub/libbundef.so $<
	$(BIND_LIB) -o $@ $<
$(BIND)/bind-undef: $(BIND_SRC)/bind-undef.c $(BIND)/libbundef.so $(BIND_DEPS)
	$(BIND_PIE) -o $@ $< $(RT_SRCS) -L$(BIND)/stub -lbundef

# Unique symbols at two versions, text relocations, RELRO.
$(BIND)/libbuniq1.so $(BIND)/libbuniq2.so: $(BIND)/libbuniq%.so: \
  $(BIND_SRC)/libbuniq.c $(BIND_DEPS)
	@mkdir -p $(@D)
	printf 'VU$* { global: *; };\n' > $(BIND)/uniq$*.map
	$(BIND_LIB) -DWHICH=$* -Wl,--version-script=$(BIND)/uniq$*.map -o $@ $<
$(BIND)/libbtext.so: $(BIND_SRC)/libbtext.c $(BIND_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) -fno-pic -shared -Wl,-z,notext -Wl,-soname,libbtext.so \
	  -o $@ $<
$(BIND)/bind-misc: $(BIND_SRC)/bind-misc.c $(BIND)/libbuniq1.so \
  $(BIND)/libbuniq2.so $(BIND)/libbtext.so $(BIND_DEPS)
	$(BIND_PIE) -o $@ $< $(RT_SRCS) -L$(BIND) -lbuniq1 -lbuniq2 -lbtext
-include tests/tls/tls.mk
