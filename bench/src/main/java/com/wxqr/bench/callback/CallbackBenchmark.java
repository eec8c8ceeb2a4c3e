package com.wxqr.bench.callback;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the callback benchmarks share (JMH inherits these annotations): one fork with a fixed 1 GiB heap, and
 * the same {@value #PUSHES} safe-mode pushes, which each thread walks in turn from the first.
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class CallbackBenchmark {

    /** How many distinct pushes a run rotates through; a power of two. */
    static final int PUSHES = 64;

    private int next;

    /** The index of this thread's next push: 0, 1, …, {@value #PUSHES} − 1, 0, … */
    final int nextPush() {
        int i = next;
        next = (i + 1) & (PUSHES - 1);
        return i;
    }
}
