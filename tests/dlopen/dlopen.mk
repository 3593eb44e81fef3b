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

$(DL)/dltest: tests/dlopen/dltest.c $(RT_DEPS) $(B)/ld.so
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

dlopen-fixtures: $(DL)/libgnu2.so
$(DL)/libgnu2.so: tests/dlopen/gnu2.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -mtls-dialect=gnu2 -o $@ $<

dlopen-fixtures: $(DL)/libunique1.so $(DL)/libunique2.so
$(DL)/libunique%.so: tests/dlopen/unique.c
	@mkdir -p $(@D)
	gcc $(DL_CFLAGS) -shared -DUNIQUE_VALUE=$*00 -o $@ $<
