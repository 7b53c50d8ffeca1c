package io.pikko.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters for INFO stats and commandstats, shared by all connections of the node. */
public final class ServerStats {
    /** Calls, time and failures of one command. */
    public static final class CommandStat {
        final LongAdder calls = new LongAdder();
        final LongAdder micros = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder rejected = new LongAdder();
    }

    /** Told of every answered command, as it is counted here; the node's metrics listen. */
    public interface CommandListener {
        void commandDone(String name, long micros, boolean failed);
    }

    private static final CommandListener NO_LISTENER = (name, micros, failed) -> {};

    private final long startMillis = System.currentTimeMillis();
    private final LongAdder connectionsReceived = new LongAdder();
    private final LongAdder rejectedConnections = new LongAdder();
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

    public void listen(CommandListener listener) {
        this.listener = listener;
    }

    void commandDone(String name, long micros, boolean failed) {
        listener.commandDone(name, micros, failed);
        commandsProcessed.increment();
        CommandStat stat = commands.computeIfAbsent(name, n -> new CommandStat());
        stat.calls.increment();
        stat.micros.add(micros);
        if (failed) {
            stat.failed.increment();
        }
    }

    void commandRejected(String name) {
        commands.computeIfAbsent(name, n -> new CommandStat()).rejected.increment();
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
