/*
** lunar FFI: the x86-64 System V call trampoline (the only architecture
** specific code of the FFI; see ccall.c for how the call state is filled).
**
** lu_ccall_x64(CCallState *cs): copies cs->nsp stack slots below the stack
** pointer (16-byte aligned), loads the six integer and eight vector argument
** registers, sets al to the number of vector registers used (varargs
** callees need it), calls cs->func and stores rax/rdx and xmm0/xmm1 back.
** The field offsets are pinned by the static asserts in ccall.h.
*/
#include "ccall.h"

__asm__(
  ".text\n"
  ".globl lu_ccall_x64\n"
  ".hidden lu_ccall_x64\n"
  ".type lu_ccall_x64,@function\n"
  "lu_ccall_x64:\n"
  ".cfi_startproc\n"
  "  pushq %rbp\n"
  ".cfi_def_cfa_offset 16\n"
  ".cfi_offset %rbp, -16\n"
  "  movq %rsp, %rbp\n"
  ".cfi_def_cfa_register %rbp\n"
  "  pushq %rbx\n"
  "  pushq %r12\n"
  "  movq %rdi, %rbx\n"
  "  movq 8(%rbx), %rcx\n"            /* nsp */
  "  leaq 15(,%rcx,8), %rax\n"
  "  andq $-16, %rax\n"
  "  subq %rax, %rsp\n"
  "  leaq 168(%rbx), %rsi\n"          /* stack[] */
  "  xorl %edx, %edx\n"
  "1:\n"
  "  cmpq %rcx, %rdx\n"
  "  jae 2f\n"
  "  movq (%rsi,%rdx,8), %rax\n"
  "  movq %rax, (%rsp,%rdx,8)\n"
  "  incq %rdx\n"
  "  jmp 1b\n"
  "2:\n"
  "  movsd 72(%rbx), %xmm0\n"
  "  movsd 80(%rbx), %xmm1\n"
  "  movsd 88(%rbx), %xmm2\n"
  "  movsd 96(%rbx), %xmm3\n"
  "  movsd 104(%rbx), %xmm4\n"
  "  movsd 112(%rbx), %xmm5\n"
  "  movsd 120(%rbx), %xmm6\n"
  "  movsd 128(%rbx), %xmm7\n"
  "  movq 24(%rbx), %rdi\n"
  "  movq 32(%rbx), %rsi\n"
  "  movq 40(%rbx), %rdx\n"
  "  movq 48(%rbx), %rcx\n"
  "  movq 56(%rbx), %r8\n"
  "  movq 64(%rbx), %r9\n"
  "  movl 16(%rbx), %eax\n"           /* al = number of vector registers */
  "  call *(%rbx)\n"
  "  movq %rax, 136(%rbx)\n"
  "  movq %rdx, 144(%rbx)\n"
  "  movsd %xmm0, 152(%rbx)\n"
  "  movsd %xmm1, 160(%rbx)\n"
  "  leaq -16(%rbp), %rsp\n"
  "  popq %r12\n"
  "  popq %rbx\n"
  "  popq %rbp\n"
  ".cfi_def_cfa %rsp, 8\n"
  "  ret\n"
  ".cfi_endproc\n"
  ".size lu_ccall_x64, .-lu_ccall_x64\n"
);
