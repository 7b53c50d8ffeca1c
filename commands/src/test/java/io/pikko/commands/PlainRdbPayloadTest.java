package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DUMP payloads rewritten for older servers (codis-server 3.2 reads RDB 7): every type, in the
 * encodings Pikko's DUMP picks (listpacks, intsets, quicklists) and in their plain forms, comes
 * back the same through RESTORE, with the older version in the footer and only the plain types
 * (0 to 4) that RDB 7 knows.
 */
class PlainRdbPayloadTest extends CommandTest {
    @Test
    void everyTypeRoundTripsThroughRdb7() {
        call("SET", "str", "hello");
        call("SET", "int", "12345");
        call("RPUSH", "list", "a", "b", "c");
        call("SADD", "intset", "1", "2", "3");
        call("SADD", "set", "x", "y");
        call("HSET", "hash", "f", "v", "g", "w");
        call("ZADD", "zset", "1.5", "one", "-2", "minus", "inf", "top", "-inf", "bottom", "0.1", "tenth");
        List<String> bigList = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            bigList.add("element-" + i);
        }
        call("RPUSH", "biglist", bigList);
        List<String> bigHash = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bigHash.add("field-" + i);
            bigHash.add("value-" + i);
        }
        call("HSET", "bighash", bigHash);

        for (String key : List.of("str", "int", "list", "intset", "set", "hash", "zset", "biglist", "bighash")) {
            byte[] dumped = ((Reply.Bulk) harness.call("DUMP", key)).value();
            byte[] old = PlainRdbPayload.of(dumped, 7).orElseThrow();
            assertEquals(7, old[old.length - 10] | old[old.length - 9] << 8, key + ": the footer names RDB 7");
            assertTrue(old[0] >= 0 && old[0] <= 4, key + ": a plain type, not " + old[0]);
            assertEquals("OK", call(List.of(bytes("RESTORE"), bytes(key + "-copy"), bytes("0"), old)));
            assertEquals(dumpedValue(key), dumpedValue(key + "-copy"), key);
        }
        assertEquals(List.of("bottom", "-inf", "minus", "-2", "tenth", "0.10000000000000001", "one", "1.5", "top", "inf"),
                call("ZRANGE", "zset-copy", "0", "-1", "WITHSCORES"));
    }

    @Test
    void aPayloadThatIsNotAValueIsRefused() {
        assertTrue(PlainRdbPayload.of(new byte[] {99, 1, 2, 3, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 7).isEmpty());
    }

    @Test
    void theRdbVersionFollowsTheServersVersion() {
        assertEquals(7, PlainRdbPayload.rdbVersionOf("3.2.8"));
        assertEquals(8, PlainRdbPayload.rdbVersionOf("4.0.14"));
        assertEquals(9, PlainRdbPayload.rdbVersionOf("6.2.6"));
        assertEquals(10, PlainRdbPayload.rdbVersionOf("7.0.15"));
        assertEquals(11, PlainRdbPayload.rdbVersionOf("7.2.4"));
        assertEquals(PlainRdbPayload.CURRENT, PlainRdbPayload.rdbVersionOf("unknown"));
    }

    /** What a key holds, read the way its type is read. */
    private Object dumpedValue(String key) {
        return switch ((String) call("TYPE", key)) {
            case "string" -> call("GET", key);
            case "list" -> call("LRANGE", key, "0", "-1");
            case "set" -> call("SORT", key, "ALPHA");
            case "hash" -> call("HGETALL", key);
            default -> call("ZRANGE", key, "0", "-1", "WITHSCORES");
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
