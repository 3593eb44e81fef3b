/* libver.so, built with a version script defining VER_1 only; libneedsver
   was linked against a build that also had VER_2. */
int ver_function(void) { return 1; }
