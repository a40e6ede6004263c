#define VALUE 9
	.globl value
	.type value,@function
value:
	movl $VALUE, %eax
	ret
