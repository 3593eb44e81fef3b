/* libdcx.so: loaded at start-up; which() says 'x'. */
int which(void) { return 'x'; }
int x_which(void) { return which(); }
