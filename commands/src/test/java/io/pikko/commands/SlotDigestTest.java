package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLOTSDIGEST's slot part on two real stores, as a master and its replica hold a slot: the same
 * logical data gives the same digest however each store came to hold it, and any change of a
 * value, member, score, order, expiry, name, type or database gives another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlotDigestTest {
    /** Every key of these tests carries the tag, so all live in this slot. */
    private static final int SLOT = SlotHash.slotOf("{d}".getBytes());

    private CommandHarness master;
    private CommandHarness replica;

    @BeforeAll
    void open(@TempDir Path masterDir, @TempDir Path replicaDir) {
        master = new CommandHarness(masterDir);
        replica = new CommandHarness(replicaDir);
    }

    @BeforeEach
    void empty() {
        master.reset();
        replica.reset();
        master.select(0);
        replica.select(0);
    }

    @AfterAll
    void close() {
        master.close();
        replica.close();
    }

    @Test
    void anEmptySlotDigestsNothing() {
        SlotDigest digest = master.digest(SLOT);
        assertEquals(0, digest.keys());
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", digest.hex(), "SHA-1 of no bytes");
        assertEquals(List.of(0L, digest.hex()), CommandTest.plain(digest.reply()));
    }

    @Test
    void theSameDataGivesTheSameDigestWhateverItsHistory() {
        run(master, "SET {d}s v", "HSET {d}h a 1 b 2", "SADD {d}set x y", "RPUSH {d}l a b c",
                "ZADD {d}z 1 m 2.5 n", "SET {d}t v EX 100", "SETBIT {d}bits 7 1", "PFADD {d}hll a b");
        // The replica reaches the same values through other versions, list offsets and dead members.
        run(replica, "HSET {d}h a 9 x 0", "DEL {d}h", "HSET {d}h b 2 a 1",
                "SADD {d}set y z", "SREM {d}set z", "SADD {d}set x",
                "LPUSH {d}l z a", "LPOP {d}l", "LPOP {d}l", "RPUSH {d}l a b c", "LREM {d}l 1 a", "LPUSH {d}l a",
                "ZADD {d}z 7 n 1 m", "ZINCRBY {d}z -4.5 n",
                "SET {d}s old EX 5", "SET {d}s v",
                "SET {d}t v", "EXPIRE {d}t 100",
                "SETBIT {d}bits 7 1", "PFADD {d}hll b a");
        assertEquals(8, master.digest(SLOT).keys());
        assertSame();
    }

    @Test
    void everyChangeOfAStringShows() {
        assertDiffer("SET {d}k v", "SET {d}k w");
        assertDiffer("SET {d}k v", "SET {d}k v2");
        assertDiffer("SET {d}k v", "SET {d}other v");
        assertDiffer("SET {d}k v", "SET {d}k v EX 100");
        assertDiffer("SETBIT {d}k 7 1", "SETBIT {d}k 6 1");
    }

    @Test
    void everyChangeOfAHashShows() {
        assertDiffer("HSET {d}k a 1 b 2", "HSET {d}k a 1 b 3");
        assertDiffer("HSET {d}k a 1 b 2", "HSET {d}k a 1 c 2");
        assertDiffer("HSET {d}k a 1 b 2", "HSET {d}k a 1");
        assertDiffer("HSET {d}k a 1 b 2", "HSET {d}k a 1 b 2 c 3");
        // Fields and values do not run together: "ab"="" is not "a"="b".
        assertDiffer("HSET {d}k ab ''", "HSET {d}k a b");
    }

    @Test
    void everyChangeOfASetShows() {
        assertDiffer("SADD {d}k a b", "SADD {d}k a c");
        assertDiffer("SADD {d}k a b", "SADD {d}k a");
        assertDiffer("SADD {d}k a b", "SADD {d}k a b c");
        assertDiffer("SADD {d}k a b", "HSET {d}k a b");
    }

    @Test
    void everyChangeOfAListShows() {
        assertDiffer("RPUSH {d}k a b c", "RPUSH {d}k a c b");
        assertDiffer("RPUSH {d}k a b c", "RPUSH {d}k a b");
        assertDiffer("RPUSH {d}k a b c", "RPUSH {d}k a b c c");
        assertDiffer("RPUSH {d}k a b", "SADD {d}k a b");
    }

    @Test
    void everyChangeOfASortedSetShows() {
        assertDiffer("ZADD {d}k 1 a 2 b", "ZADD {d}k 1 a 3 b");
        assertDiffer("ZADD {d}k 1 a 2 b", "ZADD {d}k 1 a 2 c");
        assertDiffer("ZADD {d}k 1 a 2 b", "ZADD {d}k 1 a");
        assertDiffer("ZADD {d}k 1 a", "ZADD {d}k 1.0000001 a");
    }

    @Test
    void expiryCountsByItsAbsoluteTime() {
        run(master, "SET {d}k v PX 100000");
        replica.clock().advance(Duration.ofMillis(1));
        run(replica, "SET {d}k v PX 100000");
        assertNotEquals(master.digest(SLOT).hex(), replica.digest(SLOT).hex(), "expiring a millisecond apart");

        master.reset();
        replica.reset();
        long at = master.clock().millis() + 100_000;
        run(master, "SET {d}k v", "PEXPIREAT {d}k " + at);
        run(replica, "SET {d}k v PXAT " + at);
        assertSame();

        run(replica, "PERSIST {d}k");
        assertNotEquals(master.digest(SLOT).hex(), replica.digest(SLOT).hex(), "a TTL against none");
    }

    @Test
    void anExpiredKeyIsNotInTheDigest() {
        run(master, "SET {d}k v PX 10", "SET {d}live v");
        run(replica, "SET {d}live v");
        assertNotEquals(master.digest(SLOT).hex(), replica.digest(SLOT).hex());
        master.clock().advance(Duration.ofMillis(10));
        assertSame();
    }

    @Test
    void theDatabaseOfAKeyCounts() {
        run(master, "SET {d}k v");
        replica.select(1);
        run(replica, "SET {d}k v");
        assertEquals(1, replica.digest(SLOT).keys());
        assertNotEquals(master.digest(SLOT).hex(), replica.digest(SLOT).hex());
        replica.select(0);
        run(replica, "SET {d}k v");
        master.select(1);
        run(master, "SET {d}k v");
        assertSame();
    }

    /** {@code a} on the master and {@code b} on the replica leave slots of different digests; each alone is stable. */
    private void assertDiffer(String a, String b) {
        master.reset();
        replica.reset();
        run(master, a);
        run(replica, a);
        assertSame();
        replica.reset();
        run(replica, b);
        assertNotEquals(master.digest(SLOT).hex(), replica.digest(SLOT).hex(), a + " against " + b);
    }

    private void assertSame() {
        SlotDigest onMaster = master.digest(SLOT);
        SlotDigest onReplica = replica.digest(SLOT);
        assertEquals(onMaster.keys(), onReplica.keys());
        assertEquals(onMaster.hex(), onReplica.hex());
    }

    /** Runs each line, words split on spaces and '' standing for the empty string; none may fail. */
    private static void run(CommandHarness harness, String... lines) {
        for (String line : lines) {
            String[] words = line.split(" ");
            for (int i = 0; i < words.length; i++) {
                if (words[i].equals("''")) {
                    words[i] = "";
                }
            }
            Reply reply = harness.call(words);
            if (reply instanceof Reply.Error error) {
                throw new AssertionError(line + " failed: " + error.text());
            }
        }
    }
}
