package io.pikko.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A watch survives what does not touch its keys and breaks on what does; an unknown token is broken. */
class KeyWatchesTest {
    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWriteBreaksEveryWatchOnItsKeyInItsDatabaseOnly() {
        KeyWatches watches = new KeyWatches();
        watches.watch(1, false, 0, List.of(key("a"), key("b")), new long[] {0, 0});
        watches.watch(2, false, 0, List.of(key("a")), new long[] {0});
        watches.watch(3, false, 0, List.of(key("c")), new long[] {0});
        watches.touched(1, key("c"));
        watches.touched(0, key("a"));
        assertFalse(watches.endIntact(1, 0));
        assertFalse(watches.endIntact(2, 0));
        assertTrue(watches.endIntact(3, 0), "c was written in another database");
        assertTrue(watches.isEmpty(), "EXEC ends the watches");
    }

    @Test
    void anUnknownTokenOrOneExtendedHereForTheFirstTimeIsBroken() {
        KeyWatches watches = new KeyWatches();
        assertFalse(watches.endIntact(7, 0));
        watches.watch(8, true, 0, List.of(key("a")), new long[] {0});
        assertFalse(watches.endIntact(8, 0), "its earlier keys were watched by an entity that is gone");
        watches.watch(9, false, 0, List.of(key("a")), new long[] {0});
        watches.watch(9, true, 0, List.of(key("b")), new long[] {0});
        assertTrue(watches.endIntact(9, 0));
    }

    @Test
    void aKeyWatchedWithATtlBreaksTheWatchOnceItIsDue() {
        KeyWatches watches = new KeyWatches();
        watches.watch(1, false, 0, List.of(key("e")), new long[] {1_000});
        watches.watch(2, false, 0, List.of(key("e")), new long[] {1_000});
        assertTrue(watches.endIntact(1, 999));
        assertFalse(watches.endIntact(2, 1_000));
    }

    @Test
    void forgottenTokensAndFlushedKeys() {
        KeyWatches watches = new KeyWatches();
        watches.watch(1, false, 0, List.of(key("a")), new long[] {0});
        watches.watch(2, false, 1, List.of(key("b")), new long[] {0});
        assertEquals(List.of(key("b")).size(), watches.watchedIn(1, k -> true).size());
        assertEquals(2, watches.watchedIn(-1, k -> true).size());
        assertEquals(0, watches.watchedIn(-1, k -> false).size(), "absent keys are not flushed");
        watches.forget(1);
        watches.touched(0, key("a"));
        assertFalse(watches.endIntact(1, 0), "a forgotten token is unknown");
        assertTrue(watches.endIntact(2, 0));
    }
}
