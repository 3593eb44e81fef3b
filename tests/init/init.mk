# The initialisation chapter's fixtures: libbA..libbE (all from
# libbnode.c) with A -> {B, C}, B -> D, C -> D, E -> C, A with a DT_INIT
# and D with a DT_FINI; bind-order needs A and E, has preinit and fini
# arrays and a DT_FINI, and keeps the finaliser passed in rdx
# (start_fini.S) to call it at exit.
INIT := $(T)/init

.PHONY: init-fixtures
init-fixtures: $(INIT)/bind-order

$(INIT)/libbD.so: NODE_FLAGS := -Wl,-fini=node_dt_fini
$(INIT)/libbB.so $(INIT)/libbC.so: NODE_FLAGS := -lbD
$(INIT)/libbB.so $(INIT)/libbC.so: $(INIT)/libbD.so
$(INIT)/libbE.so: NODE_FLAGS := -lbC
$(INIT)/libbE.so: $(INIT)/libbC.so
$(INIT)/libbA.so: NODE_FLAGS := -Wl,-init=node_dt_init -lbB -lbC
$(INIT)/libbA.so: $(INIT)/libbB.so $(INIT)/libbC.so
$(INIT)/libb%.so: tests/init/libbnode.c $(RT_DEPS)
	@mkdir -p $(@D)
	$(FIX_LIB) -DNODE='"$*"' $(call RUNPATH,$$ORIGIN) -o $@ $< -L$(INIT) \
	  -Wl,--no-as-needed $(NODE_FLAGS)
$(INIT)/bind-order: tests/init/bind-order.c $(INIT)/libbA.so $(INIT)/libbE.so \
  tests/init/start_fini.S $(RT_DEPS)
	$(FIX_PIE) -Wl,-E -Wl,-fini=prog_dt_fini -o $@ $< \
	  tests/init/start_fini.S tests/runtime/rt.c tests/runtime/clone.S \
	  -L$(INIT) -lbA -lbE
