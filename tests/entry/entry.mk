# The entry chapter's fixtures: hello (tests/entry/hello.c), the program
# every start-up path must run identically, in three builds (PIE, ET_EXEC,
# PIE with DT_RELR), each twice: with the system's ld.so as PT_INTERP and
# with ours.  Later chapters run them too.
ENTRY := $(T)/entry

.PHONY: entry-fixtures
entry-fixtures: $(addprefix $(ENTRY)/,hello hello-ours hello-nopie \
  hello-nopie-ours hello-relr hello-relr-ours)

$(ENTRY)/hello $(ENTRY)/hello-nopie $(ENTRY)/hello-relr: INTERP := $(SYSTEM_INTERP)
$(ENTRY)/hello-ours $(ENTRY)/hello-nopie-ours $(ENTRY)/hello-relr-ours: \
  INTERP := $(OUR_INTERP)
# hello-relr: the same PIE with its relative relocations packed as DT_RELR.
$(ENTRY)/hello-relr $(ENTRY)/hello-relr-ours: RELOCS := -Wl,-z,pack-relative-relocs

$(ENTRY)/hello $(ENTRY)/hello-ours $(ENTRY)/hello-relr $(ENTRY)/hello-relr-ours: \
  tests/entry/hello.c $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) $(RELOCS) -Wl,--dynamic-linker=$(INTERP) \
	  -o $@ $< $(RT_SRCS)

$(ENTRY)/hello-nopie $(ENTRY)/hello-nopie-ours: tests/entry/hello.c \
  tests/entry/interp.S $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) $(NOPIE_FLAGS) -DINTERP='"$(INTERP)"' \
	  -o $@ $< tests/entry/interp.S $(RT_SRCS)
