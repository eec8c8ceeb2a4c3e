package com.wxqr.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * CPU time (user + system, all threads) of Linux processes, read from {@code /proc/<pid>/stat}, grouped by
 * kind ("app", "postgres", ...) and compared between two moments. Other processes' work on the machine does
 * not move it: time spent waiting for a core is not counted.
 */
final class ProcessCpu {

    private final Path proc;
    private final long ticksPerSecond;

    ProcessCpu(Path proc, long ticksPerSecond) {
        if (ticksPerSecond <= 0) {
            throw new IllegalArgumentException("ticksPerSecond must be positive: " + ticksPerSecond);
        }
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** This machine's {@code /proc}, with the clock-tick rate from {@code getconf CLK_TCK}. */
    static ProcessCpu linux() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (getconf.waitFor() != 0 || !out.matches("[0-9]+")) {
            throw new IOException("getconf CLK_TCK gave no tick rate: '" + out + "'");
        }
        return new ProcessCpu(Path.of("/proc"), Long.parseLong(out));
    }

    /** utime + stime in clock ticks from the text of a {@code stat} file (the name in parentheses may hold anything). */
    static long ticksOf(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        // after the name: state (field 3), ppid, ..., utime (field 14), stime (field 15)
        String[] fields = stat.substring(close + 1).strip().split(" +");
        if (fields.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + stat);
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The process's CPU time in ticks; empty when it has ended. */
    OptionalLong ticks(long pid) {
        return read(pid, "stat").map(stat -> OptionalLong.of(ticksOf(stat))).orElse(OptionalLong.empty());
    }

    /** The process's command line, its arguments separated by spaces; empty when it has ended. */
    Optional<String> commandLine(long pid) {
        return read(pid, "cmdline").map(s -> s.replace('\0', ' ').strip());
    }

    /** The processes whose command line passes {@code test}, from a scan of every process. */
    List<Long> find(Predicate<String> test) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (commandLine(pid).filter(test).isPresent()) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    private Optional<String> read(long pid, String file) {
        try {
            return Optional.of(
                    Files.readString(proc.resolve(Long.toString(pid)).resolve(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // ended
        } catch (IOException e) {
            if (Files.exists(proc.resolve(Long.toString(pid)))) {
                throw new UncheckedIOException(e);
            }
            return Optional.empty(); // ended while being read
        }
    }

    /** The CPU ticks of each named process at one moment, by kind; processes already ended are left out. */
    Sample sample(Map<String, ? extends Collection<Long>> pidsByKind) {
        Map<String, Map<Long, Long>> ticks = new LinkedHashMap<>();
        pidsByKind.forEach((kind, pids) -> {
            Map<Long, Long> byPid = new HashMap<>();
            for (long pid : pids) {
                ticks(pid).ifPresent(t -> byPid.put(pid, t));
            }
            ticks.put(kind, byPid);
        });
        return new Sample(ticks);
    }

    /** CPU ticks per process, by kind, at one moment. */
    record Sample(Map<String, Map<Long, Long>> ticks) {}

    /**
     * CPU time used between two samples, by kind (in the later sample's kinds and order).
     *
     * @param byKind CPU time per kind; a process seen only in the later sample started in between and
     *               counts in full
     * @param ended  processes seen only in the earlier sample: they ended in between, and their CPU time
     *               after the earlier sample is missing from {@code byKind}
     */
    record Usage(Map<String, Duration> byKind, int ended) {
        Duration total() {
            return byKind.values().stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    Usage between(Sample earlier, Sample later) {
        Map<String, Duration> byKind = new LinkedHashMap<>();
        int ended = 0;
        for (Map.Entry<String, Map<Long, Long>> kind : later.ticks().entrySet()) {
            Map<Long, Long> before = earlier.ticks().getOrDefault(kind.getKey(), Map.of());
            long ticks = 0;
            for (Map.Entry<Long, Long> process : kind.getValue().entrySet()) {
                ticks += process.getValue() - before.getOrDefault(process.getKey(), 0L);
            }
            for (Long pid : before.keySet()) {
                if (!kind.getValue().containsKey(pid)) {
                    ended++;
                }
            }
            byKind.put(kind.getKey(), Duration.ofNanos(ticks * 1_000_000_000L / ticksPerSecond));
        }
        return new Usage(byKind, ended);
    }
}
