package com.wxqr.app.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster started by {@code deploy/cluster-demo} on loopback, on free ports: the standalone emulator, a
 * fresh PostgreSQL database, N app instances and nginx round robin in front, as the script's {@code cluster:}
 * lines describe it. Used by the app's {@code ClusterIT} and the bench's {@code ClusterJourneys} (the app's
 * test-jar holds this package only). {@link #close()} sends the script SIGTERM, on which it stops what it
 * started and drops its database.
 *
 * @param script the running script; its descendants are the cluster's processes
 * @param output the script's output so far (it keeps growing while the script runs)
 * @param database the name of the cluster's PostgreSQL database
 * @param accessLog nginx's access log, one line per request with the upstream that served it
 */
public record ClusterDemo(
        Process script,
        List<String> output,
        URI site,
        URI emulator,
        String appId,
        String database,
        Path accessLog,
        List<Instance> instances)
        implements AutoCloseable {

    private static final Pattern INSTANCE =
            Pattern.compile("cluster: instance (\\d+) (\\d+) (http://\\S+) (http://\\S+)");
    private static final Pattern DATABASE = Pattern.compile("cluster: database (\\w+) on .*");

    /** One app instance: its number (from 1), process id and direct address. */
    public record Instance(int number, long pid, URI url) {}

    /** @throws IllegalStateException when the {@code cluster:} lines lacked one of the addresses or names */
    public ClusterDemo {
        if (site == null || emulator == null || appId == null || database == null || accessLog == null) {
            throw new IllegalStateException(
                    "deploy/cluster-demo's 'cluster:' lines lack the site, emulator, account, database or access log:\n"
                            + String.join("\n", output));
        }
        instances = List.copyOf(instances);
    }

    /**
     * Runs {@code deploy/cluster-demo} under {@code root} with every port chosen free and waits until it prints
     * {@code cluster: ready}.
     *
     * @param options added to the script's arguments (e.g. {@code --qr-rate-limit=N})
     * @param environment added to the script's environment (the instances inherit it: {@code JAVA_OPTS},
     *     {@code WXQR_*} settings, {@code PG*} for the database server)
     * @throws IllegalStateException when the script exits, is not ready in {@code timeout} or starts another
     *     number of instances, with its output
     */
    public static ClusterDemo start(
            Path root, int instances, List<String> options, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
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
        ClusterDemo cluster;
        try {
            cluster = described(script, output);
        } catch (RuntimeException e) {
            stop(script);
            throw e;
        }
        if (cluster.instances().size() != instances) {
            cluster.close();
            throw new IllegalStateException("deploy/cluster-demo started "
                    + cluster.instances().size() + " instances, not " + instances + ":\n" + String.join("\n", output));
        }
        return cluster;
    }

    /** The cluster as the script's {@code cluster:} lines describe it. */
    private static ClusterDemo described(Process script, List<String> output) {
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
        return new ClusterDemo(script, output, site, emulator, appId, database, accessLog, instances);
    }

    /** Waits up to a minute for the script to stop what it started, then kills what is left. */
    @Override
    public void close() {
        stop(script);
    }

    private static void stop(Process script) {
        List<ProcessHandle> started = script.descendants().toList();
        script.destroy(); // SIGTERM: the script stops what it started and drops its database
        try {
            if (!script.waitFor(60, TimeUnit.SECONDS)) {
                script.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // no more waiting: kill it all now
            script.destroyForcibly();
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The script's output so far, one line each. */
    @Override
    public String toString() {
        return String.join("\n", output);
    }
}
