/* libundef.so: built once with gone_func (to link against) and once
   without (to run with). */
#ifdef WITH_GONE
int gone_func(void) { return 1; }
#endif
int present_func(void) { return 2; }
