# The book and the dynamic linker are one artifact: chapters/*.nw is the
# only source.  `make` installs what is missing, tangles, builds
# build/ld.so, weaves the book and runs a demo; `make test` runs every test.
SHELL := bash
.SHELLFLAGS := -o pipefail -ec
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

CHAPTERS := $(sort $(wildcard chapters/*.nw))
B := build

# ---------------------------------------------------------------- packages
# Debian packages each step needs; `make deps` installs the missing ones
# when run as root and otherwise prints the exact apt-get line.
PKGS_BUILD := noweb gcc make binutils libcriterion-dev pkg-config gdb libc6-dbg
PKGS_BOOK  := pandoc graphviz texlive-xetex texlive-latex-recommended \
              texlive-fonts-recommended lmodern
PKGS_TEST  := gdb patchelf g++ lld git curl openssl perl python3 xz-utils valgrind \
              libc-devtools
PKGS_CHECK := poppler-utils chromium
PKGS_FUZZ  := clang libclang-rt-14-dev
PKGS_BENCH := musl clangd
PKGS ?= $(PKGS_BUILD) $(PKGS_BOOK) $(PKGS_TEST)

.PHONY: deps deps-check deps-fuzz deps-bench
deps:
	@$(call install-missing,$(PKGS))

deps-check:
	@$(call install-missing,$(PKGS) $(PKGS_CHECK))

deps-fuzz:
	@$(call install-missing,$(PKGS) $(PKGS_FUZZ))

deps-bench:
	@$(call install-missing,$(PKGS) $(PKGS_BENCH))

# $(call install-missing,PACKAGES): apt-get install those not installed.
define install-missing
missing=$$(for p in $(1); do \
  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
  grep -q '^install ok installed' || echo $$p; done | tr '\n' ' '); \
if [ -z "$$missing" ]; then exit 0; fi; \
if [ "$$(id -u)" = 0 ]; then \
  echo "Installing missing Debian packages: $$missing"; \
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $$missing; \
else \
  echo "Missing Debian packages; install them with:"; \
  echo "  sudo apt-get install --no-install-recommends $$missing"; \
  exit 1; \
fi
endef

# ---------------------------------------------------------------- tangle
# Every root chunk whose name is a path (it contains a slash) becomes a file
# under tangle/, all in one pass of book/tangle.awk over noweb's markup.
# Its #line directives point compiler errors and gdb into chapters/*.nw.
# Files whose text did not change keep their timestamps (as cpif would),
# and files no chapter defines any more are removed.
TANGLE_DIR ?= tangle

.PHONY: tangle tangle-readable
tangle: $(TANGLE_DIR)/.stamp

$(TANGLE_DIR)/.stamp: $(CHAPTERS) book/tangle.awk
	@rm -rf $(TANGLE_DIR)/.new && mkdir -p $(TANGLE_DIR)/.new
	@/usr/lib/noweb/markup $(CHAPTERS) | \
	  awk -f book/tangle.awk -v out=$(TANGLE_DIR)/.new
	@cd $(TANGLE_DIR) && \
	for f in $$(cd .new && find . -type f); do \
	  cmp -s .new/$$f $$f || { mkdir -p $$(dirname $$f) && cp .new/$$f $$f; }; \
	done && \
	for f in $$(find . -path ./.new -prune -o -type f ! -name .stamp -print); do \
	  [ -f .new/$$f ] || rm -f $$f; \
	done
	@rm -rf $(TANGLE_DIR)/.new
	@touch $@

# The same tree without #line and with every chunk's indentation, for
# reading and grep: build/readable/.
tangle-readable: $(CHAPTERS) book/tangle.awk
	@rm -rf $(B)/readable && mkdir -p $(B)/readable
	/usr/lib/noweb/markup $(CHAPTERS) | \
	  awk -f book/tangle.awk -v out=$(B)/readable -v lines=0

# ---------------------------------------------------------------- ld.so
# The linker is freestanding: its own start code, system calls, strings,
# formatted output and allocator (the chapter "A linker without libc").
# Link-time optimisation lets GCC inline across its many small files (the
# entry chapter says why); fat objects keep ordinary code in them too, for
# the unit tests, which link ldso.a without -flto.  The linker's own
# relative relocations are packed (DT_RELR), which self-relocation reads.
LDSO_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -iquote $(TANGLE_DIR)/ldso \
  -iquote $(B)/gen \
  -D_GNU_SOURCE \
  -ffreestanding -fPIC -fvisibility=hidden -fno-stack-protector \
  -fno-tree-loop-distribute-patterns -fno-plt -U_FORTIFY_SOURCE \
  -fno-omit-frame-pointer -flto=auto -ffat-lto-objects
# The version script of the linker's exports comes with the chapter on
# thread-local storage; earlier stages export nothing.
LDSO_EXPORTS = $(wildcard $(TANGLE_DIR)/ldso/exports.map)
LDSO_LDFLAGS = -nostdlib -shared -Wl,-Bsymbolic -Wl,-e,_start \
  -Wl,-soname,ld-linux-x86-64.so.2 -Wl,-z,defs -Wl,-z,noexecstack -Wl,--hash-style=both \
  -Wl,-z,relro -Wl,-z,now -Wl,-z,pack-relative-relocs $(LDSO_EXPORTS:%=-Wl,--version-script=%)

LDSO_SRCS = $(sort $(wildcard $(TANGLE_DIR)/ldso/*.c $(TANGLE_DIR)/ldso/*.S))
LDSO_OBJS = $(patsubst $(TANGLE_DIR)/ldso/%,$(B)/ldso/%.o,$(LDSO_SRCS))
LDSO_HDRS = $(wildcard $(TANGLE_DIR)/ldso/*.h) $(GLIBC_LAYOUT)

# A chapter may bring a generator with it: the chapter on glibc tangles
# tools/glibc-layout.sh, which reads the sizes and offsets of glibc's
# private structures from the installed glibc's debug information
# (package libc6-dbg) into build/gen/glibc_layout.h.
GLIBC_LAYOUT = $(if $(wildcard $(TANGLE_DIR)/tools/glibc-layout.sh),$(B)/gen/glibc_layout.h)

# It is made again when the installed glibc changes (an upgrade replaces
# both files), so that a linker is always built for the glibc it will meet.
GLIBC_FILES := /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libc.so.6
$(B)/gen/glibc_layout.h: $(TANGLE_DIR)/tools/glibc-layout.sh $(GLIBC_FILES)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@sh $< $@

# Before the entry chapter there is no start code, and so no linker yet.
.PHONY: ldso
ldso: tangle
	@$(if $(wildcard $(TANGLE_DIR)/ldso/start.S),$(MAKE) --no-print-directory $(B)/ld.so,\
	  echo "  (no ld.so: these chapters have no entry point yet)")

$(B)/ldso/%.c.o: $(TANGLE_DIR)/ldso/%.c $(LDSO_HDRS)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@gcc $(LDSO_CFLAGS) -c $< -o $@

$(B)/ldso/%.S.o: $(TANGLE_DIR)/ldso/%.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@gcc $(LDSO_CFLAGS) -c $< -o $@

# The sources are found when make starts, so in a fresh clone, before
# anything is tangled, there are none: then the rule tangles and asks a
# second make, which finds them.
ifeq ($(LDSO_SRCS),)
$(B)/ld.so:
	@$(MAKE) --no-print-directory ldso
else
$(B)/ld.so: $(LDSO_OBJS) $(LDSO_EXPORTS)
	@echo "  LD      $@"
	@gcc $(LDSO_CFLAGS) $(LDSO_LDFLAGS) -o $@ $(LDSO_OBJS) -lgcc
endif

# The same objects, less the start code, as an archive that the unit tests
# link against: each test pulls in only the functions it exercises.
$(B)/ldso.a: $(filter-out $(B)/ldso/start.S.o,$(LDSO_OBJS))
	rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- book, tests
-include book/book.mk
-include tests/tests.mk
-include tests/exercises.mk
-include bench/bench.mk

# ---------------------------------------------------------------- stages
# The book builds a linker after every chapter.  `make stage K=20` tangles
# the chapters numbered up to 20 (chapters/00-... to chapters/20-...) into
# build/stages/20/tangle and builds build/stages/20/ld.so; `make stage-test
# K=20` also builds and runs that prefix's tests.  `make chapters` does
# that for every chapter in reading order and stops at the first prefix
# that does not build or pass.
STAGE_DIR = build/stages/$(K)
STAGE_CHAPTERS = $(shell for c in $(CHAPTERS); do \
  n=$$(basename $$c | cut -d- -f1); [ $$((10#$$n)) -le $$((10#$(K))) ] && echo $$c; done)
STAGE_MAKE = $(MAKE) --no-print-directory B=$(STAGE_DIR) \
  TANGLE_DIR=$(STAGE_DIR)/tangle CHAPTERS="$(STAGE_CHAPTERS)"

.PHONY: stage stage-test chapters
stage:
	@[ -n "$(K)" ] || { echo "make stage K=NN: the number of the last chapter" >&2; exit 1; }
	@$(STAGE_MAKE) ldso
	@echo "stage $(K): $(STAGE_DIR)/ld.so from $(notdir $(STAGE_CHAPTERS))"

stage-test:
	@[ -n "$(K)" ] || { echo "make stage-test K=NN: the number of the last chapter" >&2; exit 1; }
	@mkdir -p $(STAGE_DIR) && $(STAGE_MAKE) test 2>&1 | tee $(STAGE_DIR).log | grep -E '^\[====\]|error:|Error [0-9]|\[FAIL\]' || true
	@grep -q 'Failing: 0 | Crashing: 0' $(STAGE_DIR).log || \
	  { echo "stage $(K) failed: see $(STAGE_DIR).log" >&2; exit 1; }

chapters:
	@for c in $$(grep -l '^<<[^>]*/[^>]*>>=' $(CHAPTERS)); do \
	  k=$$(basename $$c | cut -d- -f1); \
	  echo "== chapters up to $$(basename $$c)"; \
	  mkdir -p build/stages; \
	  $(MAKE) --no-print-directory stage-test K=$$k || exit 1; \
	done

# ---------------------------------------------------------------- main job
.PHONY: all demo clean
all: deps
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory book
	@$(MAKE) --no-print-directory demo

clean:
	rm -rf tangle build

# A short demonstration: a freestanding program run by our linker, both as
# its PT_INTERP and directly, the dependencies of ls, and ls itself.
demo: ldso fixtures
	@echo "== build/tests/entry/hello-ours (PT_INTERP = build/ld.so)"
	$(B)/tests/entry/hello-ours one two
	@echo "== build/ld.so build/tests/entry/hello"
	$(B)/ld.so $(B)/tests/entry/hello one two
	@echo "== build/ld.so --list /bin/ls"
	$(B)/ld.so --list /bin/ls
	@echo "== build/ld.so /bin/ls -l README.md (glibc's ls, unmodified)"
	$(B)/ld.so /bin/ls -l README.md
