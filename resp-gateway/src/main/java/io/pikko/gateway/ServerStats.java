package io.pikko.gateway;

import io.pikko.protocol.CommandFlag;
import io.pikko.protocol.CommandTable;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters for INFO stats and commandstats, shared by all connections of the node. */
public final class ServerStats {
    /** Calls, time and failures of one command. */
    public static final class CommandStat {
        /** Whether the command may change data: each such call that does not fail counts as a change. */
        final boolean write;
        final boolean fast;
        /** LATENCY HISTOGRAM's buckets: calls that took at most 2^i microseconds and more than half that. */
        final LongAdder[] histogram = new LongAdder[HISTOGRAM_BUCKETS];
        final LongAdder calls = new LongAdder();
        final LongAdder micros = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder rejected = new LongAdder();

        CommandStat(String name) {
            write = CommandTable.lookup(name).map(spec -> spec.hasFlag(CommandFlag.WRITE)).orElse(false);
            fast = CommandTable.lookup(name).map(spec -> spec.hasFlag(CommandFlag.FAST)).orElse(false);
            for (int i = 0; i < histogram.length; i++) {
                histogram[i] = new LongAdder();
            }
        }

        /** Cumulative calls up to each bucket's bound in microseconds, buckets that got calls only. */
        Map<Long, Long> cumulativeHistogram() {
            Map<Long, Long> out = new java.util.LinkedHashMap<>();
            long total = 0;
            for (int i = 0; i < histogram.length; i++) {
                long n = histogram[i].sum();
                total += n;
                if (n > 0) {
                    out.put(1L << i, total);
                }
            }
            return out;
        }
    }

    /** Told of every answered command, as it is counted here; the node's metrics listen. */
    public interface CommandListener {
        void commandDone(String name, long micros, boolean failed);
    }

    private static final int HISTOGRAM_BUCKETS = 40;
    private static final CommandListener NO_LISTENER = (name, micros, failed) -> {};

    private final long startMillis = System.currentTimeMillis();
    private final String runId = randomHex();
    private final String replicationId = randomHex();
    private final LongAdder changes = new LongAdder();
    private final LatencyMonitor latency = new LatencyMonitor();
    private volatile boolean latencyTracking = true;
    private final LongAdder connectionsReceived = new LongAdder();
    private final LongAdder rejectedConnections = new LongAdder();
    /** Frames the RESP decoder refused; for metrics, so CONFIG RESETSTAT leaves it. */
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder commandsProcessed = new LongAdder();
    private final Map<String, CommandStat> commands = new ConcurrentHashMap<>();
    private volatile CommandListener listener = NO_LISTENER;
    private volatile long opsWindowStart = System.nanoTime();
    private volatile long opsWindowCount;
    private volatile long instantaneousOps;

    public long startMillis() {
        return startMillis;
    }

    void connectionAccepted() {
        connectionsReceived.increment();
    }

    void connectionRejected() {
        rejectedConnections.increment();
    }

    void protocolError() {
        protocolErrors.increment();
    }

    /** Connections closed since the start because the client sent a frame the RESP decoder refused. */
    public long protocolErrors() {
        return protocolErrors.sum();
    }

    public void listen(CommandListener listener) {
        this.listener = listener;
    }

    void commandDone(String name, long micros, boolean failed) {
        listener.commandDone(name, micros, failed);
        commandsProcessed.increment();
        CommandStat stat = commands.computeIfAbsent(name, CommandStat::new);
        stat.calls.increment();
        stat.micros.add(micros);
        if (failed) {
            stat.failed.increment();
        } else if (stat.write) {
            changes.increment();
        }
        if (latencyTracking) {
            int bucket = micros <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(micros - 1);
            stat.histogram[Math.min(bucket, HISTOGRAM_BUCKETS - 1)].increment();
        }
        latency.commandTook(micros, stat.fast);
    }

    void commandRejected(String name) {
        commands.computeIfAbsent(name, CommandStat::new).rejected.increment();
    }

    LatencyMonitor latency() {
        return latency;
    }

    boolean latencyTracking() {
        return latencyTracking;
    }

    /** latency-tracking: whether LATENCY HISTOGRAM's per-command histograms count calls. */
    void setLatencyTracking(boolean on) {
        latencyTracking = on;
    }

    /** Per command that has a histogram, its calls and cumulative histogram, by name. */
    Map<String, Map<Long, Long>> histograms() {
        Map<String, Map<Long, Long>> out = new TreeMap<>();
        commands.forEach((name, stat) -> {
            Map<Long, Long> histogram = stat.cumulativeHistogram();
            if (!histogram.isEmpty()) {
                out.put(name, histogram);
            }
        });
        return out;
    }

    /** Redis's run_id: 40 hex characters, new each time the node starts. */
    public String runId() {
        return runId;
    }

    /** Redis's master_replid: this node's replication history, new each time it starts. */
    public String replicationId() {
        return replicationId;
    }

    /**
     * INFO's rdb_changes_since_last_save: write commands that did not fail since the node started
     * (Pikko takes no snapshots). Redis counts changed elements, so an SADD of three new members
     * counts 3 there and 1 here, and a DEL of a missing key 0 there and 1 here.
     */
    public long changesSinceStart() {
        return changes.sum();
    }

    private static String randomHex() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public long connectionsReceived() {
        return connectionsReceived.sum();
    }

    public long rejectedConnections() {
        return rejectedConnections.sum();
    }

    public long commandsProcessed() {
        return commandsProcessed.sum();
    }

    /** Commands per second over the last window of at least a second. */
    public synchronized long instantaneousOps() {
        long now = System.nanoTime();
        long elapsed = now - opsWindowStart;
        if (elapsed >= 1_000_000_000L) {
            long total = commandsProcessed.sum();
            instantaneousOps = (total - opsWindowCount) * 1_000_000_000L / elapsed;
            opsWindowCount = total;
            opsWindowStart = now;
        }
        return instantaneousOps;
    }

    /** Lines of INFO commandstats, sorted by command name. */
    public String commandStatsSection() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(commands).forEach((name, stat) -> {
            long calls = stat.calls.sum();
            long usec = stat.micros.sum();
            out.append("cmdstat_").append(name)
                    .append(":calls=").append(calls)
                    .append(",usec=").append(usec)
                    .append(",usec_per_call=").append(String.format("%.2f", calls == 0 ? 0.0 : (double) usec / calls))
                    .append(",rejected_calls=").append(stat.rejected.sum())
                    .append(",failed_calls=").append(stat.failed.sum())
                    .append("\r\n");
        });
        return out.toString();
    }

    public void reset() {
        commands.clear();
        connectionsReceived.reset();
        rejectedConnections.reset();
        commandsProcessed.reset();
        opsWindowCount = 0;
    }
}
