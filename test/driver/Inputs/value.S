#define VALUE 42
	.globl value
value:
	movl $VALUE, %eax
	ret
