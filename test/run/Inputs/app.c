#include <stdio.h>
#include "parts.h"

int main(void)
{
    printf("%d %d %d %d\n", twice(21), answer(), value(), from_archive());
    return 0;
}
