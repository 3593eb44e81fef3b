# The glibc chapter's fixtures, in $(T)/glibc/:
#   interp/PROG   a copy of a program of this machine whose PT_INTERP is
#                 our ld.so (patchelf), for the runs the kernel starts;
#   sys/PROG, ours/PROG   our own glibc programs (tests/glibc/*.c, *.cc),
#                 linked against glibc, with the system's ld.so or ours as
#                 PT_INTERP;
#   lib/          their libraries, and the LD_PRELOAD library.
GL := $(T)/glibc
GL_CFLAGS := -O2 -g -Wall -Wextra -Werror -fPIC
# The programs of the machine that the tests run, all in /usr/bin.
GL_PROGRAMS := true ls sort date bash grep sed awk perl python3 git curl \
  openssl gdb id env uname md5sum seq wc find stat tar getent xz iconv
GL_OWN := threads cxx cxx-lld cancel dlthrow tlsopen iconvopen dlfcn dlserinfo dlmopen dlstress dlsymlock dlgrow ifuncs cpufeatures dtorclose dlerrors startvars finiorder unused

.PHONY: glibc-fixtures
glibc-fixtures: $(GL_PROGRAMS:%=$(GL)/interp/%) \
  $(GL_OWN:%=$(GL)/sys/%) $(GL_OWN:%=$(GL)/ours/%) $(GL)/lib/libmallocount.so \
  $(GL)/lib/libtlsdtor.so $(GL)/lib/libthrower.so $(GL)/lib/libtlsvar.so

$(GL)/interp/%: $(B)/ld.so
	@mkdir -p $(@D)
	cp /usr/bin/$* $@
	patchelf --set-interpreter $(OUR_INTERP) $@

$(GL)/lib/libtlsvar.so: tests/glibc/tlsvar.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<

$(GL)/lib/libcxxthrow.so: tests/glibc/cxxthrow.cc
	@mkdir -p $(@D)
	g++ $(GL_CFLAGS) -shared -o $@ $<

$(GL)/lib/libtlsdtor.so: tests/glibc/tlsdtor.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<

# unused needs libm and takes nothing from it (the debuggers chapter's
# test of LD_DEBUG=unused).
$(GL)/%/unused: tests/glibc/unused.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< -Wl,--no-as-needed -lm $(GL_INTERP_$*)

$(GL)/%/dtorclose: tests/glibc/dtorclose.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -pthread -o $@ $< $(GL_INTERP_$*)

# finiorder's libraries, one source built eleven times (tests/glibc/finilib.c
# says what each one does); libfinic.so needs libfinid.so, libfinii.so
# needs libfinij.so and libfinik.so.
GL_FINI := a b c d e f g h i j k
GL_FINI_LINK_c = -L$(GL)/lib -lfinid -Wl,-rpath,'$$ORIGIN'
GL_FINI_LINK_i = -L$(GL)/lib -Wl,--no-as-needed -lfinij -lfinik -Wl,-rpath,'$$ORIGIN'
$(GL_FINI:%=$(GL)/lib/libfini%.so): $(GL)/lib/libfini%.so: tests/glibc/finilib.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -DLIB=$* -DLIB_$*=1 -o $@ $< $(GL_FINI_LINK_$*)
$(GL)/lib/libfinic.so: $(GL)/lib/libfinid.so
$(GL)/lib/libfinii.so: $(GL)/lib/libfinij.so $(GL)/lib/libfinik.so

# The program exports handle_to_close (-E) for libfinig.so, and finds the
# libraries through its RUNPATH.
$(GL)/%/finiorder: tests/glibc/finiorder.c $(GL_FINI:%=$(GL)/lib/libfini%.so) $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -Wl,-E -o $@ $< -Wl,-rpath,'$$ORIGIN/../lib' $(GL_INTERP_$*)

$(GL)/lib/libmallocount.so: tests/glibc/mallocount.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<

# Each program twice, differing only in PT_INTERP.  threads finds its
# library through its RUNPATH; cxx through LD_LIBRARY_PATH (the test sets
# it), so it has none.
GL_INTERP_sys :=
GL_INTERP_ours = -Wl,--dynamic-linker=$(OUR_INTERP)
$(GL)/%/threads: tests/glibc/threads.c $(GL)/lib/libtlsvar.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< -L$(GL)/lib -ltlsvar -pthread \
	  -Wl,-rpath,'$$ORIGIN/../lib' $(GL_INTERP_$*)

$(GL)/%/cxx: tests/glibc/cxx.cc $(GL)/lib/libcxxthrow.so $(B)/ld.so
	@mkdir -p $(@D)
	g++ $(GL_CFLAGS) -pie -o $@ $< -L$(GL)/lib -lcxxthrow -pthread $(GL_INTERP_$*)

# What libc loads itself (libgcc_s for cancellation, gconv modules), and
# what the programs open: libthrower.so for dlthrow, libtlsvar.so for
# tlsopen (by path, given on the command line).
$(GL)/%/cancel: tests/glibc/cancel.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -pthread -o $@ $< $(GL_INTERP_$*)
$(GL)/%/iconvopen: tests/glibc/iconvopen.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< $(GL_INTERP_$*)
$(GL)/%/tlsopen: tests/glibc/tlsopen.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -pthread -o $@ $< $(GL_INTERP_$*)
$(GL)/lib/libdlfcna.so $(GL)/lib/libdlfcnb.so: tests/glibc/dlfcnlib.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<
$(GL)/%/dlfcn: tests/glibc/dlfcn.c $(GL)/lib/libdlfcna.so $(GL)/lib/libdlfcnb.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< -Wl,-rpath,'$$ORIGIN/../lib' $(GL_INTERP_$*)
# dlserinfo's libraries: libserinfoa.so needs libserinfob.so, whose
# DT_RUNPATH has an empty element, $ORIGIN twice and a missing directory;
# libserinfoc.so has DT_RPATH (not RUNPATH) "/" and -z nodefaultlib; the
# program's DT_RPATH names a missing directory twice.
$(GL)/lib/libserinfob.so: tests/glibc/serinfolib.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $< -Wl,-rpath,'/nonexistent/runpath::$$ORIGIN//:$$ORIGIN'
$(GL)/lib/libserinfoa.so: tests/glibc/serinfolib.c $(GL)/lib/libserinfob.so
	gcc $(GL_CFLAGS) -shared -o $@ $< -L$(GL)/lib -Wl,--no-as-needed -lserinfob
$(GL)/lib/libserinfoc.so: tests/glibc/serinfolib.c
	gcc $(GL_CFLAGS) -shared -o $@ $< -Wl,--disable-new-dtags,-rpath,/,-z,nodefaultlib
$(GL)/%/dlserinfo: tests/glibc/dlserinfo.c $(GL)/lib/libserinfoa.so $(GL)/lib/libserinfoc.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< \
	  -Wl,--disable-new-dtags,-rpath,'$$ORIGIN/../lib:/nonexistent/rpath/:/nonexistent/rpath' $(GL_INTERP_$*)
# dlmopen opens libdlmopen.so by bare name, through its RUNPATH, in
# namespace 0 and in new ones.
$(GL)/lib/libdlmopen.so: tests/glibc/dlmopenlib.c tests/glibc/printobject.h
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<
$(GL)/%/dlmopen: tests/glibc/dlmopen.c tests/glibc/printobject.h $(GL)/lib/libdlmopen.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< -Wl,-rpath,'$$ORIGIN/../lib' $(GL_INTERP_$*)
# dlstress opens the dlopen chapter's stress libraries, built against
# glibc: libgsta.so needs libgstb.so.
$(GL)/lib/libgstb.so $(GL)/lib/libgstc.so $(GL)/lib/libgstd.so: $(GL)/lib/libg%.so: \
    tests/dlopen/stress/lib%.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<
$(GL)/lib/libgsta.so: tests/dlopen/stress/libsta.c $(GL)/lib/libgstb.so
	gcc $(GL_CFLAGS) -shared -o $@ $< -L$(GL)/lib -Wl,--no-as-needed -lgstb -Wl,-rpath,'$$ORIGIN'
$(GL)/%/dlstress: tests/glibc/dlstress.c tests/dlopen/stress/rounds.h $(GL)/lib/libgsta.so $(GL)/lib/libgstc.so \
    $(GL)/lib/libgstd.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -pthread -Wl,-E -o $@ $< $(GL_INTERP_$*)
# dlsymlock opens libdlsymdef.so with RTLD_GLOBAL and 300 copies of one
# caller, each a new object (copies, not links: a file is loaded once).
DLSYMCALLS := 300
$(GL)/lib/libdlsymdef.so: tests/glibc/dlsymlocklib.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -DDEFINER -shared -o $@ $<
$(GL)/lib/dlsymcall/.stamp: tests/glibc/dlsymlocklib.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $(@D)/libdlsymcall0.so $<
	@for k in $$(seq 1 $$(($(DLSYMCALLS) - 1))); do cp $(@D)/libdlsymcall0.so $(@D)/libdlsymcall$$k.so; done
	@touch $@
$(GL)/%/dlsymlock: tests/glibc/dlsymlock.c $(GL)/lib/libdlsymdef.so $(GL)/lib/dlsymcall/.stamp \
    $(GL)/lib/libdlfcna.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -pthread -o $@ $< $(GL_INTERP_$*)
$(GL)/lib/libundefined.so: tests/glibc/undefinedlib.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<
$(GL)/%/dlgrow: tests/glibc/dlgrow.c $(GL)/lib/libdlfcna.so $(GL)/lib/libundefined.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< $(GL_INTERP_$*)
$(GL)/lib/libthrower.so: tests/glibc/thrower.cc
	@mkdir -p $(@D)
	g++ $(GL_CFLAGS) -shared -o $@ $<
$(GL)/%/dlthrow: tests/glibc/dlthrow.cc $(B)/ld.so
	@mkdir -p $(@D)
	g++ $(GL_CFLAGS) -pie -o $@ $< $(GL_INTERP_$*)

# The same program and library linked by LLVM's lld, whose layout differs
# from GNU ld's: the RELRO region ends on a page boundary past its
# segment, and the GNU hash table, not the strings, follows the symbols.
$(GL)/lib/lld/libcxxthrow.so: tests/glibc/cxxthrow.cc
	@mkdir -p $(@D)
	g++ $(GL_CFLAGS) -fuse-ld=lld -shared -o $@ $<
$(GL)/%/cxx-lld: tests/glibc/cxx.cc $(GL)/lib/lld/libcxxthrow.so $(B)/ld.so
	@mkdir -p $(@D)
	g++ $(GL_CFLAGS) -fuse-ld=lld -pie -o $@ $< -L$(GL)/lib/lld -lcxxthrow -pthread \
	  $(GL_INTERP_$*)

# cpufeatures calls _dl_x86_get_cpu_features, which only ld.so exports.
$(GL)/%/cpufeatures: tests/glibc/cpufeatures.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -o $@ $< $(SYSTEM_INTERP) $(GL_INTERP_$*)

$(GL)/%/dlerrors: tests/glibc/dlerrors.c $(GL)/lib/nopie $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -pthread -o $@ $< $(GL_INTERP_$*)

# An ordinary (ET_EXEC) executable, which dlerrors tries to dlopen.
$(GL)/lib/nopie: tests/glibc/nopie.c
	@mkdir -p $(@D)
	gcc -O2 -Wall -Wextra -Werror -fno-pie -no-pie -o $@ $<

# startvars copies the linker's variables (PIE code reads them through
# COPY relocations); the system's ld.so on the command line provides them.
$(GL)/%/startvars: tests/glibc/startvars.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -fPIE -pie -pthread -o $@ $< $(SYSTEM_INTERP) $(GL_INTERP_$*)

$(GL)/%/ifuncs: tests/glibc/ifuncs.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -fno-builtin -pie -o $@ $< $(GL_INTERP_$*)

# The secure test's files, in $(GL)/secure/; the test copies them into a
# directory of its own that an unprivileged user can reach, with the
# programs set-user-ID root.  Our copies name ./ld.so as their
# interpreter: the test runs them where it put a copy of our linker.
GL_SEC := $(GL)/secure
glibc-fixtures: $(GL_SEC)/probe-sys $(GL_SEC)/probe-ours $(GL_SEC)/origin-sys \
  $(GL_SEC)/origin-ours $(GL_SEC)/lib/libsecmark.so
GL_SEC_INTERP_sys :=
GL_SEC_INTERP_ours := -Wl,--dynamic-linker=./ld.so
$(GL_SEC)/lib/libsecrun2.so: tests/glibc/secrun.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -DSECOND -o $@ $<
$(GL_SEC)/lib/libsecrun.so: tests/glibc/secrun.c $(GL_SEC)/lib/libsecrun2.so
	gcc $(GL_CFLAGS) -shared -o $@ $< -L$(GL_SEC)/lib -lsecrun2 -Wl,-rpath,'$$ORIGIN'
$(GL_SEC)/lib/libsecmark.so: tests/glibc/secmark.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -o $@ $<
$(GL_SEC)/libsecdep.so: tests/glibc/secdep.c
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -shared -Wl,-soname,'$$ORIGIN/libsecdep.so' -o $@ $<
# RUNPATH: "$$ORIGIN/sub", which a secure process drops (the directory is
# not a system one), and "lib", relative to where the test runs it.
$(GL_SEC)/probe-%: tests/glibc/secureprobe.c $(GL_SEC)/lib/libsecrun.so
	@mkdir -p $(@D)
	gcc $(GL_CFLAGS) -pie -Wl,-z,lazy -o $@ $< -L$(GL_SEC)/lib -lsecrun \
	  -Wl,--enable-new-dtags,-rpath,'$$ORIGIN/sub:lib' $(GL_SEC_INTERP_$*)
$(GL_SEC)/origin-%: tests/glibc/secorigin.c $(GL_SEC)/libsecdep.so
	gcc $(GL_CFLAGS) -pie -o $@ $< $(GL_SEC)/libsecdep.so $(GL_SEC_INTERP_$*)

# Damaged copies of libc.so.6, each alone in a directory: one with another
# build ID, one whose description of struct pthread differs, one without
# __libc_early_init.
glibc-fixtures: $(GL)/other-build/libc.so.6 $(GL)/other-layout/libc.so.6 \
  $(GL)/no-early-init/libc.so.6
$(GL)/other-build/libc.so.6: tests/glibc/damage_libc.py
	@mkdir -p $(@D)
	python3 $< build-id /lib/x86_64-linux-gnu/libc.so.6 $@
$(GL)/other-layout/libc.so.6: tests/glibc/damage_libc.py
	@mkdir -p $(@D)
	python3 $< layout /lib/x86_64-linux-gnu/libc.so.6 $@
$(GL)/no-early-init/libc.so.6: tests/glibc/damage_libc.py
	@mkdir -p $(@D)
	python3 $< no-early-init /lib/x86_64-linux-gnu/libc.so.6 $@

# make sweep: every program of /usr/bin under both linkers (a long
# campaign, not part of `make test`; see tests/glibc/sweep.sh).
.PHONY: sweep
sweep:
	@$(MAKE) --no-print-directory ldso
	@tests/glibc/sweep.sh $(B)/ld.so

# make leak-check: valgrind's memcheck over dlgrow under our linker, 1,000
# libraries opened and closed and 1,000 opens that fail; fails on a block
# definitely lost.  Valgrind sees what the linker takes from libc's malloc
# once libc is loaded (thread-local blocks, vectors); the linker's own
# allocator maps its memory directly, which dlgrow's address-space check
# (part of make test) covers instead; under valgrind that check says "yes",
# valgrind's own bookkeeping growing.  No suppressions are needed.
.PHONY: leak-check
leak-check: glibc-fixtures
	valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
	  $(B)/ld.so $(GL)/sys/dlgrow 1000 $(abspath $(GL)/lib/libdlfcna.so) \
	  $(abspath $(GL)/lib/libundefined.so) 2>&1 | \
	  grep -E '^failed|^address|definitely lost|ERROR SUMMARY'; \
	exit $${PIPESTATUS[0]}
