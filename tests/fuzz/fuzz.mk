# make fuzz: the long campaign against malformed input (not part of
# `make test`).
#   1. coverage-guided fuzzing with libFuzzer (Debian's clang) of the
#      validation layer, in process, under AddressSanitizer and UBSan:
#      each target of tests/fuzz/*.c for FUZZ_SECONDS seconds, starting
#      from its seeds in tests/fuzz/corpus/TARGET; what it learns goes to
#      $(FUZZ)/corpus/TARGET, what crashes to $(FUZZ)/crashes/TARGET;
#   2. the whole-process campaign, tests/fuzz/campaign.py: FUZZ_RUNS
#      mutated programs and libraries run under build/ld.so;
#   3. the launch cache's campaign, tests/fuzz/launch_campaign.py:
#      FUZZ_LC_RUNS starts, each with a damaged copy of a cache file the
#      linker recorded, which must end as the start without a cache.
# An input that crashed is added to tests/fuzz/corpus/TARGET once fixed;
# `make test` replays that directory (the relocation chapter's suite).
FUZZ := $(B)/fuzz
FUZZ_TARGETS := object cache paths relative
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= 20000
FUZZ_LC_RUNS ?= 20000
FUZZ_SEED ?= 1
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE \
  -iquote $(TANGLE_DIR)/ldso -iquote $(B)/gen -Itests/fuzz -ffreestanding -fPIC \
  -fvisibility=hidden -fno-stack-protector -fno-omit-frame-pointer $(FUZZ_SAN)
# The linker's C files but its string functions (the fuzzers use libc's,
# which AddressSanitizer checks) and the files that define names libc
# defines too (dlsym, __tls_get_addr, ...: the sanitizers' runtime would
# bind to ours), and its assembly as gcc built it.
FUZZ_NOT_LINKED := string dlerror dlopen dlsym glibc_exports tls_api
FUZZ_LDSO_OBJS = $(patsubst $(TANGLE_DIR)/ldso/%.c,$(FUZZ)/ldso/%.o,\
  $(filter-out $(FUZZ_NOT_LINKED:%=$(TANGLE_DIR)/ldso/%.c),$(filter %.c,$(LDSO_SRCS))))
FUZZ_ASM_OBJS = $(filter %.S.o,$(filter-out $(B)/ldso/start.S.o,$(LDSO_OBJS)))

$(FUZZ)/ldso/%.o: $(TANGLE_DIR)/ldso/%.c $(LDSO_HDRS) tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ)/ldso.a: $(FUZZ_LDSO_OBJS) $(FUZZ_ASM_OBJS)
	rm -f $@ && ar rcs $@ $^

$(FUZZ)/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ)/ldso.a
	clang $(FUZZ_CFLAGS) -DLIBFUZZER -fsanitize=fuzzer -o $@ $< $(FUZZ)/ldso.a \
	  -Wl,--exclude-libs,ALL

.PHONY: fuzz fuzz-in-process fuzz-campaign fuzz-launch-cache
fuzz:
	@$(MAKE) --no-print-directory fuzz-in-process
	@$(MAKE) --no-print-directory fuzz-campaign
	@$(MAKE) --no-print-directory fuzz-launch-cache

fuzz-in-process:
	@$(MAKE) --no-print-directory deps-fuzz
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(FUZZ)/%)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ)/corpus/$$t $(FUZZ)/crashes/$$t; \
	  echo "== fuzz target $$t, $(FUZZ_SECONDS) s"; \
	  $(FUZZ)/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=5 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ)/crashes/$$t/ \
	    $(FUZZ)/corpus/$$t tests/fuzz/corpus/$$t 2>$(FUZZ)/$$t.log; \
	  status=$$?; grep -E '^stat::number_of_executed_units|^SUMMARY|ERROR' $(FUZZ)/$$t.log; \
	  echo "crashes kept: $$(ls $(FUZZ)/crashes/$$t | wc -l) (exit status $$status)"; \
	done

fuzz-campaign:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory fixtures
	@python3 tests/fuzz/campaign.py --ldso $(B)/ld.so --fixtures $(T) --runs $(FUZZ_RUNS) \
	  --seed $(FUZZ_SEED) --out $(FUZZ)/campaign

fuzz-launch-cache:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory fixtures
	@python3 tests/fuzz/launch_campaign.py --ldso $(B)/ld.so --runs $(FUZZ_LC_RUNS) \
	  --seed $(FUZZ_SEED) --out $(FUZZ)/launch --strict

# The replayer, for make test: the same targets, built with gcc against
# the linker's archive, without libFuzzer.
FUZZ_REPLAY_SRCS := $(FUZZ_TARGETS:%=tests/fuzz/%.c) tests/fuzz/replay.c
$(T)/fuzz-replay: $(FUZZ_REPLAY_SRCS) tests/fuzz/fuzz.h $(B)/ldso.a
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) -D_GNU_SOURCE -iquote $(TANGLE_DIR)/ldso -iquote $(B)/gen -Itests/fuzz \
	  -o $@ $(FUZZ_REPLAY_SRCS) $(B)/ldso.a -Wl,--exclude-libs,ALL
