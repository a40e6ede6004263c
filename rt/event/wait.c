/*
 * Waiting. A blocking call loops: check its condition, and if it does not
 * hold, rt_wait until the deadline or the next event. With one thread the
 * only events come from the platform (console input, devices, time).
 */
#include <poll.h>

#include "../rt.h"

void rt_wait(uint64_t deadline)
{
    plat_block(deadline);
}

unsigned rt_file_poll(struct rt_file *f)
{
    return f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT;
}
