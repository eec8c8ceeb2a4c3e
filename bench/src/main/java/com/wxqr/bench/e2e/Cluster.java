package com.wxqr.bench.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster started by {@code deploy/cluster-demo} on loopback, on free ports: the standalone emulator, a
 * fresh PostgreSQL database, N app instances and nginx round robin in front, as its {@code cluster:} lines
 * describe it. {@link #close()} sends the script SIGTERM, on which it stops what it started and drops its
 * database.
 */
final class Cluster implements AutoCloseable {

    private static final Pattern INSTANCE =
            Pattern.compile("cluster: instance (\\d+) (\\d+) (http://\\S+) (http://\\S+)");
    private static final Pattern DATABASE = Pattern.compile("cluster: database (\\w+) on .*");

    /** One app instance: its number, process id and direct address. */
    record Instance(int number, long pid, URI url) {}

    private final Process script;
    private final List<String> output;
    private final URI site;
    private final URI emulator;
    private final String appId;
    private final String database;
    private final Path accessLog;
    private final List<Instance> instances;

    private Cluster(Process script, List<String> output) {
        this.script = script;
        this.output = output;
        URI site = null;
        URI emulator = null;
        String appId = null;
        String database = null;
        Path accessLog = null;
        List<Instance> instances = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith("cluster: site ")) {
                site = URI.create(line.substring("cluster: site ".length()));
            } else if (line.startsWith("cluster: emulator ")) {
                emulator = URI.create(line.substring("cluster: emulator ".length()));
            } else if (line.startsWith("cluster: account ")) {
                appId = line.substring("cluster: account ".length());
            } else if (line.startsWith("cluster: nginx-access-log ")) {
                accessLog = Path.of(line.substring("cluster: nginx-access-log ".length()));
            }
            Matcher m = DATABASE.matcher(line);
            if (m.matches()) {
                database = m.group(1);
            }
            m = INSTANCE.matcher(line);
            if (m.matches()) {
                instances.add(
                        new Instance(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), URI.create(m.group(3))));
            }
        }
        if (site == null || emulator == null || appId == null || database == null || accessLog == null) {
            throw new IllegalStateException(
                    "deploy/cluster-demo's 'cluster:' lines lack the site, emulator, account, database or access log:\n"
                            + String.join("\n", output));
        }
        this.site = site;
        this.emulator = emulator;
        this.appId = appId;
        this.database = database;
        this.accessLog = accessLog;
        this.instances = List.copyOf(instances);
    }

    /**
     * Runs {@code deploy/cluster-demo} under {@code root} with every port chosen free and waits until it
     * prints {@code cluster: ready}.
     *
     * @param environment added to the script's environment (the instances inherit it: {@code JAVA_OPTS},
     *                    {@code WXQR_*} settings)
     * @throws IllegalStateException when the script exits or is not ready in {@code timeout}, with its output
     */
    static Cluster start(
            Path root, int instances, List<String> options, Map<String, String> environment, Duration timeout)
            throws InterruptedException, java.io.IOException {
        List<String> command = new ArrayList<>(List.of(
                root.resolve("deploy/cluster-demo").toString(),
                "--instances=" + instances,
                "--port=0",
                "--emulator-port=0",
                "--first-instance-port=0"));
        command.addAll(options);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process script = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(
                () -> {
                    try {
                        out.lines().forEach(output::add);
                    } catch (UncheckedIOException e) {
                        // the script has exited and closed its output
                    }
                },
                "cluster-demo output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.contains("cluster: ready")) {
            if (!script.isAlive() || System.nanoTime() > deadline) {
                stop(script);
                throw new IllegalStateException("deploy/cluster-demo --instances=" + instances
                        + " did not get ready in " + timeout + " (nginx, PostgreSQL and the built jars are needed):\n"
                        + String.join("\n", output));
            }
            Thread.sleep(200);
        }
        Cluster cluster = new Cluster(script, output);
        if (cluster.instances.size() != instances) {
            cluster.close();
            throw new IllegalStateException("deploy/cluster-demo started " + cluster.instances.size()
                    + " instances, not " + instances + ":\n" + String.join("\n", output));
        }
        return cluster;
    }

    URI site() {
        return site;
    }

    URI emulator() {
        return emulator;
    }

    String appId() {
        return appId;
    }

    String database() {
        return database;
    }

    Path accessLog() {
        return accessLog;
    }

    List<Instance> instances() {
        return instances;
    }

    /**
     * The cluster's processes by kind, as of now: {@code app} (the instances), {@code emulator}, {@code nginx}
     * (master and workers, both started by the script) and {@code postgres} (the server processes serving
     * this cluster's database; the server's shared background processes are not counted).
     */
    Map<String, List<Long>> processes(ProcessCpu cpu) {
        List<Long> emulatorPids = new ArrayList<>();
        List<Long> nginxPids = new ArrayList<>();
        script.descendants()
                .forEach(p -> cpu.commandLine(p.pid()).ifPresent(line -> {
                    if (line.contains("wxqr-emulator.jar")) {
                        emulatorPids.add(p.pid());
                    } else if (line.startsWith("nginx")) {
                        nginxPids.add(p.pid());
                    }
                }));
        String backend = " " + database + " ";
        Map<String, List<Long>> kinds = new LinkedHashMap<>();
        kinds.put("app", instances.stream().map(Instance::pid).toList());
        kinds.put("emulator", emulatorPids);
        kinds.put("nginx", nginxPids);
        kinds.put("postgres", cpu.find(line -> line.startsWith("postgres: ") && line.contains(backend)));
        if (emulatorPids.size() != 1 || nginxPids.isEmpty()) {
            throw new IllegalStateException("the emulator or nginx is not among the script's processes: " + kinds);
        }
        return kinds;
    }

    @Override
    public void close() throws InterruptedException {
        stop(script);
    }

    private static void stop(Process script) throws InterruptedException {
        List<ProcessHandle> started = script.descendants().toList();
        script.destroy(); // SIGTERM: the script stops what it started and drops its database
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            script.destroyForcibly();
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return String.join("\n", output);
    }
}
