package com.wxqr.bench.ratelimit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app's own {@code com.wxqr.app.web.RateLimiter} (loaded from {@code app/target/classes}, as
 * {@code token.AppTokenStore} does) over its own migrations on the machine's PostgreSQL
 * (127.0.0.1:5432, database {@code test}, a fresh schema dropped at the end), one thread:
 * <ul>
 *   <li>baseline: {@code select 1} through the same pool and {@code JdbcClient} (one round trip);
 *   <li>write floor: a one-row {@code UPDATE} in autocommit (one round trip and one commit, the least any shared counter costs);
 *   <li>admitted: {@code tryAcquire} for one of 1,000 clients under a high limit (read + conditional update);
 *   <li>refused: {@code tryAcquire} for a client over its limit (read only).
 * </ul>
 * Rounds alternate the three so machine noise hits all alike; reported as µs per check (wall and
 * thread CPU) and as ratios to the baseline. Run:
 * {@code java -cp bench/target/wxqr-bench.jar com.wxqr.bench.ratelimit.RateLimitCost [checks-per-round] [rounds]}.
 */
public final class RateLimitCost {
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path classes = Path.of(System.getProperty("wxqr.app.classes", "app/target/classes"))
                .toAbsolutePath();
        if (!Files.isRegularFile(classes.resolve("com/wxqr/app/web/RateLimiter.class"))) {
            throw new IllegalStateException("the app's compiled classes are not at " + classes
                    + "; build them first (mvn -o -B -q -pl app -am package -DskipTests)");
        }
        String schema =
                "ratelimit_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PG_URL + "?currentSchema=" + schema);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Flyway.configure()
                    .dataSource(pool)
                    .schemas(schema)
                    .locations("filesystem:" + classes.resolve("db/migration"))
                    .load()
                    .migrate();
            ClassLoader loader =
                    new URLClassLoader(new URL[] {classes.toUri().toURL()}, RateLimitCost.class.getClassLoader());
            Class<?> limiterType = Class.forName("com.wxqr.app.web.RateLimiter", true, loader);
            Class<?> bucketType = Class.forName("com.wxqr.app.web.RateLimiter$Bucket", true, loader);
            Constructor<?> limiterNew = limiterType.getDeclaredConstructor(JdbcClient.class, Clock.class);
            limiterNew.setAccessible(true);
            JdbcClient jdbc = JdbcClient.create(pool);
            Object limiter = limiterNew.newInstance(jdbc, Clock.systemUTC());
            Constructor<?> bucketNew = bucketType.getConstructor(String.class, int.class, Duration.class);
            Object open = bucketNew.newInstance("open", 1_000_000_000, Duration.ofHours(1));
            Object full = bucketNew.newInstance("full", 1, Duration.ofHours(1));
            Method tryAcquire = limiterType.getMethod("tryAcquire", bucketType, String.class);
            tryAcquire.invoke(limiter, full, "over");

            jdbc.sql("create table write_floor (id int primary key, n int not null)")
                    .update();
            jdbc.sql("insert into write_floor values (1, 0)").update();
            Runnable baseline = () -> jdbc.sql("select 1").query(Integer.class).single();
            Runnable writeFloor = () ->
                    jdbc.sql("update write_floor set n = n + 1 where id = 1").update();
            int[] n = {0};
            Runnable admitted = () -> invoke(tryAcquire, limiter, open, "203.0.113." + (n[0]++ % 1000));
            Runnable refused = () -> invoke(tryAcquire, limiter, full, "over");
            for (int i = 0; i < perRound; i++) { // warm-up
                baseline.run();
                writeFloor.run();
                admitted.run();
                refused.run();
            }
            double[][] totals = new double[4][2];
            for (int r = 0; r < rounds; r++) {
                Runnable[] order = {baseline, writeFloor, admitted, refused};
                for (int k = 0; k < 4; k++) {
                    double[] t = time(order[k], perRound);
                    totals[k][0] += t[0] / rounds;
                    totals[k][1] += t[1] / rounds;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "PostgreSQL, 1 thread, %d rounds x %d checks (µs per check: wall / thread CPU)%n",
                    rounds,
                    perRound);
            String[] names = {"baseline: select 1", "write floor: update", "tryAcquire, admitted", "tryAcquire, refused"
            };
            for (int k = 0; k < 4; k++) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-22s %8.1f / %6.1f   x%.2f of select 1, x%.2f of the write floor (wall)%n",
                        names[k],
                        totals[k][0],
                        totals[k][1],
                        totals[k][0] / totals[0][0],
                        totals[k][0] / totals[1][0]);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static void invoke(Method method, Object target, Object bucket, String client) {
        try {
            if (!(Boolean) method.invoke(target, bucket, client)
                    && bucket.toString().contains("open")) {
                throw new IllegalStateException("an open bucket refused a hit");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** µs per run of {@code task}: wall clock and this thread's CPU time. */
    private static double[] time(Runnable task, int times) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            task.run();
        }
        return new double[] {
            (System.nanoTime() - start) / 1e3 / times, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / times
        };
    }
}
