# The launch cache chapter's fixtures, in $(T)/launch-cache/: lcprog, a
# freestanding PIE whose RUNPATH is $ORIGIN/dir1:$ORIGIN/dir2, with
# dir2/liblc.so (VALUE 1) and alt/liblc.so (VALUE 2, the same size), which
# the tests copy into a scratch directory and move around; and lctear, which
# also needs dir2/libtear.so, whose indirect function's resolver truncates
# the cache file while the linker has it mapped.
LC := $(T)/launch-cache

.PHONY: launch-cache-fixtures
launch-cache-fixtures: $(LC)/lcprog $(LC)/dir2/liblc.so $(LC)/alt/liblc.so $(LC)/lcuniq \
  $(LC)/lctear $(LC)/dir2/libtear.so

$(LC)/dir2/liblc.so: tests/launch-cache/liblc.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -DVALUE=1 -o $@ $<

$(LC)/alt/liblc.so: tests/launch-cache/liblc.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -DVALUE=2 -o $@ $<

$(LC)/lcprog: tests/launch-cache/lcprog.c $(LC)/dir2/liblc.so $(RT_DEPS)
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) $(call RUNPATH,$$ORIGIN/dir1:$$ORIGIN/dir2) \
	  -Wl,--no-as-needed -Wl,--dynamic-linker=$(SYSTEM_INTERP) -o $@ $< $(RT_SRCS) \
	  -L$(LC)/dir2 -llc

$(LC)/dir2/libtear.so: tests/launch-cache/libtear.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -o $@ $<

$(LC)/lctear: tests/launch-cache/lcprog.c $(LC)/dir2/liblc.so $(LC)/dir2/libtear.so $(RT_DEPS)
	gcc $(FIX_CFLAGS) -DTEAR $(PIE_FLAGS) $(call RUNPATH,$$ORIGIN/dir1:$$ORIGIN/dir2) \
	  -Wl,--no-as-needed -Wl,--dynamic-linker=$(SYSTEM_INTERP) -o $@ $< $(RT_SRCS) \
	  -L$(LC)/dir2 -llc -ltear

# lcuniq: linked with the relocation chapter's libbuniq1.so and with our
# linker (for dlopen), it opens libbuniq2.so after start-up; the tests
# copy all three into a scratch directory.
$(LC)/lcuniq: tests/launch-cache/lcuniq.c $(RELOCATION)/libbuniq1.so $(RELOCATION)/libbuniq2.so \
  $(RT_DEPS) $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) $(call RUNPATH,$$ORIGIN) -Wl,--no-as-needed \
	  -Wl,--dynamic-linker=$(abspath $(B))/ld.so -o $@ $< $(RT_SRCS) -L$(RELOCATION) -lbuniq1 \
	  $(abspath $(B))/ld.so
