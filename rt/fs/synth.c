/*
 * The skeleton of the namespace, /dev, /etc and /proc/self, as one table.
 * There is no /etc/localtime on purpose: musl then runs on UTC.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../dev/dev.h"
#include "fs.h"

#define TEXT(s) (s), sizeof(s) - 1

static const char hosts[] = "127.0.0.1\tlocalhost\n"
                            "::1\tlocalhost ip6-localhost ip6-loopback\n";
/* /etc/resolv.conf comes from the network configuration (net/stack.c),
 * read each time, as DHCP may change it (see resolv_conf). */
static const char resolv[] = "";
static const char passwd[] = "root:x:0:0:root:/:/bin/sh\n";
static const char group[] = "root:x:0:\n";
/* /proc/self/limits is written when looked up (proc/limits.c), as Linux
 * writes it when read */
static const char limits[] = "";

static const struct entry {
    const char *path;
    enum fs_kind kind;
    mode_t mode;
    const void *data;
    uint64_t size;
} table[] = {
    {"/", FS_DIR, S_IFDIR | 0755},
    {"/dev", FS_DIR, S_IFDIR | 0755},
    {"/etc", FS_DIR, S_IFDIR | 0755},
    {"/proc", FS_DIR, S_IFDIR | 0555},
    {"/proc/self", FS_DIR, S_IFDIR | 0555},
    {"/tmp", FS_TMP, S_IFDIR | 01777}, /* tmp.c's root */
    {"/dev/null", FS_DEV, S_IFCHR | 0666, &rt_dev_null_ops},
    {"/dev/zero", FS_DEV, S_IFCHR | 0666, &rt_dev_zero_ops},
    {"/dev/full", FS_DEV, S_IFCHR | 0666, &rt_dev_full_ops},
    {"/dev/random", FS_DEV, S_IFCHR | 0666, &rt_dev_random_ops},
    {"/dev/urandom", FS_DEV, S_IFCHR | 0666, &rt_dev_random_ops},
    {"/dev/tty", FS_DEV, S_IFCHR | 0620},
    {"/dev/console", FS_DEV, S_IFCHR | 0620},
    {"/dev/stdin", FS_DEV, S_IFCHR | 0620},
    {"/dev/stdout", FS_DEV, S_IFCHR | 0620},
    {"/dev/stderr", FS_DEV, S_IFCHR | 0620},
    {"/etc/hosts", FS_MEM, S_IFREG | 0644, TEXT(hosts)},
    {"/etc/resolv.conf", FS_MEM, S_IFREG | 0644, TEXT(resolv)},
    {"/etc/passwd", FS_MEM, S_IFREG | 0644, TEXT(passwd)},
    {"/etc/group", FS_MEM, S_IFREG | 0644, TEXT(group)},
    {"/proc/self/limits", FS_MEM, S_IFREG | 0444, TEXT(limits)},
};

#define NTABLE (sizeof table / sizeof *table)

/* "nameserver" and the DNS server (UKCC_NET_DNS or DHCP's), or the local
 * host when there is none (or no network: an image whose program makes no
 * socket call has no rt_net_dns), as musl assumes without a resolv.conf. */
static const char *resolv_conf(uint64_t *size)
{
    static char text[64];
    uint32_t a = rt_net_dns ? rt_net_dns() : 0;

    if (!a)
        a = 0x7f000001u;
    *size = (uint64_t)snprintf(text, sizeof text,
                               "# written by ukcc's runtime\nnameserver "
                               "%u.%u.%u.%u\n",
                               a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
    return text;
}

static void fill(const struct entry *e, struct fs_node *out)
{
    out->kind = e->kind;
    out->mode = e->mode;
    out->path = e->path;
    out->data = e->kind == FS_TMP ? fs_tmp_root() : e->data;
    out->size = e->size;
    out->mtime = 0;
    if (e->data == resolv)
        out->data = resolv_conf(&out->size);
    if (e->data == limits)
        out->data = rt_limits_text(&out->size);
}

bool fs_synth_lookup(const char *path, struct fs_node *out)
{
    for (size_t i = 0; i < NTABLE; i++)
        if (strcmp(path, table[i].path) == 0) {
            fill(&table[i], out);
            return true;
        }
    return false;
}

bool fs_synth_at(size_t i, struct fs_node *out)
{
    if (i >= NTABLE)
        return false;
    fill(&table[i], out);
    return true;
}
