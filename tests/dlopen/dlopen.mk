# The dlopen chapter's fixtures: tests/dlopen/*.c built into $(T)/dlopen/.
# They need the dl* functions from build/ld.so, so only our linker runs
# them; tests/dlopen/dlopen_test.c compares their output with
# expectations.
DL := $(T)/dlopen
DL_CFLAGS := $(FIX_CFLAGS) -Itests/dlopen -fPIC
DL_LDSO = $(abspath $(B))/ld.so

.PHONY: dlopen-fixtures
dlopen-fixtures: $(DL)/dltest $(DL)/libplug.so $(DL)/libhelper.so \
  $(DL)/libsecond.so $(DL)/libbad.so $(DL)/libneedsgone.so $(DL)/libtext.so \
  $(DL)/libneedsver.so $(DL)/libver.so $(DL)/libquiet.so

$(DL)/libhelper.so: tests/dlopen/helper.c $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -Wl,-soname,libhelper.so -o $@ $<

$(DL)/libplug.so: tests/dlopen/plug.c $(DL)/libhelper.so $(B)/ld.so
	gcc $(DL_CFLAGS) -shared -o $@ $< -L$(DL) -lhelper -Wl,-rpath,'$$ORIGIN' $(DL_LDSO)

$(DL)/libquiet.so: tests/dlopen/quiet.c $(DL)/libhelper.so $(B)/ld.so
	gcc $(DL_CFLAGS) -shared -o $@ $< -L$(DL) -lhelper -Wl,-rpath,'$$ORIGIN' $(DL_LDSO)

# libnsa.so needs libnsb.so: the libraries of the namespaces scenario.
dlopen-fixtures: $(DL)/libnsa.so
$(DL)/libnsb.so: tests/dlopen/ns.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -Wl,-soname,libnsb.so -o $@ $< $(DL_LDSO)
$(DL)/libnsa.so: tests/dlopen/ns.c $(DL)/libnsb.so
	gcc $(DL_CFLAGS) -shared -DLIB_A -o $@ $< -L$(DL) -lnsb -Wl,-rpath,'$$ORIGIN'

$(DL)/libsecond.so: tests/dlopen/second.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -o $@ $< $(DL_LDSO)

$(DL)/libbad.so: tests/dlopen/bad.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -o $@ $<

$(DL)/libtext.so:
	@mkdir -p $(@D)
	echo "not an ELF file" > $@

# libneedsgone.so NEEDs libgone.so, built in a directory removed at once.
$(DL)/libneedsgone.so: tests/dlopen/needsgone.c
	@mkdir -p $(@D) $@.tmp
	echo 'int gone(void) { return 0; }' | gcc $(DL_CFLAGS) -shared -x c - \
	  -Wl,-soname,libgone.so -o $@.tmp/libgone.so
	gcc $(DL_CFLAGS) -shared -o $@ $< -L$@.tmp -Wl,--no-as-needed -lgone
	rm -rf $@.tmp

# libneedsver.so needs ver_function@VER_2 from libver.so, whose final
# build defines only VER_1.
$(DL)/libver.so $(DL)/libneedsver.so &: tests/dlopen/newver.c
	@mkdir -p $(@D) $(DL)/ver.tmp
	printf 'VER_1 { local: *; }; VER_2 { global: ver_function; } VER_1;\n' > $(DL)/ver.tmp/v2.map
	printf 'VER_1 { global: ver_function; local: *; };\n' > $(DL)/ver.tmp/v1.map
	gcc $(DL_CFLAGS) -shared -Wl,-soname,libver.so -Wl,--version-script=$(DL)/ver.tmp/v2.map \
	  -o $(DL)/ver.tmp/libver.so $<
	echo 'int ver_function(void); int use(void) { return ver_function(); }' | \
	  gcc $(DL_CFLAGS) -shared -x c - -o $(DL)/libneedsver.so -L$(DL)/ver.tmp -lver -Wl,-rpath,'$$ORIGIN'
	gcc $(DL_CFLAGS) -shared -Wl,-soname,libver.so -Wl,--version-script=$(DL)/ver.tmp/v1.map \
	  -o $(DL)/libver.so $<
	rm -rf $(DL)/ver.tmp

$(DL)/dltest: tests/dlopen/dltest.c tests/dlopen/objects.h $(RT_DEPS) $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -fPIE -pie -Wl,-E -Wl,--dynamic-linker=$(DL_LDSO) \
	  -o $@ $< $(RT_SRCS) $(DL_LDSO)

TLSMODS := $(foreach n,0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19,$(DL)/libtls$(n).so)
dlopen-fixtures: $(TLSMODS) $(DL)/libie.so $(DL)/libiebig.so $(DL)/libversioned.so

$(DL)/libtls%.so: tests/dlopen/tlsmod.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -DN=$* -o $@ $< $(DL_LDSO)

$(DL)/libie.so: tests/dlopen/ie.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -o $@ $<

$(DL)/libiebig.so: tests/dlopen/iebig.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -o $@ $<

$(DL)/libversioned.so: tests/dlopen/versioned.c
	@mkdir -p $(@D)
	printf 'V1 { global: vfunc; local: *; }; V2 { global: vfunc; } V1;\n' > $@.map
	gcc $(DL_CFLAGS) -shared -Wl,--version-script=$@.map -o $@ $<
	rm -f $@.map

dlopen-fixtures: $(DL)/libgnu2.so $(DL)/libgnu2s.so
$(DL)/libgnu2.so: tests/dlopen/gnu2.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -mtls-dialect=gnu2 -o $@ $<
$(DL)/libgnu2s.so: tests/dlopen/gnu2.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -mtls-dialect=gnu2 -DSMALL -o $@ $<

dlopen-fixtures: $(DL)/libunique1.so $(DL)/libunique2.so
$(DL)/libunique%.so: tests/dlopen/unique.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -DUNIQUE_VALUE=$*00 -o $@ $<

# dlcompare (tests/dlopen/compare): one source built twice, against
# glibc's libc (compare/glibc, run by the system's ld.so) and freestanding
# (compare/ours, run by ours), with the same layout of libraries.
DC := $(DL)/compare
DC_SRC := tests/dlopen/compare
DC_LIBS := libdca.so libdcb.so libdcx.so libdcn1.so libdcn2.so libdcroot.so \
  libdcctor.so sub/libdcsub.so plugins/libdcplug.so libdcgA.so libdcgB.so \
  libdcgD.so libdcgE.so
dlopen-fixtures: $(DC)/glibc/dlcompare $(DC)/ours/dlcompare \
  $(addprefix $(DC)/glibc/,$(DC_LIBS)) $(addprefix $(DC)/ours/,$(DC_LIBS))

# How each flavour builds: compiler flags, what a library links against,
# and how the program is linked.  DC_EXTRA holds a target's own flags.
DC_glibc_CFLAGS := $(TEST_CFLAGS) -DWITH_LIBC -I$(DC_SRC) -fPIC
DC_ours_CFLAGS   = $(FIX_CFLAGS) -I$(DC_SRC) -fPIC
DC_glibc_LDSO   :=
DC_ours_LDSO     = $(OUR_INTERP)
DC_glibc_MAIN   := -Wl,--dynamic-linker=$(SYSTEM_INTERP)
DC_ours_MAIN     = -Wl,--dynamic-linker=$(OUR_INTERP) $(RT_SRCS) $(OUR_INTERP)
DC_NEEDS         = $(call RUNPATH,$$ORIGIN) -L$(@D) -Wl,--no-as-needed

define dc_flavour
$(DC)/$(1)/libdca.so: private DC_EXTRA = $$(call RUNPATH,$$$$ORIGIN:$$$$ORIGIN/plugins) \
  -L$(DC)/$(1) -Wl,--no-as-needed -ldcb
$(DC)/$(1)/libdca.so: $(DC)/$(1)/libdcb.so
$(DC)/$(1)/libdcroot.so: private DC_EXTRA = $$(DC_NEEDS) -ldcn1 -ldcx -ldcn2
$(DC)/$(1)/libdcroot.so: $(DC)/$(1)/libdcn1.so $(DC)/$(1)/libdcx.so $(DC)/$(1)/libdcn2.so
$(DC)/$(1)/libdcgA.so: private DC_EXTRA = -DROOT_A $$(DC_NEEDS) -ldcgD
$(DC)/$(1)/libdcgB.so: private DC_EXTRA = -DROOT_B $$(DC_NEEDS) -ldcgD
$(DC)/$(1)/libdcgD.so: private DC_EXTRA = -DNODE_D $$(DC_NEEDS) -ldcgE
$(DC)/$(1)/libdcgA.so $(DC)/$(1)/libdcgB.so: $(DC)/$(1)/libdcgD.so
$(DC)/$(1)/libdcgD.so: $(DC)/$(1)/libdcgE.so
$(DC)/$(1)/libdcgA.so $(DC)/$(1)/libdcgB.so $(DC)/$(1)/libdcgD.so \
$(DC)/$(1)/libdcgE.so: $(DC_SRC)/libdcg.c
$(DC)/$(1)/libdcn1.so: private DC_EXTRA = -DN=1
$(DC)/$(1)/libdcn2.so: private DC_EXTRA = -DN=2
$(DC)/$(1)/libdcn1.so $(DC)/$(1)/libdcn2.so: $(DC_SRC)/libdcn.c
$(DC)/$(1)/sub/libdcsub.so: $(DC_SRC)/libdcsub.c
$(DC)/$(1)/plugins/libdcplug.so: $(DC_SRC)/libdcplug.c
$(DC)/$(1)/libdca.so $(DC)/$(1)/libdcb.so $(DC)/$(1)/libdcx.so \
$(DC)/$(1)/libdcroot.so $(DC)/$(1)/libdcctor.so: $(DC)/$(1)/%.so: $(DC_SRC)/%.c
$(addprefix $(DC)/$(1)/,$(DC_LIBS)): $(DC_SRC)/both.h $(RT_DEPS) $(B)/ld.so
	@mkdir -p $$(@D)
	gcc $$(DC_$(1)_CFLAGS) -shared -Wl,-soname,$$(@F) -o $$@ $$(firstword $$(filter $(DC_SRC)/%.c,$$^)) $$(DC_EXTRA) \
	  $$(DC_$(1)_LDSO)
$(DC)/$(1)/dlcompare: $(DC_SRC)/dlcompare.c $(DC)/$(1)/libdca.so $(DC)/$(1)/libdcx.so
	gcc $$(DC_$(1)_CFLAGS) -fPIE -pie $$(call RUNPATH,$$$$ORIGIN:$$$$ORIGIN/sub) \
	  -o $$@ $$< -L$(DC)/$(1) -Wl,--no-as-needed -ldca -ldcx $$(DC_$(1)_MAIN)
endef
$(eval $(call dc_flavour,glibc))
$(eval $(call dc_flavour,ours))

# dlstress (tests/dlopen/stress): eight threads opening, closing, calling
# and looking up at once.  `make test` runs a short round; `make stress`
# the long one.
ST := $(DL)/stress
dlopen-fixtures: $(ST)/dlstress $(ST)/libsta.so $(ST)/libstc.so $(ST)/libstd.so
$(ST)/libstb.so $(ST)/libstc.so $(ST)/libstd.so: $(ST)/%.so: tests/dlopen/stress/%.c
	@mkdir -p $(@D)
	$(FIX_LIB) -o $@ $<
$(ST)/libsta.so: tests/dlopen/stress/libsta.c $(ST)/libstb.so
	$(FIX_LIB) -ftls-model=global-dynamic -o $@ $< -L$(ST) -Wl,--no-as-needed -lstb \
	  $(call RUNPATH,$$ORIGIN) $(OUR_INTERP)
$(ST)/dlstress: tests/dlopen/stress/dlstress.c tests/dlopen/stress/rounds.h tests/dlopen/objects.h tests/dlopen/threads.h $(RT_DEPS) $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -fPIE -pie -Wl,-E -Wl,--dynamic-linker=$(OUR_INTERP) \
	  -o $@ $< $(RT_SRCS) $(OUR_INTERP)

.PHONY: stress
stress: ldso dlopen-fixtures glibc-fixtures
	@echo "== 8 threads x 10000 rounds (dlopen, dlclose, lazy first calls, dynamic TLS, lookups)"
	timeout 600 $(ST)/dlstress 10000 $(abspath $(ST))
	@echo "== the same through libc's dlopen family, 8 threads x 30000 rounds"
	timeout 600 $(T)/glibc/ours/dlstress 30000 $(abspath $(T)/glibc/lib)

# libreal.so, without a soname, and libalias.so, a symbolic link to it;
# libneedsalias.so NEEDs libalias.so and finds it through RUNPATH $ORIGIN.
# With libreal.so already open, the needed name resolves to it by device
# and inode, so libreal.so gets a second name that came from the string
# table of libneedsalias.so, which is closed first.
dlopen-fixtures: $(DL)/libreal.so $(DL)/libalias.so $(DL)/libneedsalias.so
$(DL)/libreal.so:
	@mkdir -p $(@D)
	echo 'int real_value(void) { return 7; }' | gcc $(DL_CFLAGS) -shared -x c - -o $@
$(DL)/libalias.so: $(DL)/libreal.so
	ln -sf libreal.so $@
$(DL)/libneedsalias.so: $(DL)/libalias.so
	echo 'int real_value(void); int via_alias(void) { return real_value(); }' | \
	  gcc $(DL_CFLAGS) -shared -x c - -o $@ -L$(DL) -Wl,--no-as-needed -lalias \
	  -Wl,-rpath,'$$ORIGIN'

# lazyindex (tests/dlopen/lazyindex.c): 24 libraries of 32 functions, called
# only through the PLT by four threads, so that first calls build the
# global scope's index while other first calls walk it.  It needs our
# ld.so's _dl_allocate_tls for its threads, as dlstress does.
LI_LIBS := $(foreach k,$(shell seq 0 23),$(DL)/lazyindex/libli$(k).so)
dlopen-fixtures: $(DL)/lazyindex/lazyindex
$(LI_LIBS): $(DL)/lazyindex/libli%.so: tests/dlopen/libli.c tests/dlopen/lazyindex.h $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -DLIB=$* -o $@ $<
dlopen-fixtures: $(DL)/lazyindex/liblictor.so
$(DL)/lazyindex/liblictor.so: tests/dlopen/liblictor.c tests/dlopen/lazyindex.h tests/dlopen/threads.h $(LI_LIBS) $(RT_DEPS) $(B)/ld.so
	$(FIX_LIB) -Itests/runtime -o $@ $< -L$(DL)/lazyindex $(foreach k,$(shell seq 0 23),-lli$(k)) \
	  $(call RUNPATH,$$ORIGIN) $(OUR_INTERP)
$(DL)/lazyindex/lazyindex: tests/dlopen/lazyindex.c tests/dlopen/lazyindex.h tests/dlopen/threads.h $(LI_LIBS) $(RT_DEPS) $(B)/ld.so
	gcc $(FIX_CFLAGS) $(PIE_FLAGS) -Wl,-E $(call RUNPATH,$$ORIGIN) -Wl,--no-as-needed \
	  -Wl,--dynamic-linker=$(OUR_INTERP) -o $@ $< $(RT_SRCS) \
	  -L$(DL)/lazyindex $(foreach k,$(shell seq 0 23),-lli$(k)) $(OUR_INTERP)
