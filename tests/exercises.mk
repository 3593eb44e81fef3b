# Exercises graded by tests, included by the Makefile.  An exercise is a
# chunk of a chapter named "Exercise NAME: TARGET" whose code is a stub
# for the chunk TARGET (book/exercise.awk explains).
#
#   make exercises               list the exercises
#   make exercise NAME=x         copy the chapters up to x's into
#                                build/exercises/x/chapters/, with x's chunk
#                                replaced by its stub, build that linker and
#                                run those chapters' tests: they fail
#   make check-exercise NAME=x   build and test the copy again, as edited
#                                by the reader, until they pass
#   make exercise-stubs-fail     for every exercise, show that its stub
#                                makes the tests fail (a fresh copy each)
#
# The copy is the linker of that chapter (a stage, as make stage builds);
# its tests are those of every chapter up to it.

EXERCISE_CHAPTERS := $(shell grep -l '^<<Exercise [^:]*: .*>>=' $(CHAPTERS) 2>/dev/null)
EXERCISE_NAMES := $(shell sed -n 's/^<<Exercise \([^:]*\): .*>>=.*/\1/p' $(EXERCISE_CHAPTERS) 2>/dev/null)
EX_ROOT ?= $(B)/exercises
EX_DIR = $(EX_ROOT)/$(NAME)
EX_CHAPTER = $(shell grep -l '^<<Exercise $(NAME): ' $(CHAPTERS) 2>/dev/null | head -1)
EX_K = $(firstword $(subst -, ,$(notdir $(EX_CHAPTER))))
EX_PREFIX = $(shell for c in $(CHAPTERS); do \
  n=$$(basename $$c | cut -d- -f1); [ $$((10#$$n)) -le $$((10#$(EX_K))) ] && echo $$c; done)
EX_MAKE = $(MAKE) --no-print-directory B=$(EX_DIR) TANGLE_DIR=$(EX_DIR)/tangle \
  CHAPTERS="$(addprefix $(EX_DIR)/chapters/,$(notdir $(EX_PREFIX)))"

.PHONY: exercises exercise check-exercise exercise-stubs-fail exercise-copy exercise-run
exercises:
	@for c in $(EXERCISE_CHAPTERS); do \
	  sed -n 's/^<<Exercise \([^:]*\): \(.*\)>>=.*/  \1\t(chunk "\2")/p' $$c | \
	  sed "s|\$$|\t$$(basename $$c)|"; done | column -t -s "$$(printf '\t')"

exercise-copy:
	@[ -n "$(EX_CHAPTER)" ] || { echo "make exercise NAME=x: no exercise '$(NAME)'; make exercises lists them" >&2; exit 1; }
	@if [ -d $(EX_DIR)/chapters ]; then \
	  echo "$(EX_DIR)/chapters exists: keeping your work (rm -r $(EX_DIR) to start again)"; \
	else \
	  mkdir -p $(EX_DIR)/chapters && cp $(EX_PREFIX) $(EX_DIR)/chapters/ && \
	  awk -f book/exercise.awk -v name=$(NAME) $(EX_CHAPTER) > $(EX_DIR)/chapters/$(notdir $(EX_CHAPTER)) && \
	  echo "Exercise $(NAME): write the stubbed chunk in $(EX_DIR)/chapters/$(notdir $(EX_CHAPTER))"; \
	fi

# Build and test the copy; the log is $(EX_DIR)/test.log.  Succeeds when
# every test passes.
exercise-run:
	@$(EX_MAKE) test > $(EX_DIR)/test.log 2>&1; \
	grep -E '^\[FAIL\]|Synthesis|error:' $(EX_DIR)/test.log | head -20; \
	grep -q 'Synthesis: .* Failing: 0 | Crashing: 0' $(EX_DIR)/test.log

exercise: exercise-copy
	@$(MAKE) --no-print-directory exercise-run NAME=$(NAME) && \
	  echo "Exercise $(NAME): every test passes already" || \
	  echo "Exercise $(NAME): the tests fail, as they should until the chunk is written; then: make check-exercise NAME=$(NAME)"

check-exercise:
	@[ -d $(EX_DIR)/chapters ] || { echo "make check-exercise: run make exercise NAME=$(NAME) first" >&2; exit 1; }
	@$(MAKE) --no-print-directory exercise-run NAME=$(NAME) && echo "Exercise $(NAME): all tests pass"

exercise-stubs-fail:
	@[ -n "$(EXERCISE_NAMES)" ] || { echo "exercise-stubs-fail: no exercises" >&2; exit 1; }
	@rm -rf $(B)/exercise-stubs; failed=0; \
	for x in $(EXERCISE_NAMES); do \
	  $(MAKE) --no-print-directory exercise-copy NAME=$$x EX_ROOT=$(B)/exercise-stubs > /dev/null || exit 1; \
	  if $(MAKE) --no-print-directory exercise-run NAME=$$x EX_ROOT=$(B)/exercise-stubs > /dev/null; then \
	    echo "exercise $$x: its stub passes the tests: the exercise tests nothing" >&2; failed=1; \
	  elif ! grep -q Synthesis $(B)/exercise-stubs/$$x/test.log; then \
	    echo "exercise $$x: its stub does not build (see $(B)/exercise-stubs/$$x/test.log)" >&2; failed=1; \
	  else echo "exercise $$x: the stub fails its tests ($$(grep -c '^\[FAIL\]' $(B)/exercise-stubs/$$x/test.log) failing)"; fi; \
	done; exit $$failed
