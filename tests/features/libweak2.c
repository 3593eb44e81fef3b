/* libweak2.so: a strong weak_pick() after libfeat.so's weak one. */
int weak_pick(void) { return 2; }
