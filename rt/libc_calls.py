#!/usr/bin/python3
"""libc_calls.py: build libukcc_calls.a, musl's members that make system
calls, each merged with an anchor that links rt's handlers for exactly the
calls it can make.

musl issues system calls by number, so nothing in a program names rt's
handlers: the syscall table (syscall.c) refers to every handler weakly,
which links none. This script reads the machine code of every libc.a
member, finds each `syscall` instruction and each call into
__syscall_cp (and the other trampolines below), and works out, by walking
the code backwards over every path, which numbers the register can hold
there. Each member that makes calls is merged (`ld.lld -r`) with an
object whose undefined globals name their handlers; the driver links the
archive before libc.a, so a program that calls write() gets musl's own
write(), byte for byte, and with it sys_write and nothing else. Where a
number cannot be known (syscall(), a number loaded from memory), the
member names __ukcc_syscalls_all (syscall_all.c), which links every
handler: a wrong guess would be a silent -ENOSYS, so the analysis only
ever errs towards linking more.

Usage: libc_calls.py --libc libc.a --syscall-h bits/syscall.h
         --table syscalls.def --objdump O --cc CLANG --ld LD --ar AR
         --out libukcc_calls.a --report calls.txt
The report lists, per member, the system calls found (or why all).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

# Functions that receive the system call number as an argument: the
# number is found at their call sites instead, in this register.
TRAMPOLINES = {
    '__syscall_cp': 'rdi',      # rt/syscall_cp.c; musl's cancellable calls
    '__syscall_cp_c': 'rdi',    # pthread_cancel.lo, reached from the above
    '__syscall_cp_asm': 'rsi',  # syscall_cp.lo, reached from the above
    '__setxid': 'rdi',          # setuid(), setgid(), ... (setxid.lo)
}
# Their bodies, whose own `syscall` takes the number they were given.
FORWARDERS = {'__syscall_cp', 'sccp', '__syscall_cp_c', '__syscall_cp_asm', 'do_setxid'}

# Facts the code does not show. Each names the member and function.
KNOWN = {
    # cnt = iov[0].iov_len ? readv(...) : read(...): the compiler reaches
    # the read with %rax already 0 (= SYS_read), left by an adc.
    ('__stdio_read.lo', '__stdio_read'): {'read'},
    # A jump table hides how its cases are entered. sysconf's one system
    # call is sched_getaffinity (_SC_NPROCESSORS_ONLN); its other answers
    # come from getrlimit() and sysinfo(), members of their own.
    ('sysconf.lo', 'sysconf'): {'sched_getaffinity'},
}
NEVER = {
    # __init_libc polls fds 0-2 and opens /dev/null only in secure mode
    # (AT_SECURE, or AT_UID != AT_EUID); rt's auxv (boot.c) is never that.
    ('__libc_start_main.lo', '__init_libc'): {'poll', 'open'},
}

FAMILY = {}
for _names in (('rax', 'eax', 'ax', 'al'), ('rbx', 'ebx', 'bx', 'bl'),
               ('rcx', 'ecx', 'cx', 'cl'), ('rdx', 'edx', 'dx', 'dl'),
               ('rsi', 'esi', 'si', 'sil'), ('rdi', 'edi', 'di', 'dil'),
               ('rbp', 'ebp', 'bp', 'bpl'), ('rsp', 'esp', 'sp', 'spl')) + \
        tuple(('r%d' % i, 'r%dd' % i, 'r%dw' % i, 'r%db' % i)
              for i in range(8, 16)):
    for _n in _names:
        FAMILY[_n] = _names[0]
LOW_BYTES = {n for n in FAMILY if n.endswith('l') and len(n) <= 3 or
             re.match(r'r\d+b$', n)}
CALLEE_SAVED = {'rbx', 'rbp', 'r12', 'r13', 'r14', 'r15', 'rsp'}
# Registers written without being named as the destination.
IMPLICIT = {'cltq': 'rax', 'cwtl': 'rax', 'cqto': 'rdx', 'cltd': 'rdx',
            'cpuid': 'rax rbx rcx rdx', 'rdtsc': 'rax rdx',
            'rdtscp': 'rax rcx rdx', 'leave': 'rbp rsp',
            'syscall': 'rax rcx r11'}
STRING_OPS = re.compile(r'^(rep|repe|repne|repz|repnz|(movs|stos|lods|scas|'
                        r'cmps)[bwlq])$')
READ_ONLY = re.compile(r'^(cmp|test|bt[wlq]?$|push|nop|ucomis|comis|prefetch)')
UNCONDITIONAL = re.compile(r'^(jmp|ret|ud2|hlt)')
PADDING = re.compile(r'^(nop|int3|data16)')
EXTERNAL = -1  # a predecessor outside what we can see


class Section:
    def __init__(self):
        self.ins = []        # [address, mnemonic, operands, call target]
        self.labels = {}     # address -> function name


def disassemble(objdump, libc):
    """[(member, {section: Section})] in archive order."""
    out = subprocess.run([objdump, '-d', '-r', '--no-show-raw-insn', libc],
                         check=True, capture_output=True, text=True).stdout
    members, secs, sec = [], None, None
    for line in out.splitlines():
        m = re.match(r'^\S*\((\S+)\):\s+file format', line)
        if m:
            secs = {}
            members.append((m.group(1), secs))
            continue
        m = re.match(r'^Disassembly of section (\S+):', line)
        if m:
            sec = secs.setdefault(m.group(1), Section())
            continue
        m = re.match(r'^([0-9a-f]+) <(\S+)>:', line)
        if m:
            sec.labels[int(m.group(1), 16)] = m.group(2)
            continue
        m = re.match(r'^\s+[0-9a-f]+:\s+R_X86_64_\S+\s+(\S+)', line)
        if m:  # a relocation in the instruction above
            sec.ins[-1][3] = re.sub(r'[-+]0x[0-9a-f]+$', '', m.group(1))
            continue
        m = re.match(r'^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$', line)
        if m:
            ops = m.group(3).split('#')[0].strip()
            sec.ins.append([int(m.group(1), 16), m.group(2), ops, None])
    return members


def operands(ops):
    return [p.strip() for p in re.split(r',(?![^(]*\))', ops)] if ops else []


def reg_of(operand):
    return FAMILY.get(operand[1:]) if operand.startswith('%') else None


class Flow:
    """Backward data flow over one section's code. An instruction is
    reached by falling through, by a direct jump, or from outside at a
    symbol. A section with an indirect jump (a jump table) could enter
    anywhere, so nothing in it is known (`opaque`)."""

    def __init__(self, sec):
        self.sec = sec
        ins = sec.ins
        index = {a: i for i, (a, _, _, _) in enumerate(ins)}
        self.preds = [[] for _ in ins]
        self.opaque = any(mn.startswith('jmp') and ops.startswith('*')
                          for _, mn, ops, _ in ins)
        for i, (a, mn, ops, rel) in enumerate(ins):
            if i == 0 or a in sec.labels:
                self.preds[i].append(EXTERNAL)
            elif not UNCONDITIONAL.match(ins[i - 1][1]):
                self.preds[i].append(i - 1)
            if mn.startswith('j') and rel is None:
                t = re.match(r'0x([0-9a-f]+)', ops)
                if t and int(t.group(1), 16) in index:
                    self.preds[index[int(t.group(1), 16)]].append(i)

    def function(self, i):
        a = self.sec.ins[i][0]
        return self.sec.labels[max(x for x in self.sec.labels if x <= a)]

    def values(self, i, reg):
        """The set of values reg can hold just before instruction i, or
        None if some path leaves it unknown."""
        found, seen, work = set(), set(), [(i, reg)]
        if self.opaque:
            return None
        while work:
            state = work.pop()
            if state in seen:
                continue
            seen.add(state)
            i, reg = state
            if EXTERNAL in self.preds[i]:
                return None
            if not self.preds[i] and not PADDING.match(self.sec.ins[i][1]):
                return None  # entered some way we cannot see
            # (padding after a jump, which never runs, adds nothing)
            for j in self.preds[i]:
                kind, v = self.effect(j, reg)
                if kind == 'unknown':
                    return None
                if kind == 'value':
                    found.add(v)
                elif kind == 'low8':
                    before = self.values(j, reg)
                    if before is None:
                        return None
                    found |= {(b & ~0xff) | (v & 0xff) for b in before}
                else:
                    work.append((j, v))
        return found

    def effect(self, j, reg):
        """What instruction j does to reg: ('value', n), ('low8', n),
        ('copy', from_reg: look further back), or ('unknown', None)."""
        _, mn, ops, _ = self.sec.ins[j]
        ops = operands(ops)
        if mn.startswith('call'):
            return ('copy', reg) if reg in CALLEE_SAVED else ('unknown', None)
        if reg in IMPLICIT.get(mn, '').split() or STRING_OPS.match(mn) or \
                re.match(r'^(i?mul|i?div)[bwlq]?$', mn) and len(ops) <= 1 or \
                mn.startswith('cmpxchg') and reg == 'rax' or \
                re.match(r'^(xchg|xadd)', mn) and reg in map(reg_of, ops):
            return ('unknown', None)
        if not ops or reg_of(ops[-1]) != reg or READ_ONLY.match(mn):
            return ('copy', reg)
        src, dst = ops[0], ops[-1][1:]
        if mn in ('movl', 'movq') and src.startswith('$'):
            return ('value', int(src[1:], 0))
        if mn == 'movb' and src.startswith('$') and dst in LOW_BYTES:
            return ('low8', int(src[1:], 0))
        if mn in ('xorl', 'xorq') and reg_of(src) == reg:
            return ('value', 0)
        if mn in ('movl', 'movq', 'movslq') and reg_of(src):
            return ('copy', reg_of(src))
        return ('unknown', None)


def calls_of(secs):
    """(set of numbers, set of names from KNOWN, why-all or None,
    [(function, number set)] for NEVER) for one member."""
    numbers, unknown = set(), []
    for name, sec in secs.items():
        flow = Flow(sec)
        for i, (a, mn, ops, rel) in enumerate(sec.ins):
            if mn == 'syscall':
                reg = 'rax'
            elif re.match(r'^(call|jmp)', mn) and rel in TRAMPOLINES:
                reg = TRAMPOLINES[rel]
            else:
                continue
            fn = flow.function(i)
            found = flow.values(i, reg)
            if found is None:
                if fn not in FORWARDERS:
                    unknown.append((fn, a))
                continue
            numbers |= {(fn, n) for n in found}
    return numbers, unknown


def read_table(path):
    """{syscall name: (handler, is_socket_family)} from syscalls.def."""
    table = {}
    for kind, args in re.findall(r'^\s*(S|ALIAS|NET)\(([^)]*)\)',
                                 open(path).read(), re.M):
        names = [a.strip() for a in args.split(',')]
        table[names[0]] = ('sys_' + names[-1], kind == 'NET')
    return table


def read_numbers(path):
    numbers = {}
    for name, n in re.findall(r'^#define\s+__NR_(\w+)\s+(\d+)',
                              open(path).read(), re.M):
        numbers.setdefault(int(n), name)
    return numbers


def read_archive(path):
    """[(name, bytes)] of a System V / GNU ar archive, in order."""
    data = open(path, 'rb').read()
    if not data.startswith(b'!<arch>\n'):
        sys.exit('libc_calls.py: %s is not an archive' % path)
    members, names, at = [], b'', 8
    while at + 60 <= len(data):
        head = data[at:at + 60]
        name, size = head[:16].decode().strip(), int(head[48:58])
        body = data[at + 60:at + 60 + size]
        at += 60 + size + (size & 1)
        if name == '//':
            names = body
        elif name in ('/', '/SYM64/'):
            continue
        else:
            if name.startswith('/'):
                off = int(name[1:])
                name = names[off:names.index(b'/\n', off)].decode()
            members.append((name.rstrip('/'), body))
    return members


RT_SYSCALL_MAX = 512  # the size of rt's table (rt.h)
NET_ENTRY = ('rt_net_init', 'rt_net_pump', 'rt_net_deadline', 'rt_net_dns')
# The pairs that fill rt's table (syscall.c), in a section kept by
# --gc-sections ("R"), as nothing refers to it.
PAIRS = '.section ukcc_syscalls, "aR", @progbits\n.balign 4\n'



def main():
    p = argparse.ArgumentParser()
    for opt in ('libc', 'syscall-h', 'table', 'objdump', 'cc', 'ld', 'ar',
                'out', 'report'):
        p.add_argument('--' + opt, required=True)
    a = p.parse_args()

    table = read_table(a.table)
    numbers = read_numbers(a.syscall_h)
    by_name = {name: n for n, name in numbers.items()}
    for name in table:
        if by_name.get(name, RT_SYSCALL_MAX) >= RT_SYSCALL_MAX:
            sys.exit('libc_calls.py: %s: no number below %d in %s'
                     % (name, RT_SYSCALL_MAX, a.syscall_h))
    code = disassemble(a.objdump, a.libc)
    archive = read_archive(a.libc)
    if len(code) != len(archive):
        sys.exit('libc_calls.py: objdump and the archive disagree on %s'
                 % a.libc)

    report, merged = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k, ((name, secs), (_, body)) in enumerate(zip(code, archive)):
            found, unknown = calls_of(secs)
            calls = {numbers.get(n, str(n)) for fn, n in found
                     if numbers.get(n) not in NEVER.get((name, fn), ())}
            for fn, at in list(unknown):
                if (name, fn) in KNOWN:
                    calls |= KNOWN[(name, fn)]
                    unknown.remove((fn, at))
            if not calls and not unknown:
                continue
            if unknown:
                anchor = '.globl __ukcc_syscalls_all\n'
                report.append('%s: all (numbers not known at %s)' % (
                    name, ', '.join('%s+0x%x' % u for u in unknown)))
            else:
                pairs = sorted((by_name[c], table[c]) for c in calls
                               if c in table)
                report.append('%s: %s%s' % (name, ' '.join(sorted(calls)),
                                            '' if pairs else ' (none in rt)'))
                if not pairs:
                    continue  # rt answers none of them: -ENOSYS either way
                anchor = PAIRS + ''.join('.long %d, %s\n' % (n, h)
                                         for n, (h, _) in pairs)
                if any(net for _, (_, net) in pairs):
                    anchor += '.globl %s\n' % ', '.join(NET_ENTRY)
            base = os.path.join(tmp, '%d-%s' % (k, os.path.splitext(name)[0]))
            open(base + '.lo', 'wb').write(body)
            open(base + '.s', 'w').write(
                anchor + '.section .note.GNU-stack,"",@progbits\n')
            subprocess.run([a.cc, '--target=x86_64-linux-musl', '-c',
                            base + '.s', '-o', base + '.anchor.o'], check=True)
            subprocess.run([a.ld, '-r', base + '.lo', base + '.anchor.o',
                            '-o', base + '.o'], check=True)
            merged.append(base + '.o')
        if os.path.exists(a.out):
            os.remove(a.out)
        subprocess.run([a.ar, 'qcs', a.out] + merged, check=True)
    with open(a.report, 'w') as f:
        f.write('# libc.a members and the system calls they can make '
                '(rt/libc_calls.py)\n')
        f.write('\n'.join(report) + '\n')


if __name__ == '__main__':
    main()
