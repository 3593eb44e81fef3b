# The PLT chapter's fixtures: calls with every kind of argument through a
# lazy PLT (bind-args, libbargs.so; the __m256 function is compiled with
# -mavx, nothing else is), and a call to a function no library defines
# (bind-undef, linked against stub/libbundef.so, run with a libbundef.so
# that lacks it).
PLT := $(T)/plt

.PHONY: plt-fixtures
plt-fixtures: $(PLT)/bind-args $(PLT)/bind-undef

$(PLT)/libbavx.o: tests/plt/libbavx.c $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) -fPIC -mavx -c -o $@ $<
$(PLT)/bind-avx.o: tests/plt/bind-avx.c $(RT_DEPS)
	@mkdir -p $(@D)
	gcc $(FIX_CFLAGS) -fPIE -mavx -c -o $@ $<
$(PLT)/libbargs.so: tests/plt/libbargs.c $(PLT)/libbavx.o
	$(FIX_LIB) -o $@ $^
$(PLT)/bind-args: tests/plt/bind-args.c $(PLT)/bind-avx.o $(PLT)/libbargs.so $(RT_DEPS)
	$(FIX_PIE) -o $@ $< $(PLT)/bind-avx.o $(RT_SRCS) -L$(PLT) -lbargs

$(PLT)/libbundef.so $(PLT)/stub/libbundef.so &: tests/plt/libbundef.c $(RT_DEPS)
	@mkdir -p $(PLT)/stub
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbundef.so -DWITH_GONE \
	  -o $(PLT)/stub/libbundef.so $<
	gcc $(FIX_CFLAGS) $(LIB_FLAGS) -Wl,-soname,libbundef.so -o $(PLT)/libbundef.so $<
$(PLT)/bind-undef: tests/plt/bind-undef.c $(PLT)/libbundef.so $(RT_DEPS)
	$(FIX_PIE) -o $@ $< $(RT_SRCS) -L$(PLT)/stub -lbundef
