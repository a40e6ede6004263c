/* Readiness of any file, for poll, select and epoll. (A blocking call
 * loops on its condition and rt_waits between checks: thread/sched.c.) */
#include <poll.h>

#include "../rt.h"

unsigned rt_file_poll(struct rt_file *f)
{
    return f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT;
}
