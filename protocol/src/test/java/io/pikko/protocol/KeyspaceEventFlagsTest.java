package io.pikko.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** notify-keyspace-events read and printed as Redis 7.0 does (the values redis-server gives back). */
class KeyspaceEventFlagsTest {
    private static String roundTrip(String value) {
        return KeyspaceEventFlags.format(KeyspaceEventFlags.parse(value).getAsInt());
    }

    @Test
    void printsRedisCanonicalSpelling() {
        assertEquals("AKE", roundTrip("KEA"));
        assertEquals("AKm", roundTrip("Kg$lshzxetdnm"));
        assertEquals("g$KE", roundTrip("E$gK"));
        assertEquals("xn", roundTrip("nx"));
        assertEquals("", roundTrip(""));
    }

    @Test
    void refusesUnknownLetters() {
        assertTrue(KeyspaceEventFlags.parse("KQ").isEmpty());
        assertTrue(KeyspaceEventFlags.parse("a").isEmpty());
    }

    @Test
    void publishesOnlyAnEnabledClassWithKOrE() {
        int flags = KeyspaceEventFlags.parse("Kg").getAsInt();
        assertTrue(KeyspaceEventFlags.publishes(flags, KeyspaceEventType.GENERIC));
        assertFalse(KeyspaceEventFlags.publishes(flags, KeyspaceEventType.STRING));
        assertFalse(KeyspaceEventFlags.publishes(KeyspaceEventFlags.parse("A").getAsInt(), KeyspaceEventType.STRING));
        assertFalse(KeyspaceEventFlags.publishes(KeyspaceEventFlags.parse("AKE").getAsInt(), KeyspaceEventType.NEW));
    }
}
