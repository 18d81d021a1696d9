package dev.kumo.process.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated BPF program in a small interpreter of the instructions it uses, for every denied system
 * call and the clone cases (the real kernel check is in {@link SandboxTest}).
 */
class SeccompFilterTest {

    private static final int ALLOW = 0x7fff0000;
    private static final int EPERM = 0x00050001;
    private static final int ENOSYS = 0x00050026;
    private static final int KILL = 0x80000000;

    @Test
    void deniesEachListedCallOnBothArchitecturesAndAllowsOthers() {
        for (SeccompFilter.Arch arch : new SeccompFilter.Arch[] {SeccompFilter.X86_64, SeccompFilter.AARCH64}) {
            byte[] program = SeccompFilter.forArch(arch.name()).orElseThrow().program();
            assertThat(program.length % 8).isZero();
            for (String call : SeccompFilter.DENIED) {
                assertThat(run(program, arch.auditArch(), arch.numbers().get(call), 0)).as(arch.name() + " " + call)
                        .isEqualTo(EPERM);
            }
            assertThat(run(program, arch.auditArch(), 0, 0)).as("read/io_setup").isEqualTo(ALLOW);
            assertThat(run(program, arch.auditArch(), 63, 0)).isEqualTo(ALLOW);
            assertThat(run(program, arch.auditArch(), arch.clone3Nr(), 0)).isEqualTo(ENOSYS);
            assertThat(run(program, arch.auditArch(), arch.cloneNr(), 0x003d0f00)).as("pthread_create's flags")
                    .isEqualTo(ALLOW);
            assertThat(run(program, arch.auditArch(), arch.cloneNr(), 0x10000000 | 17)).as("CLONE_NEWUSER")
                    .isEqualTo(EPERM);
            assertThat(run(program, arch.auditArch(), arch.cloneNr(), 0x40000000)).as("CLONE_NEWNET").isEqualTo(EPERM);
            assertThat(run(program, 0x40000003, 1, 0)).as("i386 calls").isEqualTo(KILL);
        }
        byte[] x86 = SeccompFilter.forArch("amd64").orElseThrow().program();
        assertThat(run(x86, SeccompFilter.X86_64.auditArch(), 0x40000000 | 101, 0)).as("x32 ptrace").isEqualTo(KILL);
        assertThat(SeccompFilter.forArch("s390x")).isEmpty();
    }

    /** Interprets ld [abs], jeq, jge, jset and ret over a seccomp_data of (nr, arch, arg0). */
    private static int run(byte[] program, int arch, int nr, int arg0) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int acc = 0;
        int pc = 0;
        for (int steps = 0; steps < 1000; steps++) {
            int at = pc * 8;
            int op = code.getShort(at) & 0xffff;
            int jt = code.get(at + 2) & 0xff;
            int jf = code.get(at + 3) & 0xff;
            int k = code.getInt(at + 4);
            pc++;
            switch (op) {
                case 0x20 -> acc = switch (k) {
                    case 0 -> nr;
                    case 4 -> arch;
                    case 16 -> arg0;
                    default -> throw new AssertionError("unexpected load offset " + k);
                };
                case 0x15 -> pc += acc == k ? jt : jf;
                case 0x35 -> pc += Integer.compareUnsigned(acc, k) >= 0 ? jt : jf;
                case 0x45 -> pc += (acc & k) != 0 ? jt : jf;
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected opcode " + op);
            }
        }
        throw new AssertionError("program does not end");
    }
}
