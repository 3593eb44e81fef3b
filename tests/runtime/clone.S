/* long rt_clone(void (*fn)(void *), void *arg, void *stack_top,
                  void *tp, int *tid)
   Starts a thread with the raw clone system call: same memory, files,
   signal handlers, thread group; %fs = TP (CLONE_SETTLS); the kernel
   stores the new thread's id in *TID (CLONE_PARENT_SETTID) before clone
   returns, and clears it and wakes futex waiters on it when the thread
   exits (CLONE_CHILD_CLEARTID).  The thread runs fn(arg) on STACK_TOP and
   exits alone.  Returns the thread id or a negative errno. */
        .text
        .globl  rt_clone
        .type   rt_clone, @function
rt_clone:
        .cfi_startproc
        and     $-16, %rdx
        sub     $16, %rdx
        mov     %rdi, 0(%rdx)           /* the child pops fn ... */
        mov     %rsi, 8(%rdx)           /* ... and arg */
        mov     %rdx, %rsi              /* newsp */
        mov     %r8, %rdx               /* parent_tid */
        mov     %r8, %r10               /* child_tid */
        mov     %rcx, %r8               /* tls */
        /* VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID */
        mov     $0x3d0f00, %edi
        mov     $56, %eax               /* clone */
        syscall
        test    %rax, %rax
        jz      1f
        ret                             /* the parent, or an error */
1:      .cfi_undefined rip
        xor     %ebp, %ebp
        pop     %rax                    /* fn */
        pop     %rdi                    /* arg; rsp is 16-byte aligned again */
        call    *%rax
        mov     $60, %eax               /* exit: this thread only */
        xor     %edi, %edi
        syscall
        hlt
        .cfi_endproc
        .size   rt_clone, . - rt_clone
        .section .note.GNU-stack, "", @progbits
