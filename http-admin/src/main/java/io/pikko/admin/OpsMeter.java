package io.pikko.admin;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;

/** This node's commands per second, sampled once a second from its running count of commands. */
final class OpsMeter {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final Supplier<NodeFigures> figures;
    private long lastCount;
    private long lastNanos;
    private volatile double opsPerSec;

    private OpsMeter(Supplier<NodeFigures> figures) {
        this.figures = figures;
        this.lastCount = figures.get().commandsProcessed();
        this.lastNanos = System.nanoTime();
    }

    static OpsMeter start(ActorSystem<?> system, Supplier<NodeFigures> figures) {
        OpsMeter meter = new OpsMeter(figures);
        system.scheduler().scheduleAtFixedRate(PERIOD, PERIOD, meter::sample, system.executionContext());
        return meter;
    }

    private synchronized void sample() {
        long count = figures.get().commandsProcessed();
        long now = System.nanoTime();
        opsPerSec = (count - lastCount) * 1e9 / Math.max(1, now - lastNanos);
        lastCount = count;
        lastNanos = now;
    }

    double opsPerSec() {
        return opsPerSec;
    }
}
