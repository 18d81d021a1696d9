package dev.kumo.process.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cgroup layer on this machine's real hierarchy (v1 here; CI runs as root on a fresh Debian machine, so a
 * missing hierarchy is a failure, not a skip). Workers are plain shell processes.
 */
class CgroupsTest {

    private static final String BASH = "/bin/bash";
    private Cgroups cgroups;

    @BeforeEach
    void detect() {
        cgroups = switch (Cgroups.detect()) {
            case Cgroups.Detection.Found f -> f.cgroups();
            case Cgroups.Detection.Missing m -> fail("cgroups must be usable here (root, v1 or v2): " + m.reason());
        };
    }

    @AfterEach
    void close() {
        cgroups.close();
    }

    @Test
    void memoryBombIsKilledAndReportedAsOutOfMemory() throws Exception {
        try (Cgroup group = cgroups.create("membomb", CgroupLimits.forMemory(128, 64))) {
            // Doubles a string until the kernel's OOM killer stops it at the group's 128 MiB.
            Process p = start(group.wrap(List.of(BASH, "-c", "x=a; while :; do x=$x$x; done")));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the bomb ends").isTrue();
            assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            assertThat(group.oomKilled()).isTrue();
            assertThat(group.memoryPeak()).isPresent();
            assertThat(group.memoryPeak().getAsLong()).isGreaterThan(64L << 20).isLessThanOrEqualTo(128L << 20);
        }
    }

    @Test
    void aProcessWithinItsLimitIsNotReportedAsOutOfMemory() throws Exception {
        try (Cgroup group = cgroups.create("calm", CgroupLimits.forMemory(128))) {
            Process p = start(group.wrap(List.of(BASH, "-c", "x=$(head -c 1000000 /dev/zero | tr '\\0' a); echo ${#x}")));
            assertThat(output(p)).isEqualTo("1000000");
            assertThat(p.exitValue()).isZero();
            assertThat(group.oomKilled()).isFalse();
        }
    }

    @Test
    void pidsLimitStopsAForkBombAndKillAllEmptiesTheGroup() throws Exception {
        try (Cgroup group = cgroups.create("forkbomb", CgroupLimits.forMemory(256, 32))) {
            Process p = start(group.wrap(List.of(BASH, "-c", "b() { b | b & }; b; sleep 60")));
            await().atMost(Duration.ofSeconds(20)).until(() -> group.pids().size() >= 25);
            for (int i = 0; i < 20; i++) {
                assertThat(group.pids().size()).as("never past pids.max").isLessThanOrEqualTo(32);
            }
            assertThat(group.killAll()).isPositive();
            assertThat(group.pids()).isEmpty();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theCpuWeightCanChangeWhileTheGroupRuns() throws Exception {
        try (Cgroup group = cgroups.create("weight", CgroupLimits.forMemory(256))) {
            Path dir = ((DirectoryCgroup) group).dirs().stream()
                    .filter(d -> Files.exists(d.resolve("cpu.shares")) || Files.exists(d.resolve("cpu.weight")))
                    .findFirst().orElseThrow();
            boolean v1 = Files.exists(dir.resolve("cpu.shares"));
            Path file = dir.resolve(v1 ? "cpu.shares" : "cpu.weight");
            int small = CgroupLimits.forMemory(256).cpuShares();
            assertThat(Files.readString(file).strip()).isEqualTo(Integer.toString(v1 ? small
                    : CgroupLimits.forMemory(256).cpuWeight()));
            group.cpuShares(1024); // a pre-started worker boots at the default weight
            assertThat(Files.readString(file).strip()).isEqualTo(v1 ? "1024" : "100");
            group.cpuShares(small);
            assertThat(Files.readString(file).strip()).isEqualTo(Integer.toString(v1 ? small
                    : CgroupLimits.forMemory(256).cpuWeight()));
        }
    }

    @Test
    void childrenAreBornInsideTheGroupAndCloseRemovesIt() throws Exception {
        Cgroup group = cgroups.create("tree", CgroupLimits.forMemory(128));
        Process p = start(group.wrap(List.of(BASH, "-c", "sleep 60 & sleep 60 & echo started; wait")));
        assertThat(new String(p.getInputStream().readNBytes(8), StandardCharsets.UTF_8)).isEqualTo("started\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> group.pids().size() == 3);
        assertThat(group.pids()).contains(p.pid());
        List<Path> dirs = ((DirectoryCgroup) group).dirs();
        group.close();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dirs).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    @Test
    void limitsAreWrittenToTheControllers() {
        try (Cgroup group = cgroups.create("limits", CgroupLimits.forMemory(1769, 77))) {
            List<Path> dirs = ((DirectoryCgroup) group).dirs();
            if (cgroups instanceof CgroupsV1) {
                assertThat(read(dirs, "memory.limit_in_bytes")).isEqualTo(Long.toString(1769L << 20));
                assertThat(read(dirs, "cpu.shares")).isEqualTo("1024");
                assertThat(read(dirs, "pids.max")).isEqualTo("77");
            } else {
                assertThat(read(dirs, "memory.max")).isEqualTo(Long.toString(1769L << 20));
                assertThat(read(dirs, "cpu.weight")).isEqualTo("100");
                assertThat(read(dirs, "pids.max")).isEqualTo("77");
            }
        }
    }

    @Test
    void addMovesARunningProcessIn() throws Exception {
        try (Cgroup group = cgroups.create("adopt", CgroupLimits.forMemory(128))) {
            Process p = new ProcessBuilder(BASH, "-c", "sleep 60").start();
            group.add(p.pid());
            assertThat(group.pids()).containsExactly(p.pid());
            group.killAll();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void staleParentsOfDeadServersAreRemovedAtStart() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        List<Path> parents = ((DirectoryCgroup) cgroups.create("probe", CgroupLimits.forMemory(64))).dirs().stream()
                .map(d -> d.getParent().getParent()).distinct().toList();
        for (Path parent : parents) {
            Files.createDirectories(parent.resolve("kumo-" + gone.pid() + "-abc").resolve("left-over"));
        }
        Cgroups second = ((Cgroups.Detection.Found) Cgroups.detect()).cgroups();
        try {
            for (Path parent : parents) {
                assertThat(parent.resolve("kumo-" + gone.pid() + "-abc")).doesNotExist();
            }
        } finally {
            second.close();
        }
    }

    private static String read(List<Path> dirs, String file) {
        return dirs.stream().map(d -> d.resolve(file)).filter(Files::exists).findFirst()
                .flatMap(CgroupFs::read).orElseThrow().strip();
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
