package io.pikko.protocol;

import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The value of {@code notify-keyspace-events} as a bit set: which event classes are published, and
 * whether as {@code __keyspace@<db>__:<key>} (K), {@code __keyevent@<db>__:<event>} (E), or both.
 * Parsed and printed as Redis 7.0 does.
 */
public final class KeyspaceEventFlags {
    public static final int KEYSPACE = 1 << 30;
    public static final int KEYEVENT = 1 << 29;
    /** What 'A' stands for: every class but key misses and new keys. */
    private static final Set<KeyspaceEventType> ALL = EnumSet.complementOf(
            EnumSet.of(KeyspaceEventType.KEY_MISS, KeyspaceEventType.NEW));
    private static final int ALL_BITS = ALL.stream().mapToInt(KeyspaceEventType::bit).reduce(0, (a, b) -> a | b);
    /** The order Redis prints the classes in when not all of A's are set. */
    private static final KeyspaceEventType[] PRINTED = {
        KeyspaceEventType.GENERIC, KeyspaceEventType.STRING, KeyspaceEventType.LIST, KeyspaceEventType.SET,
        KeyspaceEventType.HASH, KeyspaceEventType.ZSET, KeyspaceEventType.EXPIRED, KeyspaceEventType.EVICTED,
        KeyspaceEventType.STREAM, KeyspaceEventType.MODULE, KeyspaceEventType.NEW
    };

    private KeyspaceEventFlags() {}

    /** The flags a value stands for; empty when it holds a letter Redis does not know. */
    public static OptionalInt parse(String value) {
        int flags = 0;
        for (char c : value.toCharArray()) {
            switch (c) {
                case 'A' -> flags |= ALL_BITS;
                case 'K' -> flags |= KEYSPACE;
                case 'E' -> flags |= KEYEVENT;
                default -> {
                    KeyspaceEventType type = ofLetter(c);
                    if (type == null) {
                        return OptionalInt.empty();
                    }
                    flags |= type.bit();
                }
            }
        }
        return OptionalInt.of(flags);
    }

    /** Redis's canonical spelling, as CONFIG GET shows it: "AKE" for "KEA". */
    public static String format(int flags) {
        StringBuilder text = new StringBuilder();
        if ((flags & ALL_BITS) == ALL_BITS) {
            text.append('A');
        } else {
            for (KeyspaceEventType type : PRINTED) {
                if ((flags & type.bit()) != 0) {
                    text.append(type.letter());
                }
            }
        }
        if ((flags & KEYSPACE) != 0) {
            text.append('K');
        }
        if ((flags & KEYEVENT) != 0) {
            text.append('E');
        }
        if ((flags & KeyspaceEventType.KEY_MISS.bit()) != 0) {
            text.append('m');
        }
        return text.toString();
    }

    /** Whether an event of {@code type} is published at all under {@code flags}. */
    public static boolean publishes(int flags, KeyspaceEventType type) {
        return (flags & type.bit()) != 0 && (flags & (KEYSPACE | KEYEVENT)) != 0;
    }

    private static KeyspaceEventType ofLetter(char c) {
        for (KeyspaceEventType type : KeyspaceEventType.values()) {
            if (type.letter() == c) {
                return type;
            }
        }
        return null;
    }
}
