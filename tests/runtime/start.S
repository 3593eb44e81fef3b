/* Entry point of every fixture program.  The kernel (or a dynamic linker)
   jumps here with rsp pointing at argc; rt_start receives that address.
   rdx may hold a finaliser from the dynamic linker: the fixtures have
   nothing to finalise, so it is ignored. */
        .text
        .globl  _start
        .type   _start, @function
_start:
        .cfi_startproc
        .cfi_undefined rip
        xor     %ebp, %ebp
        mov     %rsp, %rdi      /* argument: the initial stack pointer */
        and     $-16, %rsp      /* the psABI wants an aligned call */
        call    rt_start
        hlt                     /* rt_start never returns */
        .cfi_endproc
        .size   _start, . - _start
        .section .note.GNU-stack, "", @progbits
