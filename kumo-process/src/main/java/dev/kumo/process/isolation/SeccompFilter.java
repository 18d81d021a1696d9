package dev.kumo.process.isolation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A seccomp filter in classic BPF, the binary form bubblewrap's {@code --seccomp FD} installs before it execs
 * the worker. It denies with EPERM the system calls a function never needs and that widen the kernel's attack
 * surface or undo the sandbox: tracing other processes, mounting, namespaces, kernel modules and kexec, BPF,
 * perf, the kernel keyring, swap, reboot, accounting, file handles that bypass paths, userfaultfd, io_uring
 * (a frequent source of kernel bugs; runtimes fall back to ordinary I/O), and
 * {@code clone} with any namespace flag; {@code clone3} answers ENOSYS (its flags sit behind a pointer a filter
 * cannot read; libc then falls back to {@code clone}). Any other architecture than the one it was built for
 * (e.g. 32-bit x86 calls on x86-64, or x32 numbers) kills the process. x86-64 and aarch64 are known.
 */
public final class SeccompFilter {

    /** The system calls denied, by name (the numbers differ per architecture). */
    public static final List<String> DENIED = List.of("ptrace", "mount", "umount2", "pivot_root", "chroot",
            "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "bpf",
            "perf_event_open", "keyctl", "add_key", "request_key", "unshare", "setns", "swapon", "swapoff", "reboot",
            "acct", "open_by_handle_at", "name_to_handle_at", "userfaultfd", "process_vm_readv", "process_vm_writev",
            "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "syslog",
            "settimeofday", "clock_settime", "lookup_dcookie", "io_uring_setup", "io_uring_enter", "io_uring_register");

    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET. */
    static final int CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000;

    private static final int EPERM = 1;
    private static final int ENOSYS = 38;

    // BPF opcodes (linux/filter.h) and seccomp return values (linux/seccomp.h).
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARG0_LOW = 16;

    /** A CPU architecture's audit id and system call numbers. */
    record Arch(String name, int auditArch, Map<String, Integer> numbers, int cloneNr, int clone3Nr, int x32Bit) {}

    static final Arch X86_64 = new Arch("x86_64", 0xC000003E, numbers(
            "ptrace", 101, "mount", 165, "umount2", 166, "pivot_root", 155, "chroot", 161, "kexec_load", 246,
            "kexec_file_load", 320, "init_module", 175, "finit_module", 313, "delete_module", 176, "bpf", 321,
            "perf_event_open", 298, "keyctl", 250, "add_key", 248, "request_key", 249, "unshare", 272, "setns", 308,
            "swapon", 167, "swapoff", 168, "reboot", 169, "acct", 163, "open_by_handle_at", 304,
            "name_to_handle_at", 303, "userfaultfd", 323, "process_vm_readv", 310, "process_vm_writev", 311,
            "open_tree", 428, "move_mount", 429, "fsopen", 430, "fsconfig", 431, "fsmount", 432, "fspick", 433,
            "mount_setattr", 442, "syslog", 103, "settimeofday", 164, "clock_settime", 227, "lookup_dcookie", 212,
            "io_uring_setup", 425, "io_uring_enter", 426, "io_uring_register", 427),
            56, 435, 0x40000000);

    static final Arch AARCH64 = new Arch("aarch64", 0xC00000B7, numbers(
            "ptrace", 117, "mount", 40, "umount2", 39, "pivot_root", 41, "chroot", 51, "kexec_load", 104,
            "kexec_file_load", 294, "init_module", 105, "finit_module", 273, "delete_module", 106, "bpf", 280,
            "perf_event_open", 241, "keyctl", 219, "add_key", 217, "request_key", 218, "unshare", 97, "setns", 268,
            "swapon", 224, "swapoff", 225, "reboot", 142, "acct", 89, "open_by_handle_at", 265,
            "name_to_handle_at", 264, "userfaultfd", 282, "process_vm_readv", 270, "process_vm_writev", 271,
            "open_tree", 428, "move_mount", 429, "fsopen", 430, "fsconfig", 431, "fsmount", 432, "fspick", 433,
            "mount_setattr", 442, "syslog", 116, "settimeofday", 170, "clock_settime", 112, "lookup_dcookie", 18,
            "io_uring_setup", 425, "io_uring_enter", 426, "io_uring_register", 427),
            220, 435, 0);

    private final Arch arch;

    private SeccompFilter(Arch arch) {
        this.arch = arch;
    }

    /** The filter for a JVM {@code os.arch} value ({@code amd64}/{@code x86_64}, {@code aarch64}/{@code arm64}). */
    public static Optional<SeccompFilter> forArch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(new SeccompFilter(X86_64));
            case "aarch64", "arm64" -> Optional.of(new SeccompFilter(AARCH64));
            default -> Optional.empty();
        };
    }

    /** The filter for the architecture this JVM runs on. */
    public static Optional<SeccompFilter> forThisMachine() {
        return forArch(System.getProperty("os.arch", ""));
    }

    /** The architecture's name. */
    public String arch() {
        return arch.name();
    }

    /** The program as {@code struct sock_filter[]} bytes in the machine's (little-endian) byte order. */
    public byte[] program() {
        List<int[]> code = new ArrayList<>();
        // [0] arch check: anything else than the expected architecture is killed.
        code.add(insn(LD_W_ABS, 0, 0, OFFSET_ARCH));
        code.add(insn(JEQ_K, 1, 0, arch.auditArch()));
        code.add(insn(RET_K, 0, 0, RET_KILL_PROCESS));
        code.add(insn(LD_W_ABS, 0, 0, OFFSET_NR));
        if (arch.x32Bit() != 0) {
            // x32 ABI numbers have bit 30 set and share the x86-64 audit arch: refuse them all.
            code.add(insn(JGE_K, 0, 1, arch.x32Bit()));
            code.add(insn(RET_K, 0, 0, RET_KILL_PROCESS));
        }
        List<Integer> denied = DENIED.stream().map(arch.numbers()::get).toList();
        // One jump per denied number to the shared EPERM return at the end; offsets count from the next insn.
        int checks = denied.size();
        int tail = 6; // instructions between the last check and the EPERM return: clone3 (2), clone (3), allow
        for (int i = 0; i < checks; i++) {
            int toDeny = (checks - i - 1) + tail;
            code.add(insn(JEQ_K, toDeny, 0, denied.get(i)));
        }
        // clone3 -> ENOSYS
        code.add(insn(JEQ_K, 0, 1, arch.clone3Nr()));
        code.add(insn(RET_K, 0, 0, RET_ERRNO | ENOSYS));
        // clone with namespace flags -> EPERM
        code.add(insn(JEQ_K, 0, 2, arch.cloneNr()));
        code.add(insn(LD_W_ABS, 0, 0, OFFSET_ARG0_LOW));
        code.add(insn(JSET_K, 1, 0, CLONE_NAMESPACE_FLAGS));
        code.add(insn(RET_K, 0, 0, RET_ALLOW));
        code.add(insn(RET_K, 0, 0, RET_ERRNO | EPERM));
        ByteBuffer out = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] i : code) {
            out.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
        }
        return out.array();
    }

    private static int[] insn(short opcode, int jt, int jf, int k) {
        if (jt > 255 || jf > 255) {
            throw new IllegalStateException("BPF jump too far");
        }
        return new int[] {opcode, jt, jf, k};
    }

    private static Map<String, Integer> numbers(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        if (!map.keySet().containsAll(DENIED) || map.size() != DENIED.size()) {
            throw new IllegalStateException("syscall table does not match DENIED");
        }
        return Map.copyOf(map);
    }
}
