# Feature fixtures of the symbols, relocation, PLT and initialisation
# chapters (tests/features), built into $(B)/tests/features and compared
# under the system's ld.so and ours by tests/integration/features_test.c.
FT := $(B)/tests/features
FT_CFLAGS := $(FIX_CFLAGS) -Itests/runtime
FT_START := tests/features/start_fini.S tests/runtime/rt.c
FT_SYS := /lib64/ld-linux-x86-64.so.2
FT_LIB = gcc $(FT_CFLAGS) -fPIC -shared -Wl,-soname,$(notdir $@)
FT_ORIGIN = -Wl,-rpath,'$$ORIGIN'

.PHONY: feature-fixtures
feature-fixtures: $(FT)/order $(FT)/features $(FT)/features-oldver \
  $(FT)/undef $(FT)/needs-v3 $(FT)/libweak2.so

$(FT)/libD.so: tests/features/libD.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FT_LIB) -Wl,-fini=dt_fini_D -o $@ $<
$(FT)/libB.so $(FT)/libC.so: $(FT)/lib%.so: tests/features/lib%.c $(FT)/libD.so
	$(FT_LIB) -o $@ $< -L$(FT) -Wl,--no-as-needed -lD $(FT_ORIGIN)
$(FT)/libA.so: tests/features/libA.c $(FT)/libB.so $(FT)/libC.so
	$(FT_LIB) -Wl,-init=dt_init_A -o $@ $< -L$(FT) -Wl,--no-as-needed -lB -lC $(FT_ORIGIN)
$(FT)/order: tests/features/order.c $(FT)/libA.so $(FT_START)
	gcc $(FT_CFLAGS) -fPIE -pie -Wl,-E -Wl,--dynamic-linker=$(FT_SYS) \
	  -o $@ $< $(FT_START) -L$(FT) -lA $(FT_ORIGIN)

# libfeat.so and two other builds of it, used only at link time: the old
# one (vf@@V1 only) and one with a V3 version.
$(FT)/libfeat.so $(FT)/old/libfeat.so $(FT)/v3/libfeat.so: tests/features/libfeat.c
	@mkdir -p $(FT)/old $(FT)/v3
	printf 'V1 { }; V2 { } V1;\n' > $(FT)/feat.map
	printf 'V1 { };\n' > $(FT)/old/feat.map
	printf 'V1 { }; V2 { } V1; V3 { global: v3_only; } V2;\n' > $(FT)/v3/feat.map
	gcc $(FT_CFLAGS) -fPIC -shared -Wl,-soname,libfeat.so \
	  -Wl,--version-script=$(FT)/feat.map -o $(FT)/libfeat.so $<
	gcc $(FT_CFLAGS) -fPIC -shared -Wl,-soname,libfeat.so -DOLD_LIB \
	  -Wl,--version-script=$(FT)/old/feat.map -o $(FT)/old/libfeat.so $<
	gcc $(FT_CFLAGS) -fPIC -shared -Wl,-soname,libfeat.so -DWITH_V3 \
	  -Wl,--version-script=$(FT)/v3/feat.map -o $(FT)/v3/libfeat.so $<
$(FT)/libweak2.so: tests/features/libweak2.c
	@mkdir -p $(@D)
	$(FT_LIB) -o $@ $<

FT_PROGRAM = gcc $(FT_CFLAGS) -fno-pie -no-pie -Wl,--dynamic-linker=$(FT_SYS)
$(FT)/features: tests/features/features.c $(FT)/libfeat.so $(FT)/libweak2.so $(FT_START)
	$(FT_PROGRAM) -o $@ $< $(FT_START) -L$(FT) -lfeat -lweak2 $(FT_ORIGIN)
$(FT)/features-oldver: tests/features/features.c $(FT)/old/libfeat.so $(FT)/libweak2.so $(FT_START)
	$(FT_PROGRAM) -o $@ $< $(FT_START) -L$(FT)/old -L$(FT) -lfeat -lweak2 $(FT_ORIGIN)
$(FT)/needs-v3: tests/features/needsv3.c $(FT)/v3/libfeat.so $(FT_START)
	$(FT_PROGRAM) -o $@ $< $(FT_START) -L$(FT)/v3 -lfeat $(FT_ORIGIN)

$(FT)/undef: tests/features/undef.c tests/features/libundef.c $(FT_START)
	@mkdir -p $(FT)/stub
	gcc $(FT_CFLAGS) -fPIC -shared -Wl,-soname,libundef.so -DWITH_GONE \
	  -o $(FT)/stub/libundef.so tests/features/libundef.c
	gcc $(FT_CFLAGS) -fPIC -shared -Wl,-soname,libundef.so \
	  -o $(FT)/libundef.so tests/features/libundef.c
	$(FT_PROGRAM) -o $@ $< $(FT_START) -L$(FT)/stub -lundef $(FT_ORIGIN)

feature-fixtures: $(FT)/textrel
$(FT)/libtextrel.so: tests/features/libtextrel.c
	@mkdir -p $(@D)
	gcc $(FT_CFLAGS) -fno-pic -shared -Wl,-z,notext -Wl,-soname,libtextrel.so -o $@ $<
$(FT)/textrel: tests/features/textrel.c $(FT)/libtextrel.so $(FT_START)
	$(FT_PROGRAM) -o $@ $< $(FT_START) -L$(FT) -ltextrel $(FT_ORIGIN)

# The same program built with -fno-plt and -z now: calls go through GOT
# entries (GLOB_DAT), and DF_BIND_NOW / DF_1_NOW make binding eager.
feature-fixtures: $(FT)/features-now
$(FT)/features-now: tests/features/features.c $(FT)/libfeat.so $(FT)/libweak2.so $(FT_START)
	$(FT_PROGRAM) -fno-plt -Wl,-z,now -o $@ $< $(FT_START) -L$(FT) -lfeat -lweak2 $(FT_ORIGIN)

feature-fixtures: $(FT)/symbolic
$(FT)/libsymbolic%.so: tests/features/libsymbolic.c
	@mkdir -p $(@D)
	$(FT_LIB) -Wl,-Bsymbolic -DN=$* -o $@ $<
$(FT)/symbolic: tests/features/symbolic.c $(FT)/libsymbolic1.so $(FT)/libsymbolic2.so $(FT_START)
	$(FT_PROGRAM) -o $@ $< $(FT_START) -L$(FT) -lsymbolic1 -lsymbolic2 $(FT_ORIGIN)
