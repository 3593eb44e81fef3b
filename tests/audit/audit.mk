# The audit chapter's fixtures, in $(T)/audit/:
#   auditmod.so       an LD_AUDIT module that prints every call it gets;
#   lib/              libauditlib.so, which audited calls through its PLT,
#                     and libauditdl.so (the same source), which it opens,
#                     with libauditdep.so and libauditundef.so (auditdep.c);
#   sys/audited, ours/audited   the program, with the system's ld.so or
#                     ours as PT_INTERP; sys/audited-now is bound at once
#                     (-z now), which watched calls must override;
#   sys/auditthreads, ours/auditthreads   eight threads calling through
#                     watched slots and opening libauditdl.so.
AU := $(T)/audit
AU_CFLAGS := -O2 -g -Wall -Wextra -Werror -fPIC

.PHONY: audit-fixtures
audit-fixtures: $(AU)/auditmod.so $(AU)/sys/audited $(AU)/ours/audited \
  $(AU)/sys/audited-now $(AU)/lib/libauditdl.so $(AU)/sys/auditthreads $(AU)/ours/auditthreads \
  $(AU)/lib/libauditdep.so $(AU)/lib/libauditundef.so

$(AU)/auditmod.so: tests/audit/auditmod.c
	@mkdir -p $(@D)
	gcc $(AU_CFLAGS) -shared -o $@ $<

$(AU)/lib/libauditlib.so $(AU)/lib/libauditdl.so: tests/audit/auditlib.c
	@mkdir -p $(@D)
	gcc $(AU_CFLAGS) -shared -o $@ $<

# libauditdep.so needs libauditdl.so beside it; libauditundef.so calls a
# function nobody defines.
$(AU)/lib/libauditdep.so: tests/audit/auditdep.c $(AU)/lib/libauditdl.so
	gcc $(AU_CFLAGS) -shared -o $@ $< -L$(AU)/lib -Wl,--no-as-needed -lauditdl \
	  -Wl,-rpath,'$$ORIGIN'
$(AU)/lib/libauditundef.so: tests/audit/auditdep.c
	@mkdir -p $(@D)
	gcc $(AU_CFLAGS) -shared -DUNDEFINED -o $@ $<

AU_INTERP_sys :=
AU_INTERP_ours = -Wl,--dynamic-linker=$(OUR_INTERP)
$(AU)/%/audited: tests/audit/audited.c $(AU)/lib/libauditlib.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(AU_CFLAGS) -pie -o $@ $< -L$(AU)/lib -lauditlib \
	  -Wl,-rpath,'$$ORIGIN/../lib' $(AU_INTERP_$*)

$(AU)/sys/audited-now: tests/audit/audited.c $(AU)/lib/libauditlib.so
	@mkdir -p $(@D)
	gcc $(AU_CFLAGS) -pie -o $@ $< -L$(AU)/lib -lauditlib \
	  -Wl,-rpath,'$$ORIGIN/../lib' -Wl,-z,now

$(AU)/%/auditthreads: tests/audit/auditthreads.c $(AU)/lib/libauditlib.so $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(AU_CFLAGS) -pie -pthread -o $@ $< -L$(AU)/lib -lauditlib \
	  -Wl,-rpath,'$$ORIGIN/../lib' $(AU_INTERP_$*)
