#include <math.h>
#include <stdio.h>

int part(void);

int main(void)
{
    printf("part %d sqrt %.1f epoll %d\n", part(), sqrt(16.0),
           HAVE_EPOLL_CREATE1);
    return 0;
}
