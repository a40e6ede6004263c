/* The device files of /dev, named in fs/synth.c. */
#ifndef UKCC_DEV_H
#define UKCC_DEV_H

#include "../rt.h"

extern const struct rt_file_ops rt_dev_null_ops;    /* null.c */
extern const struct rt_file_ops rt_dev_zero_ops;    /* null.c */
extern const struct rt_file_ops rt_dev_random_ops;  /* random.c */
extern const struct rt_file_ops rt_dev_full_ops;    /* null.c */
extern const struct rt_file_ops rt_dev_console_ops; /* console.c */

#endif
