/* Entry point for fixtures that keep the finaliser the dynamic linker
   passes in rdx (psABI 3.4.1) and call it at exit, as libc's atexit would. */
        .text
        .globl  _start
        .type   _start, @function
_start:
        xor     %ebp, %ebp
        mov     %rdx, linker_fini(%rip)
        mov     %rsp, %rdi
        and     $-16, %rsp
        call    rt_start
        hlt
        .size   _start, . - _start
        .bss
        .globl  linker_fini
        .hidden linker_fini
        .align  8
linker_fini:
        .quad   0
        .section .note.GNU-stack, "", @progbits
