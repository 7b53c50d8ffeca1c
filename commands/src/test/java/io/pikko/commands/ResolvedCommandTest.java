package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotOp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A command is looked up once, and what the entity asks of it comes from that one lookup. */
class ResolvedCommandTest {
    private static SlotOp.RunCommand command(String line) {
        String[] words = line.split(" ");
        List<byte[]> args = Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.UTF_8)).toList();
        return new SlotOp.RunCommand(0, words[0].toLowerCase(Locale.ROOT), args);
    }

    private static ResolvedCommand resolved(String line) {
        return ResolvedCommand.of(command(line)).orElseThrow();
    }

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
