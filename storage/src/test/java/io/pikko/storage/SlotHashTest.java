package io.pikko.storage;

import io.pikko.protocol.SlotHash;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected slots were computed independently of this code base with Python's
 * {@code zlib.crc32(hashkey) % 1024}, the Codis/Pika slot function.
 */
class SlotHashTest {
    private static final int SLOT_OF_USER1000_FOLLOWING_UNTAGGED = 866;

    private static int slot(String key) {
        return SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "foo|289",
        "bar|170",
        "hello|646",
        "{user1000}.following|870",
        "user1000|870",
        "a{}b|0",
        "a|579",
        "b|1017",
    })
    void referenceValues(String key, int expected) {
        assertEquals(expected, slot(key));
    }

    @Test
    void emptyKeyHashesTheEmptyString() {
        assertEquals(0, SlotHash.slotOf(new byte[0]));
    }

    @Test
    void hashTagAnywhereInTheKeyDecidesTheSlot() {
        int user1000 = 870;
        assertEquals(user1000, slot("{user1000}.following"));
        assertEquals(user1000, slot("{user1000}.followers"));
        assertEquals(user1000, slot("profile:{user1000}"));
        assertEquals(user1000, slot("x{user1000}y"));
        assertEquals(user1000, slot("{user1000}"));
        // the same text without braces is hashed whole and lands elsewhere
        assertEquals(SLOT_OF_USER1000_FOLLOWING_UNTAGGED, slot("user1000.following"));
    }

    @ParameterizedTest(name = "{0} hashes as {1}")
    @CsvSource(delimiter = '|', value = {
        // first '{' and the first '}' after it
        "{a}{b}|a",
        "a{b{c}d|b{c",
        "xx{a}b}|a",
        // a '}' before the first '{' is ignored; the tag closes at the first '}' after the '{'
        "}{a}|a",
        "}}x{b}|b",
    })
    void tagIsBetweenFirstOpenAndFirstCloseAfterIt(String key, String hashKey) {
        assertEquals(slot(hashKey), slot(key));
    }

    @Test
    void emptyTagHashesTheEmptyString() {
        assertEquals(0, slot("{}"));
        assertEquals(0, slot("{}foo"));
        assertEquals(0, slot("foo{}"));
        assertEquals(0, slot("a{}b"));
        assertEquals(0, slot("a{}{b}"), "the first '{' opens the tag, even when another tag follows");
    }

    @ParameterizedTest(name = "{0} -> {1} (whole key)")
    @CsvSource(delimiter = '|', value = {
        "}{|496",
        "{|825",
        "}|524",
        "foo{|2",
        "foo{bar|407",
        "}foo{|125",
        "a{b|76",
        "x}y{z|914",
    })
    void withoutAClosingBraceAfterTheOpenTheWholeKeyIsHashed(String key, int expected) {
        assertEquals(expected, slot(key));
    }

    @Test
    void wholeKeyHashIsNotTheInnerTextWhenUnclosed() {
        // "x}y{z" would be slot("z") = 943 if the '}' before '{' were taken as a close
        assertTrue(slot("x}y{z") != slot("z"));
        assertTrue(slot("}{") != slot(""));
    }

    @Test
    void everySlotIsWithinRangeForManyKeys() {
        Random random = new Random(42);
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n < 50_000; n++) {
            byte[] key = new byte[random.nextInt(24)];
            random.nextBytes(key);
            int s = SlotHash.slotOf(key);
            assertTrue(s >= 0 && s < SlotHash.SLOTS, "slot " + s + " out of range");
            seen.add(s);
        }
        assertEquals(1024, SlotHash.SLOTS);
        // crc32 spreads 50k random keys over essentially every slot
        assertTrue(seen.size() > 1000, "only " + seen.size() + " slots hit");
    }

    @Test
    void binaryHashTag() {
        byte[] a = {1, '{', (byte) 0xff, 0, '}', 2};
        byte[] b = {'{', (byte) 0xff, 0, '}', 9, 9, 9};
        byte[] tag = {(byte) 0xff, 0};
        assertEquals(909, SlotHash.slotOf(tag)); // zlib.crc32(b'\xff\x00') % 1024
        assertEquals(909, SlotHash.slotOf(a));
        assertEquals(909, SlotHash.slotOf(b));
    }
}
