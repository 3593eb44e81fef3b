# The relocation chapter's fixtures (with the symbols chapter's rules):
# programs and libraries that bind symbols across objects, in
# $(T)/relocation, where programs and libraries find their libraries
# through RUNPATH $ORIGIN.
RELOCATION := $(T)/relocation
# ET_EXEC with shared libraries: ld gives it dynamic sections and PT_INTERP.
FIX_NOPIE = gcc $(FIX_CFLAGS) -fno-pie -no-pie $(call RUNPATH,$$ORIGIN) \
  -Wl,--no-as-needed -Wl,--dynamic-linker=$(SYSTEM_INTERP)

.PHONY: relocation-fixtures
relocation-fixtures: $(addprefix $(RELOCATION)/,bind bind-nopie bind-nopie-now bind-ours \
  bind-now bind-ver bind-ver-old bind-ver-unver bind-ver-v3 bind-misc \
  libbpre.so libbpre2.so symbolic bad/libbcore.so bad/symname/libfix.so \
  bad/bucket/libbcore.so bad/midbucket/bind \
  bad/symindex/libbcore.so bad/symcount/libbcore.so bad/gottext/libbcore.so bad/relfar/libbcore.so \
  libbrelr.so bad/relr/libbrelr.so bigcopy/bind-nopie shadow/bind-shadow)

# A copy of libbcore.so whose DT_RELASZ (tag 8) claims far more relocations
# than the file has (tests/mapping/damage_elf.py).
$(RELOCATION)/bad/libbcore.so: $(RELOCATION)/libbcore.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ dyn 8 0x7fffff00

# Damaged symbol tables: a copy of the mapping chapter's libfix.so whose
# reference deep_value has its name outside the string table; a copy of
# libbcore.so whose last non-empty GNU hash bucket starts at 2^31 + 5, far
# past its symbols; and bind beside a libbcore.so in which the bucket of
# lib_call_ifn does; and a libbcore.so whose second dynamic relocation
# names symbol 0xfffff0, far past its symbol table.
$(RELOCATION)/bad/symname/libfix.so: $(MAPPING)/lib/libfix.so tests/mapping/damage_elf.py
	@mkdir -p $(@D) && cp $(MAPPING)/lib/libdeep.so $(@D)/
	python3 tests/mapping/damage_elf.py $< $@ st_name deep_value 0x7ffffff0
$(RELOCATION)/bad/bucket/libbcore.so: $(RELOCATION)/libbcore.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ gnu_bucket last 0x80000005
$(RELOCATION)/bad/symindex/libbcore.so: $(RELOCATION)/libbcore.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ rela_sym .rela.dyn 1 0xfffff0
# The same relocation naming the first index past .dynsym: readable (the
# string table follows), but not a symbol.
$(RELOCATION)/bad/symcount/libbcore.so: $(RELOCATION)/libbcore.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ rela_sym .rela.dyn 1 count
# Relocations that write where they must not: a GLOB_DAT of libbcore.so
# into its read-only code (offset 0x1000), its RELATIVE entry far outside
# the object, and, in libbrelr.so (a table of pointers, its relative
# relocations packed with -z pack-relative-relocs, as in Debian 12's
# libc), the RELR address.
$(RELOCATION)/bad/gottext/libbcore.so: $(RELOCATION)/libbcore.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ rela_offset .rela.dyn 1 0x1000
$(RELOCATION)/bad/relfar/libbcore.so: $(RELOCATION)/libbcore.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ rela_offset .rela.dyn 0 0x7ff000000000
$(RELOCATION)/libbrelr.so: tests/relocation/libbrelr.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -Wl,-z,pack-relative-relocs -o $@ $<
$(RELOCATION)/bad/relr/libbrelr.so: $(RELOCATION)/libbrelr.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ relr 0 0x100
$(RELOCATION)/bad/midbucket/bind: $(RELOCATION)/bind $(BIND_LIBS) tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	cp $(RELOCATION)/bind $(RELOCATION)/libbweak.so $(RELOCATION)/libbcall.so $(@D)/
	python3 tests/mapping/damage_elf.py $(RELOCATION)/libbcore.so $(@D)/libbcore.so \
	  gnu_bucket lib_call_ifn 0x80000005

# bind-nopie beside a libbcore.so whose carr has grown from 6 ints to 8
# since the program was linked: its COPY relocation copies 6 and warns.
$(RELOCATION)/bigcopy/bind-nopie: $(RELOCATION)/bind-nopie $(BIND_LIBS)
	@mkdir -p $(@D)
	cp $(RELOCATION)/bind-nopie $(RELOCATION)/libbweak.so $(RELOCATION)/libbcall.so $(@D)/
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbcore.so -DCARR_LEN=8 \
	  -o $(@D)/libbcore.so tests/relocation/libbcore.c

$(RELOCATION)/libbcore.so $(RELOCATION)/libbweak.so $(RELOCATION)/libbpre.so \
$(RELOCATION)/libbpre2.so: $(RELOCATION)/%.so: tests/relocation/%.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -o $@ $<

$(RELOCATION)/libbcall.so: tests/relocation/libbcall.c $(RELOCATION)/libbcore.so
	$(FIX_LIB) $(call RUNPATH,$$ORIGIN) -o $@ $< -L$(RELOCATION) \
	  -Wl,--no-as-needed -lbcore

# bind: interposition, weak and undefined weak, IFUNC, COPY and protected
# symbols, as a PIE, as an ET_EXEC, with our PT_INTERP, and built with
# -fno-plt -z now (calls through GLOB_DAT; DF_BIND_NOW and DF_1_NOW); and
# as an ET_EXEC with -z now, whose eager start the launch cache's fuzz
# campaign records with JUMP_SLOT bindings and a canonical PLT entry.
BIND_LIBS := $(RELOCATION)/libbcore.so $(RELOCATION)/libbweak.so $(RELOCATION)/libbcall.so
BIND_LINK := $(RT_SRCS) -L$(RELOCATION) -lbcore -lbweak -lbcall
$(RELOCATION)/bind $(RELOCATION)/bind-nopie $(RELOCATION)/bind-ours \
$(RELOCATION)/bind-now $(RELOCATION)/bind-nopie-now: tests/relocation/bind.c $(BIND_LIBS) $(RT_DEPS)
$(RELOCATION)/bind:
	$(FIX_PIE) -o $@ $< $(BIND_LINK)
$(RELOCATION)/bind-nopie:
	$(FIX_NOPIE) -o $@ $< $(BIND_LINK)
$(RELOCATION)/bind-ours:
	$(FIX_PIE) -Wl,--dynamic-linker=$(OUR_INTERP) -o $@ $< $(BIND_LINK)
$(RELOCATION)/bind-now:
	$(FIX_PIE) -fno-plt -Wl,-z,now -o $@ $< $(BIND_LINK)
$(RELOCATION)/bind-nopie-now:
	$(FIX_NOPIE) -Wl,-z,now -o $@ $< $(BIND_LINK)

# Versions: the run-time libbver.so and three builds to link against,
# made together by one recipe.
VER_BUILDS := $(addprefix $(RELOCATION)/,libbver.so old/libbver.so \
  unver/libbver.so v3/libbver.so)
$(VER_BUILDS) &: tests/relocation/libbver.c $(RT_DEPS)
	@mkdir -p $(RELOCATION)/old $(RELOCATION)/unver $(RELOCATION)/v3
	printf 'V1 { }; V2 { } V1;\n' > $(RELOCATION)/ver.map
	printf 'V1 { };\n' > $(RELOCATION)/old/ver.map
	printf 'V1 { }; V2 { } V1; V3 { global: v3fn; } V2;\n' > $(RELOCATION)/v3/ver.map
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbver.so \
	  -Wl,--version-script=$(RELOCATION)/ver.map -o $(RELOCATION)/libbver.so $<
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbver.so -DOLD \
	  -Wl,--version-script=$(RELOCATION)/old/ver.map -o $(RELOCATION)/old/libbver.so $<
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbver.so -DUNVERSIONED \
	  -o $(RELOCATION)/unver/libbver.so $<
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbver.so -DWITH_V3 \
	  -Wl,--version-script=$(RELOCATION)/v3/ver.map -o $(RELOCATION)/v3/libbver.so $<
$(RELOCATION)/bind-ver: tests/relocation/bind-ver.c $(VER_BUILDS) $(RT_DEPS)
	$(FIX_PIE) -DNEW -o $@ $< $(RT_SRCS) -L$(RELOCATION) -lbver
$(RELOCATION)/bind-ver-old: tests/relocation/bind-ver.c $(VER_BUILDS) $(RT_DEPS)
	$(FIX_PIE) -o $@ $< $(RT_SRCS) -L$(RELOCATION)/old -lbver
$(RELOCATION)/bind-ver-unver: tests/relocation/bind-ver.c $(VER_BUILDS) $(RT_DEPS)
	$(FIX_PIE) -o $@ $< $(RT_SRCS) -L$(RELOCATION)/unver -lbver
$(RELOCATION)/bind-ver-v3: tests/relocation/bind-ver.c $(VER_BUILDS) $(RT_DEPS)
	$(FIX_PIE) -DV3 -o $@ $< $(RT_SRCS) -L$(RELOCATION)/v3 -lbver

# Unique symbols at two versions, text relocations, RELRO.
$(RELOCATION)/libbuniq1.so $(RELOCATION)/libbuniq2.so: $(RELOCATION)/libbuniq%.so: \
  tests/relocation/libbuniq.c $(RT_DEPS)
	@mkdir -p $(@D)
	printf 'VU$* { global: *; };\n' > $(RELOCATION)/uniq$*.map
	$(FIX_LIB) -DWHICH=$* -Wl,--version-script=$(RELOCATION)/uniq$*.map -o $@ $<
$(RELOCATION)/libbtext.so: tests/relocation/libbtext.c $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) -fno-pic -shared -Wl,-z,notext -Wl,-soname,libbtext.so \
	  -o $@ $<
$(RELOCATION)/libbgap.so: tests/relocation/libbgap.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -Wl,--section-start=.data=0x40000 -o $@ $<
$(RELOCATION)/bind-misc: tests/relocation/bind-misc.c $(RELOCATION)/libbuniq1.so \
  $(RELOCATION)/libbuniq2.so $(RELOCATION)/libbtext.so $(RELOCATION)/libbgap.so $(RT_DEPS)
	$(FIX_PIE) -o $@ $< $(RT_SRCS) -L$(RELOCATION) -lbuniq1 -lbuniq2 -lbtext -lbgap

# DT_SYMBOLIC: two -Bsymbolic libraries that define the same unique object.
$(RELOCATION)/libsymbolic%.so: tests/relocation/libsymbolic.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -Wl,-Bsymbolic -DN=$* -o $@ $<
$(RELOCATION)/symbolic: tests/relocation/symbolic.c $(RELOCATION)/libsymbolic1.so \
  $(RELOCATION)/libsymbolic2.so $(RT_DEPS)
	$(FIX_NOPIE) -o $@ $< $(RT_SRCS) -L$(RELOCATION) -lsymbolic1 -lsymbolic2

# The in-process fuzz targets without libFuzzer, which the suite runs over
# their kept inputs: this is the first chapter by which the whole
# validation layer they exercise exists (tests/fuzz/fuzz.mk).
relocation-fixtures: $(T)/fuzz-replay

# bind-shadow and its libraries (tests/relocation/libbshadow.c): a local
# shadow_local in libbshadow1.so (st_info 0x02, STB_LOCAL and STT_FUNC)
# and a hidden shadow_hidden in libbshadow2.so (st_other 2, STV_HIDDEN),
# made so by tests/mapping/damage_elf.py in the dynamic symbol tables,
# which the static linker would not write; the program is linked against
# the libraries as they are before that.  The program exports its own
# symbols (-rdynamic), so that its GNU hash table counts the undefined
# ones before them, and its references get a memo whose answers a launch
# cache file records.
SHADOW := $(RELOCATION)/shadow
$(SHADOW)/orig/libbshadow1.so: SHADOW_WHICH := -DLOCAL
$(SHADOW)/orig/libbshadow2.so: SHADOW_WHICH := -DHIDDEN
$(SHADOW)/libbreal.so: SHADOW_WHICH := -DREAL
$(SHADOW)/orig/libbshadow1.so $(SHADOW)/orig/libbshadow2.so $(SHADOW)/libbreal.so: \
  tests/relocation/libbshadow.c $(RT_DEPS)
	@mkdir -p $(SHADOW)/orig
	$(FIX_LIB) $(SHADOW_WHICH) -o $@ $<
$(SHADOW)/libbshadow1.so: $(SHADOW)/orig/libbshadow1.so tests/mapping/damage_elf.py
	python3 tests/mapping/damage_elf.py $< $@ st_info shadow_local 0x02
$(SHADOW)/libbshadow2.so: $(SHADOW)/orig/libbshadow2.so tests/mapping/damage_elf.py
	python3 tests/mapping/damage_elf.py $< $@ st_other shadow_hidden 2
$(SHADOW)/bind-shadow: tests/relocation/bind-shadow.c $(SHADOW)/libbreal.so \
  $(SHADOW)/libbshadow1.so $(SHADOW)/libbshadow2.so $(RT_DEPS)
	$(FIX_PIE) -rdynamic -o $@ $< $(RT_SRCS) -L$(SHADOW)/orig -L$(SHADOW) -Wl,--no-as-needed \
	  -lbshadow1 -lbreal -lbshadow2
