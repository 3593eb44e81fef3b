/* long spawn(void *stack_top, void *tls, int *child_tid,
              void (*fn)(void *), void *arg): start a thread with raw clone
   on its own stack and thread pointer; the kernel clears *child_tid and
   wakes futex waiters when it exits. */
        .text
        .globl  spawn
        .type   spawn, @function
spawn:
        mov     %rcx, -16(%rdi)         /* the child pops fn ... */
        mov     %r8, -8(%rdi)           /* ... and arg */
        mov     %rsi, %r8               /* tls */
        lea     -16(%rdi), %rsi         /* the child's stack */
        mov     %rdx, %r10              /* child_tid */
        xor     %edx, %edx              /* no parent_tid */
        mov     $0x2d0f00, %edi         /* VM FS FILES SIGHAND THREAD SYSVSEM SETTLS CHILD_CLEARTID */
        mov     $56, %eax               /* clone */
        syscall
        test    %rax, %rax
        jnz     1f
        pop     %rax
        pop     %rdi
        and     $-16, %rsp
        call    *%rax
        mov     $60, %eax               /* exit this thread only */
        xor     %edi, %edi
        syscall
1:      ret
        .size   spawn, . - spawn
        .section .note.GNU-stack, "", @progbits
