# The debuggers chapter runs gdb and LD_DEBUG on the fixtures of the
# mapping and dlopen chapters; it has none of its own.
.PHONY: debugger-fixtures
debugger-fixtures:
