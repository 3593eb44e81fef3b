# Thread-local storage fixtures (tests/tlsmodels) for the TLS chapter,
# checked by tests/integration/tls_models_test.c.
TM := $(B)/tests/tlsmodels
TM_CFLAGS := $(FIX_CFLAGS) -Itests/runtime
TM_SYS := /lib64/ld-linux-x86-64.so.2
TM_ORIGIN = -Wl,-rpath,'$$ORIGIN'

.PHONY: tls-model-fixtures
tls-model-fixtures: $(TM)/tls-static $(TM)/tls-threads

$(TM)/libie.so: tests/tlsmodels/libie.c
	@mkdir -p $(@D)
	gcc $(TM_CFLAGS) -fPIC -shared -o $@ $<
$(TM)/libdesc.so: tests/tlsmodels/libdesc.c
	@mkdir -p $(@D)
	gcc $(TM_CFLAGS) -fPIC -shared -mtls-dialect=gnu2 -o $@ $<
$(TM)/libgd.so: tests/tlsmodels/libgd.c $(B)/ld.so
	@mkdir -p $(@D)
	gcc $(TM_CFLAGS) -fPIC -shared -ftls-model=global-dynamic -o $@ $< $(abspath $(B))/ld.so

$(TM)/tls-static: tests/tlsmodels/tls_static.c $(TM)/libie.so $(TM)/libdesc.so $(RT_DEPS)
	gcc $(TM_CFLAGS) -fPIE -pie -Wl,--dynamic-linker=$(TM_SYS) -o $@ $< $(RT_SRCS) \
	  -L$(TM) -lie -ldesc $(TM_ORIGIN)
$(TM)/tls-threads: tests/tlsmodels/tls_threads.c tests/dlopen/spawn.S $(TM)/libie.so \
  $(TM)/libdesc.so $(TM)/libgd.so $(RT_DEPS)
	gcc $(TM_CFLAGS) -fPIE -pie -Wl,--dynamic-linker=$(abspath $(B))/ld.so -o $@ $< \
	  tests/dlopen/spawn.S $(RT_SRCS) -L$(TM) -lie -ldesc -lgd $(TM_ORIGIN) $(abspath $(B))/ld.so
