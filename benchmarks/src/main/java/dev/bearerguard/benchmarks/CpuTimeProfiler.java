package dev.bearerguard.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the benchmark JVM's CPU time per operation ({@code ·cpu.ns/op}), which a shared, noisy
 * machine disturbs far less than wall-clock time: time the benchmark thread spends descheduled is
 * not counted. It counts every thread of the forked JVM (GC and JIT included: they are part of
 * the cost), over every operation the iteration ran. {@code openssl speed} likewise divides by CPU
 * (user) time unless told {@code -elapsed}, so the two compare.
 *
 * <p>Use with {@code -prof dev.bearerguard.benchmarks.CpuTimeProfiler}. Not thread-safe (JMH calls
 * it from one thread).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long start;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - start;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult("·cpu", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }
}
