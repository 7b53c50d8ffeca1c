package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * HSCAN, SSCAN and ZSCAN keep SCAN's promise while the collection changes: every member present
 * from start to end is returned, even when members already returned are removed between calls.
 */
class MemberScanTest extends CommandTest {
    private static final int SIZE = 1000;

    private static String member(int i) {
        return String.format("m%04d", i);
    }

    private void fill(String command, String key, boolean withValues) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            if (command.equals("ZADD")) {
                args.add(Integer.toString(i));
            }
            args.add(member(i));
            if (withValues) {
                args.add("v");
            }
        }
        assertEquals((long) SIZE, call(command, key, args));
    }

    /** One page: the cursor to go on from, and what the page holds. */
    @SuppressWarnings("unchecked")
    private List<String> page(String[] cursor, String... command) {
        List<Object> reply = list(command);
        cursor[0] = (String) reply.get(0);
        return (List<String>) reply.get(1);
    }

    @Test
    void hscanWhileFieldsAlreadyReturnedAreDeleted() {
        fill("HSET", "h", true);
        Set<String> seen = new HashSet<>();
        String[] cursor = {"0"};
        do {
            List<String> flat = page(cursor, "HSCAN", "h", cursor[0], "COUNT", "37");
            for (int i = 0; i < flat.size(); i += 2) {
                assertEquals("v", flat.get(i + 1));
                seen.add(flat.get(i));
                call("HDEL", "h", flat.get(i));
            }
        } while (!cursor[0].equals("0"));
        assertEquals(SIZE, seen.size(), "fields skipped because earlier ones were deleted");
        assertReply(0, "HLEN", "h");
    }

    @Test
    void sscanWhileMembersComeAndGo() {
        fill("SADD", "s", false);
        Set<String> seen = new HashSet<>();
        String[] cursor = {"0"};
        int round = 0;
        do {
            List<String> members = page(cursor, "SSCAN", "s", cursor[0], "COUNT", "50");
            seen.addAll(members);
            members.forEach(m -> call("SREM", "s", m));
            call("SADD", "s", "added" + round++);
        } while (!cursor[0].equals("0"));
        for (int i = 0; i < SIZE; i++) {
            assertTrue(seen.contains(member(i)), member(i) + " was present throughout but not returned");
        }
    }

    @Test
    void zscanOfALargeSortedSetWhileMembersAreRemoved() {
        fill("ZADD", "z", false);
        Set<String> seen = new HashSet<>();
        String[] cursor = {"0"};
        do {
            List<String> flat = page(cursor, "ZSCAN", "z", cursor[0], "COUNT", "64");
            List<String> returned = new ArrayList<>();
            for (int i = 0; i < flat.size(); i += 2) {
                assertEquals(Integer.toString(Integer.parseInt(flat.get(i).substring(1))), flat.get(i + 1));
                returned.add(flat.get(i));
            }
            seen.addAll(returned);
            if (!returned.isEmpty()) {
                call("ZREM", "z", returned);
            }
        } while (!cursor[0].equals("0"));
        assertEquals(SIZE, seen.size());
        assertReply(List.of(), "ZRANGE", "z", "0", "-1");
    }
}
