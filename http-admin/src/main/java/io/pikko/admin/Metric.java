package io.pikko.admin;

/** One Prometheus sample: a gauge or a counter with its help text. */
public record Metric(String name, String help, String type, double value) {
    public static Metric counter(String name, String help, double value) {
        return new Metric(name, help, "counter", value);
    }

    public static Metric gauge(String name, String help, double value) {
        return new Metric(name, help, "gauge", value);
    }
}
