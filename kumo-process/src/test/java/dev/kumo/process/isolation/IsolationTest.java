package dev.kumo.process.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.Tier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Availability with injected probes: each missing piece makes the sandbox tier unavailable with its reason. */
class IsolationTest {

    @TempDir
    Path work;

    private static final Cgroups.Detection NO_CGROUPS = new Cgroups.Detection.Missing("no cgroup mount");
    private static final Function<String, Optional<Path>> ALL_TOOLS = name -> Optional.of(Path.of("/usr/bin", name));

    @Test
    void withoutCgroupsTheProcessTierRunsUnlimitedAndTheSandboxTierSaysWhy() {
        Isolation isolation = Isolation.detect(work, new IsolationProbes(() -> NO_CGROUPS, ALL_TOOLS, true, "amd64"));

        assertThat(isolation.availability(Tier.PROCESS).available()).isTrue();
        assertThat(isolation.availability(Tier.PROCESS).describe()).contains("no resource limits", "no cgroup mount");
        assertThat(isolation.availability(Tier.SANDBOX))
                .isEqualTo(new Availability.Unavailable("the sandbox tier needs cgroups: no cgroup mount"));
        Confinement plain = isolation.confine(LaunchRequest.process("f", List.of("/bin/true"), CgroupLimits.forMemory(128),
                work));
        assertThat(plain.command()).containsExactly("/bin/true");
        assertThat(plain.cgroup()).isEmpty();
        assertThat(plain.oomKilled()).isFalse();
    }

    @Test
    void eachMissingToolIsNamed() {
        assertThat(reason(true, "amd64", "bwrap")).contains("bubblewrap", "apt-get install bubblewrap");
        assertThat(reason(true, "amd64", "setpriv")).contains("setpriv");
        assertThat(reason(true, "amd64", "ip")).contains("iproute2");
        assertThat(reason(false, "amd64", "none")).contains("root");
        assertThat(reason(true, "riscv64", "none")).contains("riscv64");
    }

    @Test
    void anUnavailableSandboxRefusesNetworksAndLaunches() {
        Isolation isolation = Isolation.detect(work, new IsolationProbes(() -> NO_CGROUPS, ALL_TOOLS, false, "amd64"));
        LaunchRequest sandboxed = new LaunchRequest("f", Tier.SANDBOX, List.of("/bin/true"), CgroupLimits.forMemory(128),
                work, List.of(), FunctionNetwork.host());

        assertThatThrownBy(() -> isolation.network(NetworkPolicy.NONE)).isInstanceOf(IsolationException.class)
                .hasMessageContaining("root");
        assertThatThrownBy(() -> isolation.confine(sandboxed)).isInstanceOf(IsolationException.class)
                .hasMessageContaining("sandbox tier is unavailable");
        assertThat(isolation.availability(Tier.SHARED).available()).isFalse();
    }

    /** The sandbox tier's reason with cgroups present (a fake v2 tree) and {@code missing} not found. */
    private String reason(boolean root, String arch, String missing) {
        Cgroups fake = new Cgroups() {
            @Override
            public Cgroup create(String name, CgroupLimits limits) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe() {
                return "fake";
            }

            @Override
            public void close() {}
        };
        Function<String, Optional<Path>> tools = name -> name.equals(missing) ? Optional.empty() : ALL_TOOLS.apply(name);
        Isolation isolation = Isolation.detect(work,
                new IsolationProbes(() -> new Cgroups.Detection.Found(fake), tools, root, arch));
        Availability a = isolation.availability(Tier.SANDBOX);
        assertThat(a.available()).isFalse();
        return a.describe();
    }
}
