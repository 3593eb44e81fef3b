/* Checks of the main thread's TCB and of the values in it. */
#ifndef TLS_TCBCHECK_H
#define TLS_TCBCHECK_H
/* Prints one "tcb: WHAT: ok|BAD" line per check; ALIGN is the alignment
   the thread pointer must have.  Returns the number of failures. */
int tcb_checks(unsigned long align);
/* Prints "WHAT: ok" or "WHAT: BAD"; returns 1 if bad. */
int report(const char *what, int ok);
/* Prints "WHAT: ok" or "WHAT: BAD mask"; returns 1 if bad. */
int report_mask(const char *what, unsigned bad);
#endif
