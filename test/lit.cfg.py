# lit configuration for ukcc; build paths come from lit.site.cfg.py.
import os
import shutil
import sys

import lit.formats

config.name = "ukcc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test", ".c"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "xen"]
config.test_source_root = os.path.dirname(__file__)
# test/boot/on-xen/rt-suite-on-xen.test runs test/rt again, on Xen, while the
# outer run may be running test/rt itself: the nested run keeps its outputs in
# a tree of its own so neither deletes or rewrites the other's files.
rt_on_xen = os.environ.get("UKCC_RT_ON_XEN")
config.test_exec_root = os.path.join(
    config.ukcc_obj_root, "test-on-xen-" + rt_on_xen if rt_on_xen else "test")
if rt_on_xen:
    config.available_features.add("rt-on-xen-" + rt_on_xen)

bin_dir = os.path.join(config.ukcc_obj_root, "bin")
config.environment["PATH"] = os.pathsep.join(
    [bin_dir, config.llvm_bin, config.environment.get("PATH", os.environ["PATH"])])
# A failing check shows all of its input, not the lines around the first
# mismatch: an intermittent failure (a guest's console, dom0's hook) must
# leave its whole story in the log.
config.environment["FILECHECK_OPTS"] = "--dump-input-filter=all"
# Tests choose targets explicitly; a developer's setting must not leak in.
config.environment.pop("UKCC_TARGET", None)
for var in ("HOME", "TMPDIR", "CCACHE_DIR", "UKCC_XEN_CACHE", "UKCC_SRC_CACHE",
            "UKCC_RT_ON_XEN"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

config.substitutions += [
    ("%ukcc-lds", os.path.join(bin_dir, "ukcc-lds")),
    ("%ukcc", os.path.join(bin_dir, "ukcc")),
    ("%bin", bin_dir),
    ("%clang", config.clang),
    ("%ld.lld", config.ld_lld),
    ("%readelf", config.readelf),
    ("%musl_include", config.musl_include),
    ("%musl_lib", config.musl_lib),
    ("%builtins", config.builtins),
    ("%src_root", config.ukcc_src_root),
    ("%obj_root", config.ukcc_obj_root),
    ("%cmake", config.cmake),
    ("%path", config.environment["PATH"]),
    ("%python", sys.executable),
    ("%lit_py", config.lit_py),
    # A host directory private to this lit run (see test_exec_root above).
    ("%host_tmp", "/var/tmp/ukcc-lit-%d" % os.getpid()),
    ("%lit_id", "ukcc-lit-%d" % os.getpid()),  # a name private to this run
    ("%rt-compare", os.path.join(config.ukcc_src_root, "test/tools/rt-compare.sh")),
]

# Optional tools become lit features; CI installs all of them, so nothing is
# skipped there.
for tool in ("ccache", "distcc", "sccache", "gdb", "make", "qemu-system-x86_64", "strace", "valgrind", "meson",
             "autoreconf", "tclsh"):
    if shutil.which(tool):
        config.available_features.add(tool)

# Xen boots run one at a time (see test/boot/on-xen/lit.local.cfg).
lit_config.parallelism_groups["xen"] = 1

# The Xen harness (test/xen) needs Debian's Xen packages, unpacked by
# test/xen/fetch.sh (build.sh runs it), and QEMU.
xen_cache = os.environ.get("UKCC_XEN_CACHE",
                           os.path.expanduser("~/.cache/ukcc-xen"))
if os.path.exists(os.path.join(xen_cache, "COMPLETE")) and \
        shutil.which("qemu-system-x86_64"):
    config.available_features.add("xen")
config.substitutions.append(
    ("%xenrun", os.path.join(config.ukcc_src_root, "test/xen/xenrun") + " --no-fetch"))

# Real programs from Debian's source packages (scripts/debian-source.sh,
# which build.sh runs), unpacked into a cache outside the tree; without
# them the tests in test/programs are reported unsupported (skipped).
src_cache = os.environ.get("UKCC_SRC_CACHE",
                           os.path.expanduser("~/.cache/ukcc-src"))
for pkg in ("lua5.4", "sqlite3"):
    name = pkg.replace(".", "")  # source-lua54, %src_lua54
    if os.path.exists(os.path.join(src_cache, pkg, "COMPLETE")):
        config.available_features.add("source-" + name)
    else:
        lit_config.note("no %s source in %s: test/programs will skip it "
                        "(run scripts/debian-source.sh %s)" % (pkg, src_cache, pkg))
    config.substitutions.append(("%src_" + name,
                                 os.path.join(src_cache, pkg, "src")))
