package com.wxqr.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CPU accounting of the cluster bench over a fake {@code /proc}; no timing. */
class ProcessCpuTest {

    @TempDir
    Path proc;

    @Test
    void utimePlusStimeIsReadAfterTheNameWhateverTheNameHolds() {
        String stat = "4242 (java) S (x) 1) S 1 4242 4242 0 -1 4194560 512 0 0 0 130 27 0 0 20 0 31 0 1000 0 0";

        assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(157);
        assertThatThrownBy(() -> ProcessCpu.ticksOf("4242 java S 1")).hasMessageContaining("stat");
    }

    @Test
    void aWindowCountsEachKindsGrowthAProcessStartedInItInFullAndOneEndedInItAsEnded() throws IOException {
        ProcessCpu cpu = new ProcessCpu(proc, 100);
        write(10, "java", 200, 50, "java -jar wxqr-app.jar");
        write(11, "java", 100, 0, "java -jar wxqr-app.jar");
        write(20, "postgres", 30, 10, "postgres: 15/main: postgres wxqr_cluster_a 127.0.0.1(5000) idle");
        write(21, "postgres", 5, 5, "postgres: 15/main: postgres other_db 127.0.0.1(5001) idle");
        Map<String, List<Long>> pids =
                Map.of("app", List.of(10L, 11L), "postgres", cpu.find(line -> line.contains(" wxqr_cluster_a ")));
        assertThat(pids.get("postgres")).containsExactly(20L);
        ProcessCpu.Sample before = cpu.sample(pids);

        write(10, "java", 300, 70, "java -jar wxqr-app.jar"); // +120 ticks
        Files.delete(proc.resolve("11/stat")); // ended
        write(20, "postgres", 40, 10, "postgres: 15/main: postgres wxqr_cluster_a 127.0.0.1(5000) idle"); // +10
        write(22, "postgres", 3, 2, "postgres: 15/main: postgres wxqr_cluster_a 127.0.0.1(5002) idle"); // new: 5
        ProcessCpu.Sample after = cpu.sample(
                Map.of("app", List.of(10L, 11L), "postgres", cpu.find(line -> line.contains(" wxqr_cluster_a "))));

        ProcessCpu.Usage usage = cpu.between(before, after);
        assertThat(usage.byKind())
                .containsEntry("app", Duration.ofMillis(1200))
                .containsEntry("postgres", Duration.ofMillis(150));
        assertThat(usage.total()).isEqualTo(Duration.ofMillis(1350));
        assertThat(usage.ended()).isEqualTo(1);
    }

    private void write(long pid, String name, long utime, long stime, String commandLine) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(
                dir.resolve("stat"),
                pid + " (" + name + ") S 1 " + pid + " " + pid + " 0 -1 4194560 512 0 0 0 " + utime + " " + stime
                        + " 0 0 20 0 31 0 1000 0 0\n");
        Files.writeString(dir.resolve("cmdline"), commandLine.replace(' ', '\0') + "\0");
    }
}
