/* tls-tcb: a program without any thread-local variable (no PT_TLS) still
   gets a TCB at %fs with its self pointers and guards.  Runs under both
   linkers. */
#include "rt.h"
#include "tcbcheck.h"

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    int bad = tcb_checks(16);
    put_str(bad ? "tls-tcb: failed\n" : "tls-tcb: all checks passed\n");
    return bad != 0;
}
