/* libdcplug.so: in libdca.so's plugins directory. */
int plugin_here(void) { return 1; }
