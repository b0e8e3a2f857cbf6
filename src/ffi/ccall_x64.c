/*
** lunar FFI: the x86-64 System V call trampoline (the only architecture
** specific code of the FFI; see ccall.c for how the call state is filled).
**
** lu_ccall_x64(CCallState *cs): copies cs->nsp stack slots below the stack
** pointer (16-byte aligned), loads the six integer and eight vector argument
** registers, sets al to the number of vector registers used (varargs
** callees need it), calls cs->func and stores rax/rdx and xmm0/xmm1 back.
** The field offsets are pinned by the static asserts in ccall.h.
**
** lu_ccallback_x64: the common entry of all callbacks (see ccallback.h),
** reached from a pool's head with r10 = the CTState and eax = the slot.
** It saves the six integer and eight vector argument registers and the
** address of the stack arguments in a CCallbackFrame on its own frame,
** calls lu_ccallback_handler(cts, frame), and returns rax/rdx/xmm0/xmm1
** from the frame. The stack is 16-byte aligned at the call (entry rsp is
** 8 mod 16, the push of rbp and the 160-byte frame make it 0).
*/
#include <string.h>

#include "ccall.h"
#include "ccallback.h"

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

__asm__(
  ".text\n"
  ".globl lu_ccallback_x64\n"
  ".hidden lu_ccallback_x64\n"
  ".type lu_ccallback_x64,@function\n"
  "lu_ccallback_x64:\n"
  ".cfi_startproc\n"
  "  pushq %rbp\n"
  ".cfi_def_cfa_offset 16\n"
  ".cfi_offset %rbp, -16\n"
  "  movq %rsp, %rbp\n"
  ".cfi_def_cfa_register %rbp\n"
  "  subq $160, %rsp\n"
  "  movq %rdi, 0(%rsp)\n"
  "  movq %rsi, 8(%rsp)\n"
  "  movq %rdx, 16(%rsp)\n"
  "  movq %rcx, 24(%rsp)\n"
  "  movq %r8, 32(%rsp)\n"
  "  movq %r9, 40(%rsp)\n"
  "  movsd %xmm0, 48(%rsp)\n"
  "  movsd %xmm1, 56(%rsp)\n"
  "  movsd %xmm2, 64(%rsp)\n"
  "  movsd %xmm3, 72(%rsp)\n"
  "  movsd %xmm4, 80(%rsp)\n"
  "  movsd %xmm5, 88(%rsp)\n"
  "  movsd %xmm6, 96(%rsp)\n"
  "  movsd %xmm7, 104(%rsp)\n"
  "  leaq 16(%rbp), %rcx\n"           /* First stack argument. */
  "  movq %rcx, 112(%rsp)\n"
  "  movl %eax, %eax\n"
  "  movq %rax, 120(%rsp)\n"          /* Slot. */
  "  movq %r10, %rdi\n"
  "  movq %rsp, %rsi\n"
  "  call lu_ccallback_handler\n"
  "  movq 128(%rsp), %rax\n"
  "  movq 136(%rsp), %rdx\n"
  "  movsd 144(%rsp), %xmm0\n"
  "  movsd 152(%rsp), %xmm1\n"
  "  movq %rbp, %rsp\n"
  "  popq %rbp\n"
  ".cfi_def_cfa %rsp, 8\n"
  "  ret\n"
  ".cfi_endproc\n"
  ".size lu_ccallback_x64, .-lu_ccallback_x64\n"
);

/* The pool's code: the head at offset 0,
**   movabs $cts, %r10 ; movabs $lu_ccallback_x64, %r11 ; jmp *%r11
** padded with int3 to CCB_HEADSIZE, then per slot n
**   mov $n, %eax ; jmp <head>            (B8 imm32, E9 rel32)
** Every stub has the same size, so a pointer maps back to its slot. */
void lu_ccallback_x64_emit(uint8_t *mcode, CTState *cts)
{
  uint64_t a = (uint64_t)(uintptr_t)cts;
  uint64_t e = (uint64_t)(uintptr_t)&lu_ccallback_x64;
  uint8_t *p = mcode;
  int n;
  memset(mcode, 0xcc, CCB_MCODESIZE);
  *p++ = 0x49; *p++ = 0xba; memcpy(p, &a, 8); p += 8;
  *p++ = 0x49; *p++ = 0xbb; memcpy(p, &e, 8); p += 8;
  *p++ = 0x41; *p++ = 0xff; *p++ = 0xe3;
  for (n = 0; n < CCB_MAXSLOT; n++) {
    uint32_t slot = (uint32_t)n;
    int32_t rel;
    p = mcode + CCB_HEADSIZE + n * CCB_STUBSIZE;
    *p++ = 0xb8; memcpy(p, &slot, 4); p += 4;
    rel = (int32_t)(0 - (CCB_HEADSIZE + (n + 1) * CCB_STUBSIZE));
    *p++ = 0xe9; memcpy(p, &rel, 4);
  }
}
