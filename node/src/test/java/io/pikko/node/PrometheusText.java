package io.pikko.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus's text exposition format 0.0.4, for tests (no library on Maven
 * Central parses it): every line must be a comment, a HELP or TYPE line, or a well-formed sample;
 * a family's TYPE comes before its samples and only once; histogram buckets carry {@code le}, grow
 * with it, and end at {@code +Inf} equal to the count. Anything else fails the read.
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    record Sample(String name, Map<String, String> labels, double value) {}

    record Family(String name, String type, String help, List<Sample> samples) {}

    private PrometheusText() {}

    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + lineNumber + ": " + line;
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                name(parts[0], where);
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                require(parts.length == 2, "TYPE needs a name and a type", where);
                name(parts[0], where);
                require(List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1]), "unknown type", where);
                require(!families.containsKey(parts[0]), "a second TYPE for the family", where);
                families.put(parts[0], new Family(parts[0], parts[1], help.get(parts[0]), new ArrayList<>()));
            } else if (line.startsWith("#")) {
                continue;
            } else {
                Sample sample = sample(line, where);
                Family family = familyOf(sample.name(), families);
                require(family != null, "a sample before its family's TYPE", where);
                family.samples().add(sample);
            }
        }
        families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusText::checkHistogram);
        return families;
    }

    private static Family familyOf(String sample, Map<String, Family> families) {
        if (families.containsKey(sample)) {
            return families.get(sample);
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sample.endsWith(suffix)) {
                Family family = families.get(sample.substring(0, sample.length() - suffix.length()));
                if (family != null && (family.type().equals("histogram") || family.type().equals("summary"))) {
                    return family;
                }
            }
        }
        return null;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = name(line.substring(0, i), where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                require(eq > 0, "a label without '='", where);
                String label = line.substring(i, eq);
                require(LABEL_NAME.matcher(label).matches(), "bad label name '" + label + "'", where);
                require(line.charAt(eq + 1) == '"', "a label value must be quoted", where);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        require(next == '\\' || next == '"' || next == 'n', "bad escape", where);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                require(labels.put(label, value.toString()) == null, "label '" + label + "' twice", where);
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else {
                    require(line.charAt(i) == '}', "labels must be separated by ','", where);
                }
            }
            i++;
        }
        require(i < line.length() && line.charAt(i) == ' ', "no value", where);
        String[] rest = line.substring(i + 1).split(" ");
        require(rest.length == 1 || rest.length == 2, "a value and at most a timestamp", where);
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name, labels, number(rest[0], where));
    }

    private static void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> bucketsBySeries = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            if (s.name().endsWith("_bucket")) {
                require(s.labels().containsKey("le"), "a bucket without le", family.name());
                Map<String, String> series = new LinkedHashMap<>(s.labels());
                series.remove("le");
                bucketsBySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(s.labels(), s.value());
            }
        }
        bucketsBySeries.forEach((series, buckets) -> {
            double lastLe = Double.NEGATIVE_INFINITY;
            double lastCount = 0;
            for (Sample bucket : buckets) {
                double le = number(bucket.labels().get("le"), family.name());
                require(le > lastLe, "buckets out of order", family.name() + series);
                require(bucket.value() >= lastCount, "bucket counts must not fall", family.name() + series);
                lastLe = le;
                lastCount = bucket.value();
            }
            require(lastLe == Double.POSITIVE_INFINITY, "no +Inf bucket", family.name() + series);
            require(counts.containsKey(series) && counts.get(series) == lastCount, "+Inf bucket differs from _count",
                    family.name() + series);
        });
    }

    private static double number(String text, String where) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number '" + text + "' at " + where);
                }
            }
        };
    }

    private static String name(String name, String where) {
        require(METRIC_NAME.matcher(name).matches(), "bad metric name '" + name + "'", where);
        return name;
    }

    private static void require(boolean condition, String problem, String where) {
        if (!condition) {
            throw new IllegalArgumentException(problem + " at " + where);
        }
    }
}
