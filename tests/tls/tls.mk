# The thread-local storage chapter's fixtures (tests/tls), run by
# tests/tls/tls_test.c.
#
# tls-tcb, tls-static and tls-static-nopie need nothing from the dynamic
# linker at run time: they run under both linkers.  libtlsgd.so and
# libtlsld.so need __tls_get_addr and tls-threads the thread interface, so
# they are linked against the system's ld-linux-x86-64.so.2 (for a
# DT_NEEDED entry and the symbol versions) and run only under ours.

TLS_OUT    := $(T)/tls
TLS_LIBDIR := $(TLS_OUT)/lib
TLS_CFLAGS := $(FIX_CFLAGS) -Itests/tls
TLS_DEPS   := tests/tls/tlsfix.h tests/tls/tls.mk $(RT_DEPS)
TLS_RPATH  := -Wl,--enable-new-dtags,-rpath,'$$ORIGIN/lib'
TLS_LIBRPATH := -Wl,--enable-new-dtags,-rpath,'$$ORIGIN'
TLS_MAIN_SRCS := tests/tls/tls_exe.c tests/tls/tcbcheck.c tests/tls/ifunc.c \
  $(RT_SRCS)
TLS_MAIN_DEPS := $(TLS_DEPS) tests/tls/tls_exe.c tests/tls/tcbcheck.c \
  tests/tls/tcbcheck.h tests/tls/ifunc.c

.PHONY: tls-fixtures
tls-fixtures: $(addprefix $(TLS_OUT)/,tls-tcb tls-static tls-static-nopie \
  tls-static-ours tls-threads bad/libtlsie.so)

# A copy of libtlsie.so whose TLS template claims more file bytes than its
# block holds (tests/mapping/damage_elf.py, PT_TLS is type 7).
$(TLS_OUT)/bad/libtlsie.so: $(TLS_LIBDIR)/libtlsie.so tests/mapping/damage_elf.py
	@mkdir -p $(@D)
	python3 tests/mapping/damage_elf.py $< $@ phdr 7 p_filesz 0x7fffffff

# ---- libraries, one access model each
$(TLS_LIBDIR)/libtlsie.so: tests/tls/libtlsie.c $(TLS_DEPS)
	@mkdir -p $(@D)
	gcc $(TLS_CFLAGS) -fPIC -shared -ftls-model=initial-exec \
	  -Wl,-soname,libtlsie.so -o $@ $<

$(TLS_LIBDIR)/libtlsdesc.so: tests/tls/libtlsdesc.c $(TLS_LIBDIR)/libtlsie.so \
  $(TLS_DEPS)
	gcc $(TLS_CFLAGS) -fPIC -shared -mtls-dialect=gnu2 \
	  -ftls-model=global-dynamic -Wl,-soname,libtlsdesc.so $(TLS_LIBRPATH) \
	  -o $@ $< -L$(TLS_LIBDIR) -Wl,--no-as-needed -ltlsie

$(TLS_LIBDIR)/libtlsgd.so: tests/tls/libtlsgd.c $(TLS_LIBDIR)/libtlsie.so \
  $(TLS_LIBDIR)/libtlsdesc.so $(TLS_DEPS)
	gcc $(TLS_CFLAGS) -fPIC -shared -ftls-model=global-dynamic \
	  -Wl,-soname,libtlsgd.so $(TLS_LIBRPATH) -o $@ $< -L$(TLS_LIBDIR) \
	  -Wl,--no-as-needed -ltlsie -ltlsdesc $(SYSTEM_INTERP)

$(TLS_LIBDIR)/libtlsld.so: tests/tls/libtlsld.c $(TLS_DEPS)
	gcc $(TLS_CFLAGS) -fPIC -shared -ftls-model=local-dynamic \
	  -Wl,-soname,libtlsld.so -o $@ $< -Wl,--no-as-needed $(SYSTEM_INTERP)

# ---- the program's own general/local-dynamic and descriptor accesses,
# relaxed by the static linker.  With calls through the PLT, ld 2.40 leaves
# an R_X86_64_NONE in a PIE's .rela.plt for the relaxed __tls_get_addr
# calls, which glibc's ld.so refuses ("unexpected PLT reloc type 0x00");
# with -fno-plt it leaves the NONE in .rela.dyn, which every ld.so skips.
$(TLS_OUT)/obj/exe_gd-%.o: tests/tls/exe_gd.c $(TLS_DEPS)
	@mkdir -p $(@D)
	gcc $(TLS_CFLAGS) $(if $(filter nopie,$*),-fno-pie,-fPIE) -fno-plt \
	  -ftls-model=global-dynamic -c -o $@ $<
$(TLS_OUT)/obj/exe_desc-%.o: tests/tls/exe_desc.c $(TLS_DEPS)
	@mkdir -p $(@D)
	gcc $(TLS_CFLAGS) $(if $(filter nopie,$*),-fno-pie,-fPIE) \
	  -mtls-dialect=gnu2 -ftls-model=global-dynamic -c -o $@ $<

# ---- programs
$(TLS_OUT)/tls-tcb: tests/tls/tls_tcb.c tests/tls/tcbcheck.c \
  tests/tls/tcbcheck.h $(TLS_DEPS)
	@mkdir -p $(@D)
	gcc $(TLS_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  -o $@ $< tests/tls/tcbcheck.c $(RT_SRCS)

TLS_STATIC_LIBS := $(TLS_LIBDIR)/libtlsie.so $(TLS_LIBDIR)/libtlsdesc.so

$(TLS_OUT)/tls-static: INTERP := $(SYSTEM_INTERP)
$(TLS_OUT)/tls-static-ours: INTERP := $(OUR_INTERP)
$(TLS_OUT)/tls-static $(TLS_OUT)/tls-static-ours: tests/tls/tls_static.c \
  $(TLS_OUT)/obj/exe_gd-pie.o $(TLS_OUT)/obj/exe_desc-pie.o $(TLS_STATIC_LIBS) \
  $(TLS_MAIN_DEPS)
	gcc $(TLS_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(INTERP) $(TLS_RPATH) \
	  -o $@ $< $(TLS_OUT)/obj/exe_gd-pie.o $(TLS_OUT)/obj/exe_desc-pie.o \
	  $(TLS_MAIN_SRCS) -L$(TLS_LIBDIR) -Wl,--no-as-needed -ltlsie -ltlsdesc

$(TLS_OUT)/tls-static-nopie: tests/tls/tls_static.c \
  $(TLS_OUT)/obj/exe_gd-nopie.o $(TLS_OUT)/obj/exe_desc-nopie.o \
  $(TLS_STATIC_LIBS) $(TLS_MAIN_DEPS)
	gcc $(TLS_CFLAGS) -fno-pie -no-pie -Wl,--dynamic-linker=$(SYSTEM_INTERP) \
	  $(TLS_RPATH) -o $@ $< $(TLS_OUT)/obj/exe_gd-nopie.o \
	  $(TLS_OUT)/obj/exe_desc-nopie.o $(TLS_MAIN_SRCS) -L$(TLS_LIBDIR) \
	  -Wl,--no-as-needed -ltlsie -ltlsdesc

$(TLS_OUT)/tls-threads: tests/tls/tls_threads.c \
  $(TLS_OUT)/obj/exe_gd-pie.o $(TLS_OUT)/obj/exe_desc-pie.o $(TLS_STATIC_LIBS) \
  $(TLS_LIBDIR)/libtlsgd.so $(TLS_LIBDIR)/libtlsld.so $(TLS_MAIN_DEPS)
	gcc $(TLS_CFLAGS) $(PIE_FLAGS) -Wl,--dynamic-linker=$(OUR_INTERP) \
	  $(TLS_RPATH) -o $@ $< $(TLS_OUT)/obj/exe_gd-pie.o \
	  $(TLS_OUT)/obj/exe_desc-pie.o $(TLS_MAIN_SRCS) -L$(TLS_LIBDIR) \
	  -Wl,--no-as-needed -ltlsie -ltlsdesc -ltlsgd -ltlsld $(SYSTEM_INTERP)
