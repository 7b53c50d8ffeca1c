package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * HSCAN, SSCAN and ZSCAN keep SCAN's promise while the collection changes: every member present
 * from start to end is returned, even when members already returned are removed between calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberScanTest {
    private static final int SIZE = 1000;
    private TestNode node;
    private Jedis jedis;

    @BeforeAll
    void start() {
        node = TestNode.start();
        jedis = node.client();
    }

    @AfterAll
    void stop() {
        jedis.close();
        node.close();
    }

    private static String member(int i) {
        return String.format("m%04d", i);
    }

    @Test
    void hscanWhileFieldsAlreadyReturnedAreDeleted() {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < SIZE; i++) {
            fields.put(member(i), "v");
        }
        jedis.hset("h", fields);
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<Map.Entry<String, String>> page = jedis.hscan("h", cursor, new ScanParams().count(37));
            for (Map.Entry<String, String> entry : page.getResult()) {
                seen.add(entry.getKey());
                jedis.hdel("h", entry.getKey());
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        assertEquals(SIZE, seen.size(), "fields skipped because earlier ones were deleted");
        assertEquals(0, jedis.hlen("h"));
    }

    @Test
    void sscanWhileMembersComeAndGo() {
        for (int i = 0; i < SIZE; i++) {
            jedis.sadd("s", member(i));
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int round = 0;
        do {
            ScanResult<String> page = jedis.sscan("s", cursor, new ScanParams().count(50));
            seen.addAll(page.getResult());
            page.getResult().forEach(m -> jedis.srem("s", m));
            jedis.sadd("s", "added" + round++);
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        for (int i = 0; i < SIZE; i++) {
            assertEquals(true, seen.contains(member(i)), member(i) + " was present throughout but not returned");
        }
    }

    @Test
    void zscanOfALargeSortedSetWhileMembersAreRemoved() {
        for (int i = 0; i < SIZE; i++) {
            jedis.zadd("z", i, member(i));
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<Tuple> page = jedis.zscan("z", cursor, new ScanParams().count(64));
            for (Tuple tuple : page.getResult()) {
                seen.add(tuple.getElement());
                assertEquals(Integer.parseInt(tuple.getElement().substring(1)), tuple.getScore());
            }
            String[] returned = page.getResult().stream().map(Tuple::getElement).toArray(String[]::new);
            if (returned.length > 0) {
                jedis.zrem("z", returned);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        assertEquals(SIZE, seen.size());
        assertEquals(List.of(), jedis.zrange("z", 0, -1));
    }
}
