package io.pikko.admin;

import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * This node's rates over the last second, sampled once a second from its running counts: commands
 * per second, the p99 of their latency, and commands per second to each slot.
 */
final class LiveFigures {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final double P99 = 0.99;

    /** @param p99Seconds null when no command was answered in the second */
    record Sample(double opsPerSec, Double p99Seconds, double[] slotOpsPerSec) {}

    private final Supplier<NodeFigures> figures;
    private final LatencyWindow latency;
    private long lastCount;
    private long[] lastSlots;
    private long[] lastLatency;
    private long lastNanos;
    private volatile Sample sample = new Sample(0, null, new double[SlotHash.SLOTS]);

    private LiveFigures(Supplier<NodeFigures> figures, LatencyWindow latency) {
        this.figures = figures;
        this.latency = latency;
        NodeFigures now = figures.get();
        this.lastCount = now.commandsProcessed();
        this.lastSlots = now.slotCommands();
        this.lastLatency = latency.counts();
        this.lastNanos = System.nanoTime();
    }

    static LiveFigures start(ActorSystem<?> system, Supplier<NodeFigures> figures,
                             LatencyWindow latency) {
        LiveFigures live = new LiveFigures(figures, latency);
        system.scheduler().scheduleAtFixedRate(PERIOD, PERIOD, live::sample, system.executionContext());
        return live;
    }

    private synchronized void sample() {
        NodeFigures now = figures.get();
        long[] latencyNow = latency.counts();
        long nanos = System.nanoTime();
        double seconds = Math.max(1, nanos - lastNanos) / 1e9;
        double[] slotRates = new double[SlotHash.SLOTS];
        for (int slot = 0; slot < slotRates.length; slot++) {
            slotRates[slot] = (now.slotCommands()[slot] - lastSlots[slot]) / seconds;
        }
        sample = new Sample((now.commandsProcessed() - lastCount) / seconds,
                LatencyWindow.quantileSeconds(lastLatency, latencyNow, P99), slotRates);
        lastCount = now.commandsProcessed();
        lastSlots = now.slotCommands();
        lastLatency = latencyNow;
        lastNanos = nanos;
    }

    Sample last() {
        return sample;
    }
}
