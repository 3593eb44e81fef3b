/* libquiet.so: opened and closed in a loop by several threads at once.
   It has thread-local state (a dynamic TLS block in each thread) and needs
   libhelper.so. */
__thread long quiet_tls = 7;
int helper_value(void);
int quiet_call(int x) { quiet_tls += x; return helper_value() + (int)quiet_tls; }
