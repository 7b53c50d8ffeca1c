package io.pikko.gateway;

import java.util.Locale;
import java.util.Optional;

/**
 * Redis's client-output-buffer-limit: for each client class a hard limit in bytes, and a soft limit
 * a client may stay over for at most some seconds; a client past either is closed. 0 turns a limit
 * off. A client subscribed to anything is a pubsub client, every other a normal one; there are no
 * replicas, so the replica limits are kept and reported, as Redis's setting, but close no one.
 */
public record OutputBufferLimits(Limit normal, Limit replica, Limit pubsub) {
    /** The limits of one class. */
    public record Limit(long hardBytes, long softBytes, long softSeconds) {}

    /** Redis's defaults: normal 0 0 0 replica 256mb 64mb 60 pubsub 32mb 8mb 60. */
    public static final OutputBufferLimits DEFAULTS = new OutputBufferLimits(
            new Limit(0, 0, 0),
            new Limit(256L * 1024 * 1024, 64L * 1024 * 1024, 60),
            new Limit(32L * 1024 * 1024, 8L * 1024 * 1024, 60));

    /**
     * What is wrong with a value such as "normal 0 0 0 pubsub 32mb 8mb 60", in Redis's words, or
     * empty when {@link #with} may apply it. As in Redis the whole value is checked before any of it
     * applies.
     */
    public static Optional<String> problem(String value) {
        String[] words = words(value);
        if (words.length % 4 != 0) {
            return Optional.of("Wrong number of arguments in buffer limit configuration.");
        }
        for (int i = 0; i < words.length; i++) {
            if (i % 4 == 0) {
                if (classIndex(words[i]) < 0) {
                    return Optional.of("Invalid client class specified in buffer limit configuration.");
                }
            } else if (ConfigCommand.memoryValue(words[i]).isEmpty()) {
                return Optional.of("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
        }
        return Optional.empty();
    }

    /** These limits with the classes {@code value} names changed; the value must have no {@link #problem}. */
    public OutputBufferLimits with(String value) {
        Limit[] limits = {normal, replica, pubsub};
        String[] words = words(value);
        for (int i = 0; i < words.length; i += 4) {
            limits[classIndex(words[i])] = new Limit(
                    bytes(words[i + 1]), bytes(words[i + 2]), leadingDigits(words[i + 3]));
        }
        return new OutputBufferLimits(limits[0], limits[1], limits[2]);
    }

    /** As CONFIG GET shows it: every class, in bytes, with Redis's old name "slave" for replicas. */
    public String describe() {
        return "normal " + text(normal) + " slave " + text(replica) + " pubsub " + text(pubsub);
    }

    private static String text(Limit limit) {
        return limit.hardBytes() + " " + limit.softBytes() + " " + limit.softSeconds();
    }

    private static String[] words(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    /** The class's place in the record, or -1; "master" is a class Redis knows but refuses here. */
    private static int classIndex(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> 0;
            case "replica", "slave" -> 1;
            case "pubsub" -> 2;
            default -> -1;
        };
    }

    private static long bytes(String word) {
        return ConfigCommand.memoryValue(word).orElseThrow();
    }

    /** Redis reads the seconds with strtoll, which stops at the first non-digit ("60kb" is 60). */
    private static long leadingDigits(String word) {
        int end = 0;
        while (end < word.length() && word.charAt(end) >= '0' && word.charAt(end) <= '9') {
            end++;
        }
        return Long.parseLong(word.substring(0, end));
    }
}
