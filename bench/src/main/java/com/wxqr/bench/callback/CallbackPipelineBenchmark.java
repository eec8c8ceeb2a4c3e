package com.wxqr.bench.callback;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One safe-mode push in, one encrypted and signed one-article news reply out: ours against
 * WxJava 4.7.0 on the same 64 pushes, rotated per thread, at 1 and 2 threads. JMH reports the
 * total of all threads; divide by the thread count for the per-thread figure.
 *
 * <p>The warm-up is long on purpose: WxJava's path (Xerces DOM, XStream reflection) needs 15–20 s
 * of full load before C2 has compiled it (ours is steady after about 2 s); measuring earlier would
 * flatter us.
 *
 * <p>Run: {@code java -jar bench/target/wxqr-bench.jar CallbackPipeline -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
public class CallbackPipelineBenchmark extends CallbackBenchmark {

    /** The inputs and both pipelines, shared by all threads (both are thread-safe). */
    @State(Scope.Benchmark)
    public static class Pipelines {
        List<WirePush> pushes;
        OurPipeline ours;
        WxJavaPipeline wxJava;

        @Setup(Level.Trial)
        public void setUp() {
            pushes = SafeModePushes.build(PUSHES);
            ours = new OurPipeline();
            wxJava = new WxJavaPipeline();
            new CrossCheck().verify(pushes, ours, wxJava);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            wxJava.close();
        }
    }

    @Benchmark
    @Threads(1)
    public String ours1Thread(Pipelines p) {
        return p.ours.handle(p.pushes.get(nextPush()));
    }

    @Benchmark
    @Threads(1)
    public String wxJava1Thread(Pipelines p) {
        return p.wxJava.handle(p.pushes.get(nextPush()));
    }

    @Benchmark
    @Threads(2)
    public String ours2Threads(Pipelines p) {
        return p.ours.handle(p.pushes.get(nextPush()));
    }

    @Benchmark
    @Threads(2)
    public String wxJava2Threads(Pipelines p) {
        return p.wxJava.handle(p.pushes.get(nextPush()));
    }
}
