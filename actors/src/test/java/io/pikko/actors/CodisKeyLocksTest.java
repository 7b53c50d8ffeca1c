package io.pikko.actors;

import static io.pikko.actors.SlotTesting.DATABASES;
import static io.pikko.actors.SlotTesting.b;
import static io.pikko.actors.SlotTesting.command;
import static io.pikko.actors.SlotTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.storage.PikkoStore;
import io.pikko.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Codis migration's hold on keys in their slot entity: writes wait, reads go on, deletes need a live lease. */
class CodisKeyLocksTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int SLOT = 7;
    /** A hash tag of slot 7. */
    private static final String IN_SLOT = "{tag1939}";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final AtomicLong requestIds = new AtomicLong();
    private final TestProbe<SlotReply> client = TEST_KIT.createTestProbe();
    private PikkoStore store;
    private ActorRef<SlotEntity.Command> entity;

    @BeforeEach
    void start() {
        store = SlotTesting.open(dir, clock);
        entity = TEST_KIT.spawn(SlotEntity.create(SLOT, store, DATABASES, clock));
    }

    @AfterEach
    void stop() {
        TEST_KIT.stop(entity);
        store.close();
    }

    @AfterAll
    static void stopTestKit() {
        TEST_KIT.shutdownTestKit();
    }

    private String ask(SlotOp op) {
        long id = requestIds.incrementAndGet();
        entity.tell(new SlotEntity.Request(op, id, client.ref()));
        SlotReply reply = client.receiveMessage();
        assertEquals(id, reply.requestId());
        return text(reply.reply());
    }

    private String ask(String line) {
        return ask(command(line.replace("K", IN_SLOT)));
    }

    private SlotOp lock(long id, String... keys) {
        return new SlotOp.CodisLock(0, List.of(keys).stream().map(k -> b(k.replace("K", IN_SLOT))).toList(), id, 10_000);
    }

    private SlotOp unlock(long id, boolean delete, String... keys) {
        return new SlotOp.CodisUnlock(0, List.of(keys).stream().map(k -> b(k.replace("K", IN_SLOT))).toList(), id, delete);
    }

    private SlotOp wrapped(String hashKey, String line) {
        return new SlotOp.CodisWrapped(0, b(hashKey.replace("K", IN_SLOT)), command(line.replace("K", IN_SLOT)));
    }

    @Test
    void heldKeysRefuseWritesAndServeReadsUntilTheyAreDeleted() {
        ask("set Ka 1");
        ask("rpush Kb x y");
        ask("pexpire Kb 50000");
        assertEquals("[[" + IN_SLOT + "a, string, (integer) -1, (integer) 1], [" + IN_SLOT + "b, list, (integer) 50000, (integer) 2]]",
                ask(lock(1, "Ka", "Kb", "Kmissing")), "only the keys that exist are taken, with type, PTTL and length");
        assertEquals("(error) TRYAGAIN key is being migrated to another Codis server", ask("set Ka 2"));
        assertEquals("(error) TRYAGAIN key is being migrated to another Codis server", ask(new SlotOp.Transaction(
                List.of(command(("incr Kc").replace("K", IN_SLOT)), command(("set Ka 3").replace("K", IN_SLOT))), 0)));
        assertEquals("1", ask("get Ka"));
        assertEquals("OK", ask("set Kmissing free"), "a key the migration did not take stays writable");
        assertEquals("[(integer) 1, (error) ERR the specified key is being migrated]", ask(wrapped("Ka", "set Ka 2")));
        assertEquals("[(integer) 2, 1]", ask(wrapped("Ka", "get Ka")));
        assertEquals("(error) ERR key '" + IN_SLOT + "a' is being migrated by another migration", ask(lock(2, "Ka")));
        assertEquals("(integer) 2", ask(unlock(1, true, "Ka", "Kb")));
        assertEquals("[(integer) 0, (error) ERR the specified key doesn't exist]", ask(wrapped("Ka", "get Ka")));
        assertEquals("OK", ask("set Ka new"), "writable again, as a new key");
    }

    @Test
    void aLapsedLeaseLetsWritesInAndRefusesTheDelete() {
        ask("set Ka 1");
        ask(lock(1, "Ka"));
        clock.advance(Duration.ofSeconds(11));
        assertEquals("OK", ask("set Ka 2"), "the lease lapsed: writes go in");
        assertEquals("(error) ERR migration lost its hold on the keys (lease lapsed); nothing deleted", ask(unlock(1, true, "Ka")));
        assertEquals("2", ask("get Ka"), "the write let in is kept");
    }

    @Test
    void aReleaseWithoutDeleteKeepsTheKeysAndRenewingExtendsTheLease() {
        ask("set Ka 1");
        ask(lock(1, "Ka"));
        clock.advance(Duration.ofSeconds(8));
        ask(lock(1, "Ka"));
        clock.advance(Duration.ofSeconds(8));
        assertEquals("(error) TRYAGAIN key is being migrated to another Codis server", ask("set Ka 2"), "renewed, still held");
        assertEquals("(integer) 0", ask(unlock(1, false, "Ka")));
        assertEquals("OK", ask("set Ka 2"));
        assertEquals("[(integer) 2, (integer) 2]", ask(wrapped("Ka", "append Ka x")));
    }
}
