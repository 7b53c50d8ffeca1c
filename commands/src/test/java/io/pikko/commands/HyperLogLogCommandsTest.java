package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PFADD, PFCOUNT and PFMERGE keep HyperLogLogs in Redis's own string representation: the byte
 * strings below are what redis-server 7.0.15 holds after the same commands.
 */
class HyperLogLogCommandsTest extends CommandTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    private static final String CORRUPT = "INVALIDOBJ Corrupted HLL object detected";
    /** The header of a sparse HyperLogLog whose cached cardinality is stale. */
    private static final String SPARSE_STALE = "48594c4c010000000000000000000080";
    private static final int DENSE_SIZE = 12304;

    private String hex(String key) {
        return HexFormat.of().formatHex(getBytes(key));
    }

    private void setHex(String key, String hex) {
        setBytes(key, HexFormat.of().parseHex(hex));
    }

    /** Adds "prefix0" .. "prefix(n-1)", a thousand elements per PFADD. */
    private void addRange(String key, String prefix, int n) {
        for (int from = 0; from < n; from += 1000) {
            String[] elements = new String[Math.min(1000, n - from)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = prefix + (from + i);
            }
            call("PFADD", key, List.of(elements));
        }
    }

    @Test
    void pfaddCreatesTheKeyAndAnswersWhetherAnythingChanged() {
        assertReply(1, "PFADD", "h");
        assertEquals(SPARSE_STALE + "7fff", hex("h"));
        assertReply(0, "PFADD", "h");
        assertReply(1, "PFADD", "h", "a", "b", "c");
        assertReply(0, "PFADD", "h", "a", "b");
        assertReply(1, "PFADD", "h", "a", "d");
        assertReply("string", "TYPE", "h");
        assertReply(4, "PFCOUNT", "h");
    }

    @Test
    void valuesHaveRedisBytesAndPfcountRefreshesTheCache() {
        assertReply(1, "PFADD", "h", "a", "b", "c");
        assertEquals(SPARSE_STALE + "60f38050b1844bfb80425a", hex("h"));
        assertReply(3, "PFCOUNT", "h");
        assertEquals("48594c4c010000000300000000000000" + "60f38050b1844bfb80425a", hex("h"));
        assertReply(1, "PFADD", "h2", "a");
        assertEquals(SPARSE_STALE + "71a6844e57", hex("h2"));
    }

    @Test
    void manyElementsSwitchToTheDenseEncoding() {
        addRange("h", "e", 20_000);
        assertEquals(DENSE_SIZE, getBytes("h").length);
        assertEquals("48594c4c00", hex("h").substring(0, 10));
        assertReply(19_901, "PFCOUNT", "h");
    }

    @Test
    void estimatesStayWithinRedisErrorBound() {
        addRange("h", "element:", 100_000);
        long estimate = number("PFCOUNT", "h");
        // Redis's standard error is 1.04 / sqrt(16384) = 0.81%; allow three of them.
        assertTrue(Math.abs(estimate - 100_000) <= 100_000 * 3 * 1.04 / 128, "estimate " + estimate);
        assertEquals(100_039, estimate, "the estimate redis-server gives for the same elements");
    }

    @Test
    void pfcountOfSeveralKeysCountsTheirUnion() {
        addRange("{t}a", "x", 500);
        addRange("{t}b", "x", 1000);
        assertReply(1, "PFADD", "{t}c", "other");
        // redis-server's estimates for the same sets.
        assertReply(1001, "PFCOUNT", "{t}a", "{t}b", "{t}c", "{t}missing");
        assertReply(1001, "PFCOUNT", "{t}a", "{t}b");
        assertReply(1001, "PFCOUNT", "{t}b");
        assertReply(0, "PFCOUNT", "{t}missing", "{t}missing2");
        assertReply(0, "PFCOUNT", "missing");
    }

    @Test
    void pfmergeUnitesIntoTheTarget() {
        addRange("{t}a", "x", 300);
        addRange("{t}b", "y", 300);
        assertReply("OK", "PFMERGE", "{t}d", "{t}a", "{t}b", "{t}missing");
        assertEquals(number("PFCOUNT", "{t}a", "{t}b"), number("PFCOUNT", "{t}d"));
        assertReply(1, "EXPIRE", "{t}a", "100");
        assertReply("OK", "PFMERGE", "{t}a", "{t}b");
        assertTtl("{t}a", 98, 100);
        assertEquals(number("PFCOUNT", "{t}d"), number("PFCOUNT", "{t}a"));
        assertReply("OK", "PFMERGE", "{t}empty");
        assertEquals(SPARSE_STALE + "7fff", hex("{t}empty"));
    }

    @Test
    void pfmergeWithADenseInputMakesADenseTarget() {
        addRange("{t}dense", "e", 5000);
        assertReply(1, "PFADD", "{t}sparse", "a");
        assertReply("OK", "PFMERGE", "{t}sparse", "{t}dense");
        assertEquals(DENSE_SIZE, getBytes("{t}sparse").length);
        assertEquals(number("PFCOUNT", "{t}dense", "{t}sparse"), number("PFCOUNT", "{t}sparse"));
    }

    @Test
    void otherValuesAreRefused() {
        assertReply("OK", "SET", "s", "not an hll");
        assertError(NOT_HLL, "PFADD", "s", "a");
        assertError(NOT_HLL, "PFCOUNT", "s");
        assertReply(1, "PFADD", "{t}h", "a");
        assertReply("OK", "SET", "{t}s", "HYLL");
        assertError(NOT_HLL, "PFCOUNT", "{t}h", "{t}s");
        assertError(NOT_HLL, "PFMERGE", "{t}h", "{t}s");
        // A dense header needs the exact dense size.
        setHex("dense", "48594c4c000000000000000000000080" + "00".repeat(10));
        assertError(NOT_HLL, "PFCOUNT", "dense");
        assertReply(1, "GEOADD", "z", "1", "2", "m");
        assertError(WRONGTYPE, "PFADD", "z", "a");
        assertError(WRONGTYPE, "PFCOUNT", "z");
        assertError(WRONGTYPE, "PFMERGE", "z");
    }

    @Test
    void corruptSparseValuesAreDetected() {
        // An XZERO covering 100 registers instead of 16384.
        setHex("bad", SPARSE_STALE + "4063");
        assertError(CORRUPT, "PFCOUNT", "bad");
        assertError(CORRUPT, "PFADD", "bad", "a");
        setHex("{t}bad", SPARSE_STALE + "4063");
        assertError(CORRUPT, "PFCOUNT", "{t}bad", "{t}other");
        assertError(CORRUPT, "PFMERGE", "{t}d", "{t}bad");
        // With a valid cached cardinality Redis answers it without reading the registers.
        setHex("cached", "48594c4c010000002a00000000000000" + "4063");
        assertReply(42, "PFCOUNT", "cached");
    }

    @Test
    void anHllSurvivesAppendAndCopy() {
        addRange("{t}h", "e", 100);
        byte[] before = getBytes("{t}h");
        assertReply(1, "COPY", "{t}h", "{t}copy");
        assertArrayEquals(before, getBytes("{t}copy"));
        assertReply(100, "PFCOUNT", "{t}copy");
        // Bytes appended to a sparse value make registers past the 16384th: corrupt.
        assertReply(before.length + 1, "APPEND", "{t}h", "\u0001");
        assertError(CORRUPT, "PFCOUNT", "{t}h");
    }
}
