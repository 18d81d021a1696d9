package dev.kumo.process.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection and the v2 backend against fake cgroup trees (this machine only has v1 controllers to test with). */
class CgroupDetectorTest {

    @TempDir
    Path tmp;

    @Test
    void prefersV1WhenAllThreeControllersAreMountedThereAndNestsBelowTheOwnGroup() throws Exception {
        Path root = tmp.resolve("cg");
        for (String c : List.of("memory", "cpu,cpuacct", "pids")) {
            Files.createDirectories(root.resolve(c).resolve("svc"));
        }
        Path mountinfo = write("mountinfo", String.join("\n",
                "30 20 0:26 / " + root.resolve("memory") + " rw,relatime shared:9 - cgroup cgroup rw,memory",
                "31 20 0:27 / " + root.resolve("cpu,cpuacct") + " rw,relatime - cgroup cgroup rw,cpu,cpuacct",
                "32 20 0:28 / " + root.resolve("pids") + " rw,relatime - cgroup cgroup rw,pids",
                "33 20 0:29 / " + root.resolve("unified") + " rw,relatime - cgroup2 cgroup2 rw"));
        Path self = write("cgroup", "5:memory:/svc\n4:cpu,cpuacct:/svc\n3:pids:/svc\n0::/\n");

        Cgroups.Detection d = CgroupDetector.detect(mountinfo, self, 4242);

        assertThat(d).isInstanceOf(Cgroups.Detection.Found.class);
        Cgroups cgroups = ((Cgroups.Detection.Found) d).cgroups();
        assertThat(cgroups).isInstanceOf(CgroupsV1.class);
        assertThat(cgroups.describe()).contains(root.resolve("memory").resolve("svc").resolve("kumo-4242-").toString());
        assertThat(Files.list(root.resolve("cpu,cpuacct").resolve("svc")).toList())
                .singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("kumo-4242-"));
    }

    @Test
    void usesTheUnifiedHierarchyAndWritesV2Files() throws Exception {
        Path root = tmp.resolve("unified");
        Path own = Files.createDirectories(root.resolve("kumo.service"));
        Files.writeString(own.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(own.resolve("cgroup.subtree_control"), "cpu memory pids\n");
        Path mountinfo = write("mountinfo", "25 20 0:24 / " + root + " rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
        Path self = write("cgroup", "0::/kumo.service\n");

        Cgroups cgroups = ((Cgroups.Detection.Found) CgroupDetector.detect(mountinfo, self, 7)).cgroups();
        assertThat(cgroups).isInstanceOf(CgroupsV2.class);
        Cgroup group = cgroups.create("fn-1", new CgroupLimits(256L << 20, 2048, 99));
        Path dir = ((DirectoryCgroup) group).dirs().getFirst();

        assertThat(dir.getParent().getParent()).isEqualTo(own);
        assertThat(Files.readString(dir.getParent().resolve("cgroup.subtree_control"))).isEqualTo("+memory +cpu +pids");
        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(256L << 20));
        assertThat(Files.readString(dir.resolve("cpu.weight"))).isEqualTo("200");
        assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo("99");
        assertThat(group.wrap(List.of("/bin/true"))).contains(dir.resolve("cgroup.procs").toString());

        assertThat(group.oomKilled()).isFalse();
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");
        Files.writeString(dir.resolve("memory.peak"), "134217728\n");
        assertThat(group.oomKilled()).isTrue();
        assertThat(group.memoryPeak()).hasValue(134_217_728L);
    }

    @Test
    void fallsBackToTheRootGroupWhenTheOwnGroupCannotDelegate() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("unified"));
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "cpu memory pids\n");
        Path own = Files.createDirectories(root.resolve("system.slice").resolve("ci.service"));
        Files.writeString(own.resolve("cgroup.controllers"), "cpu memory pids\n");
        // A group with processes refuses "+memory" in its subtree_control (EBUSY); a directory here plays that.
        Files.createDirectories(own.resolve("cgroup.subtree_control"));
        Path mountinfo = write("mountinfo", "25 20 0:24 / " + root + " rw - cgroup2 cgroup2 rw\n");
        Path self = write("cgroup", "0::/system.slice/ci.service\n");

        Cgroups cgroups = ((Cgroups.Detection.Found) CgroupDetector.detect(mountinfo, self, 9)).cgroups();

        assertThat(cgroups.describe()).contains(root.resolve("kumo-9-").toString());
    }

    @Test
    void explainsWhatIsMissing() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("unified"));
        Files.writeString(root.resolve("cgroup.controllers"), "hugetlb\n");
        Path mountinfo = write("mountinfo", "25 20 0:24 / " + root + " rw - cgroup2 cgroup2 rw\n");
        Path self = write("cgroup", "0::/\n");

        Cgroups.Detection d = CgroupDetector.detect(mountinfo, self, 7);

        assertThat(d).isInstanceOfSatisfying(Cgroups.Detection.Missing.class,
                m -> assertThat(m.reason()).contains("hugetlb").contains("memory, cpu and pids"));
        assertThat(CgroupDetector.detect(tmp.resolve("none"), self, 7))
                .isInstanceOfSatisfying(Cgroups.Detection.Missing.class,
                        m -> assertThat(m.reason()).contains("cannot read the cgroup mounts"));
    }

    @Test
    void limitsFollowLambdasMemoryToCpuRatio() {
        assertThat(CgroupLimits.forMemory(1769).cpuShares()).isEqualTo(1024);
        assertThat(CgroupLimits.forMemory(128).cpuShares()).isEqualTo(74);
        assertThat(CgroupLimits.forMemory(3538).cpuWeight()).isEqualTo(200);
        assertThat(CgroupLimits.forMemory(128).pidsMax()).isEqualTo(CgroupLimits.DEFAULT_PIDS_MAX);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }
}
