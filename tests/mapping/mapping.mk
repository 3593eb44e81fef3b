# The mapping chapter's fixtures: libraries and programs that exercise
# every step of the library search (RUNPATH and RPATH with $ORIGIN,
# $PLATFORM and $LIB, LD_LIBRARY_PATH, --library-path, preloading,
# breadth-first order, a library needed twice, a missing one), and
# malformed files, each derived from the entry chapter's hello.
MAPPING := $(T)/mapping

PLATFORM_DIR := x86_64
LIB_DIR      := lib/x86_64-linux-gnu

.PHONY: mapping-fixtures
mapping-fixtures: $(addprefix $(MAPPING)/,needs-lib needs-lib-ours \
  needs-lib-rpath needs-other needs-dst lib/libdeep.so lib/libbeta.so \
  lib/libfix.so other/libfix.so other/libother.so other/libinterpose.so \
  dst/$(PLATFORM_DIR)/libother.so dst/$(LIB_DIR)/libdeep.so \
  bad/needs-gone bad/needs-gone-ours bad/.stamp \
  bad/relro/libfix.so bad/relrocode/libfix.so bad/dynamic/libfix.so bad/dynamic2/libfix.so bad/sharepage/libfix.so bad/longname/libfix.so \
  bad/wrap/libfix.so bad/syment/libfix.so bad/newline/libfix.so)

# lib/ holds libfix.so and libbeta.so, which needs-lib finds through its
# RUNPATH $ORIGIN/lib; both NEED libdeep.so and find it through their own
# RUNPATH $ORIGIN.  This rule builds a library without dependencies
# (libdeep.so, other/libother.so, other/libinterpose.so); the others have
# rules of their own.
$(MAPPING)/lib/lib%.so: tests/mapping/lib%.c tests/tests.mk
	@mkdir -p $(@D)
	$(FIX_LIB) -o $@ $<

$(MAPPING)/other/lib%.so: tests/mapping/lib%.c tests/tests.mk
	@mkdir -p $(@D)
	$(FIX_LIB) -o $@ $<

# libdeep.so is NEEDed twice but must be loaded (and listed) once.
$(MAPPING)/lib/libbeta.so: tests/mapping/libbeta.c $(MAPPING)/lib/libdeep.so tests/tests.mk
	$(FIX_LIB) $(call RUNPATH,$$ORIGIN) -o $@ $< -L$(MAPPING)/lib \
	  -Wl,--no-as-needed -ldeep

$(MAPPING)/lib/libfix.so: tests/mapping/libfix.c $(MAPPING)/lib/libdeep.so tests/tests.mk
	$(FIX_LIB) -DFIX_BASE=40 $(call RUNPATH,$$ORIGIN) -o $@ $< \
	  -L$(MAPPING)/lib -ldeep

# other/: a second libfix.so (LD_LIBRARY_PATH and --library-path come
# before RUNPATH) whose libdeep.so is $ORIGIN/../lib, and libother.so.
$(MAPPING)/other/libfix.so: tests/mapping/libfix.c $(MAPPING)/lib/libdeep.so tests/tests.mk
	@mkdir -p $(@D)
	$(FIX_LIB) -DFIX_BASE=50 $(call RUNPATH,$$ORIGIN/../lib) -o $@ $< \
	  -L$(MAPPING)/lib -ldeep

$(MAPPING)/needs-lib: INTERP := $(SYSTEM_INTERP)
$(MAPPING)/needs-lib-ours: INTERP := $(OUR_INTERP)
$(MAPPING)/needs-lib $(MAPPING)/needs-lib-ours: tests/mapping/needs-lib.c \
  $(RT_DEPS) $(MAPPING)/lib/libfix.so $(MAPPING)/lib/libbeta.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(INTERP) \
	  $(call RUNPATH,$$ORIGIN/lib) -Wl,-rpath-link,$(MAPPING)/lib \
	  -o $@ $< $(RT_SRCS) -L$(MAPPING)/lib -Wl,--no-as-needed -lfix -lbeta

# The same program with an old-style DT_RPATH, spelled ${ORIGIN}: unlike
# RUNPATH, it is searched before LD_LIBRARY_PATH.
$(MAPPING)/needs-lib-rpath: tests/mapping/needs-lib.c $(RT_DEPS) \
  $(MAPPING)/lib/libfix.so $(MAPPING)/lib/libbeta.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  -Wl,--disable-new-dtags,-rpath,'$${ORIGIN}/lib' \
	  -Wl,-rpath-link,$(MAPPING)/lib \
	  -o $@ $< $(RT_SRCS) -L$(MAPPING)/lib -Wl,--no-as-needed -lfix -lbeta

# needs-dst finds libother.so through $PLATFORM and libdeep.so through
# $LIB, as this Debian system's ld.so expands them (PLATFORM_DIR and
# LIB_DIR, above); copies of the libraries wait there.
$(MAPPING)/dst/$(PLATFORM_DIR)/libother.so: $(MAPPING)/other/libother.so
	@mkdir -p $(@D)
	cp $< $@

$(MAPPING)/dst/$(LIB_DIR)/libdeep.so: $(MAPPING)/lib/libdeep.so
	@mkdir -p $(@D)
	cp $< $@

$(MAPPING)/needs-dst: tests/mapping/needs-other.c $(RT_DEPS) \
  $(MAPPING)/other/libother.so $(MAPPING)/lib/libdeep.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  $(call RUNPATH,$$ORIGIN/dst/$$PLATFORM:$${ORIGIN}/dst/$$LIB) \
	  -o $@ $< $(RT_SRCS) -L$(MAPPING)/other -L$(MAPPING)/lib \
	  -Wl,--no-as-needed -lother -ldeep

$(MAPPING)/needs-other: tests/mapping/needs-other.c $(RT_DEPS) \
  $(MAPPING)/other/libother.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  -o $@ $< $(RT_SRCS) -L$(MAPPING)/other -Wl,--no-as-needed -lother

# needs-gone NEEDs libgone.so, built in a directory deleted right after.
$(MAPPING)/bad/needs-gone: INTERP := $(SYSTEM_INTERP)
$(MAPPING)/bad/needs-gone-ours: INTERP := $(OUR_INTERP)
$(MAPPING)/bad/needs-gone $(MAPPING)/bad/needs-gone-ours: \
  tests/mapping/needs-gone.c tests/mapping/libgone.c $(RT_DEPS)
	@mkdir -p $(@D)
	rm -rf $@.tmp && mkdir -p $@.tmp
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libgone.so \
	  -o $@.tmp/libgone.so tests/mapping/libgone.c
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(INTERP) \
	  -o $@ $< $(RT_SRCS) -L$@.tmp -Wl,--no-as-needed -lgone
	rm -rf $@.tmp

# Malformed files, each derived from hello by tests/mapping/mkbad.c.
$(T)/mkbad: tests/mapping/mkbad.c
	@mkdir -p $(@D)
	gcc $(TEST_CFLAGS) -o $@ $<

# Copies of libfix.so whose PT_GNU_RELRO, or PT_DYNAMIC, points outside
# its loadable segments (tests/mapping/damage_elf.py); each directory
# also holds the libdeep.so they need.
$(MAPPING)/bad/relro/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ phdr 0x6474e552 p_memsz 0x7fffffff0000
# ... and one whose PT_GNU_RELRO covers the code (at 0x1000) instead.
$(MAPPING)/bad/relrocode/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ phdr 0x6474e552 p_vaddr 0x1000
# A copy of libfix.so whose DT_SYMENT says symbols are 16 bytes long.
$(MAPPING)/bad/syment/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ dyn 11 16
# ... and one whose reference to deep_value is to "deep\nvalue", which
# nothing defines: the error that names it must still be one line.
$(MAPPING)/bad/newline/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ name_byte deep_value 4 10
$(MAPPING)/bad/dynamic/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ phdr 2 p_vaddr 0x900000
# Two PT_DYNAMIC headers: the first points outside the object, the
# second (a copy of it over the PT_NOTE that follows) is sound, and it is
# the one the rest of the linker would use; the first must still refuse
# the file.
$(MAPPING)/bad/dynamic2/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@.tmp phdr_copy 2 4
	python3 tests/mapping/damage_elf.py $@.tmp $@ phdr 2 p_vaddr 0x900000 && rm -f $@.tmp

# Its PT_NOTE (header 5) made a read-only loadable segment that starts
# where the writable one ends, in the same page: mapped after it, it would
# make the writable segment's last page read-only under the relocations.
$(MAPPING)/bad/sharepage/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ phdr_at 5 p_type 1 p_flags 4 \
	  p_offset 0x3008 p_vaddr 0x4008 p_filesz 0x10 p_memsz 0x10 p_align 0x1000

# A copy of libfix.so whose first loadable segment starts one page below
# 2^64, so that its end wraps around.
$(MAPPING)/bad/wrap/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ phdr 1 p_vaddr 0xfffffffffffff000

# A copy of libfix.so that also NEEDs a library with a 100,000-character
# name (patchelf; the kernel takes arguments of up to 128 KiB).
$(MAPPING)/bad/longname/libfix.so: $(MAPPING)/lib/libfix.so
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/ && cp $< $@
	patchelf --add-needed $$(python3 -c 'print("lib" + "x" * 100000 + ".so")') $@

$(MAPPING)/bad/.stamp: $(T)/mkbad $(T)/entry/hello
	@mkdir -p $(@D)
	$(T)/mkbad $(T)/entry/hello $(@D)
	@touch $@
