package io.pikko.gateway;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redis's latency monitor for the events Pikko can see: a command ("command", or "fast-command"
 * for one flagged fast) that took at least latency-monitor-threshold milliseconds, measured from
 * reading the request to its reply. Per event, one sample per second (the worst of that second),
 * the last 160, and the worst ever. 0, the default, records nothing. Shared by all connections.
 */
final class LatencyMonitor {
    /** A second's worst latency of an event. */
    record Sample(long epochSeconds, long millis) {}

    /** What LATENCY LATEST shows for an event. */
    record Latest(String event, Sample last, long maxMillis) {}

    private static final int SAMPLES = 160;

    private static final class Series {
        final ArrayDeque<Sample> samples = new ArrayDeque<>();
        long maxMillis;
    }

    private volatile long thresholdMillis;
    private final Map<String, Series> events = new TreeMap<>();

    long thresholdMillis() {
        return thresholdMillis;
    }

    void setThresholdMillis(long millis) {
        thresholdMillis = millis;
    }

    /** Called for every answered command; cheap unless the monitor is on and the command was slow. */
    void commandTook(long micros, boolean fast) {
        long threshold = thresholdMillis;
        long millis = micros / 1000;
        if (threshold > 0 && millis >= threshold) {
            add(fast ? "fast-command" : "command", millis, System.currentTimeMillis() / 1000);
        }
    }

    private synchronized void add(String event, long millis, long now) {
        Series series = events.computeIfAbsent(event, e -> new Series());
        Sample last = series.samples.peekLast();
        if (last != null && last.epochSeconds() == now) {
            series.samples.pollLast();
            series.samples.addLast(new Sample(now, Math.max(last.millis(), millis)));
        } else {
            series.samples.addLast(new Sample(now, millis));
            if (series.samples.size() > SAMPLES) {
                series.samples.pollFirst();
            }
        }
        series.maxMillis = Math.max(series.maxMillis, millis);
    }

    synchronized List<Latest> latest() {
        List<Latest> out = new ArrayList<>();
        events.forEach((event, series) -> out.add(new Latest(event, series.samples.peekLast(), series.maxMillis)));
        return out;
    }

    synchronized List<Sample> history(String event) {
        Series series = events.get(event);
        return series == null ? List.of() : new ArrayList<>(series.samples);
    }

    /** Forgets the named events, or all when none are named; how many had samples. */
    synchronized int reset(List<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String name : names) {
            if (events.remove(name) != null) {
                n++;
            }
        }
        return n;
    }
}
