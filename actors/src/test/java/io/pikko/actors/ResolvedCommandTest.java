package io.pikko.actors;

import static io.pikko.actors.SlotTesting.command;
import static io.pikko.actors.SlotTesting.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A command is looked up once, and what the entity asks of it comes from that one lookup. */
class ResolvedCommandTest {
    private static List<String> keys(String line) {
        return resolved(line).keys().stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void anUnknownCommandResolvesToNothing() {
        assertTrue(ResolvedCommand.of(command("frobnicate k")).isEmpty());
    }

    @Test
    void itKnowsItsWritesKeysAndWaits() {
        assertTrue(resolved("incr k").isWrite());
        assertFalse(resolved("get k").isWrite());
        assertEquals(List.of("a", "b"), keys("mset a 1 b 2"));
        assertEquals(List.of("dst", "a", "b"), keys("zunionstore dst 2 a b"));
        assertTrue(resolved("blpop a b 0").blockingCall().isPresent());
        assertTrue(resolved("lpop a").blockingCall().isEmpty());
    }

    @Test
    void copyWritesOtherDatabases() {
        assertTrue(resolved("copy a b DB 3").writesOtherDatabases());
        assertFalse(resolved("rename a b").writesOtherDatabases());
    }
}
