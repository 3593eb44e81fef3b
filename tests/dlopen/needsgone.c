/* libneedsgone.so: NEEDs a library that does not exist. */
int needs_gone(void) { return 0; }
