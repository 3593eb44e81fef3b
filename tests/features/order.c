/* order: needs libA.so (which needs B and C, which need D).  Prints its
   DT_PREINIT_ARRAY entry, main, and its own DT_FINI_ARRAY entry, which the
   dynamic linker's finaliser runs with every library's. */
#include "rt.h"
extern void (*linker_fini)(void);
int value_A(void);
static void preinit(int argc, char **argv, char **envp)
{
    (void)argv, (void)envp;
    put_str("program preinit, argc="), put_dec(argc), put_str("\n");
}
static void prog_fini(void) { put_str("program fini\n"); }
__attribute__((section(".preinit_array"), used)) static void (*pre)(int, char **, char **) = preinit;
__attribute__((section(".fini_array"), used)) static void (*fin)(void) = prog_fini;

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("main: "), put_dec(value_A()), put_str("\n");
    put_flush();
    if (linker_fini)
        linker_fini();
    return 0;
}
