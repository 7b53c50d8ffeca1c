package io.pikko.protocol;

/**
 * The classes of keyspace events, with the letter {@code notify-keyspace-events} names each by,
 * as in Redis. An event is published only when its class is enabled.
 */
public enum KeyspaceEventType {
    GENERIC('g'), STRING('$'), LIST('l'), SET('s'), HASH('h'), ZSET('z'), EXPIRED('x'), EVICTED('e'),
    STREAM('t'), KEY_MISS('m'), MODULE('d'), NEW('n');

    private final char letter;

    KeyspaceEventType(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    int bit() {
        return 1 << ordinal();
    }
}
