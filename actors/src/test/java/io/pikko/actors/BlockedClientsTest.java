package io.pikko.actors;

import static io.pikko.actors.SlotTesting.b;
import static io.pikko.actors.SlotTesting.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.commands.BlockingCall;
import io.pikko.commands.BlockingCommands;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Waiting requests are kept per key and served first come first, from the keys that got data. */
class BlockedClientsTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    private final BlockedClients blocked = new BlockedClients();
    private final TestProbe<SlotReply> connection = TEST_KIT.createTestProbe();
    /** The offers made, as "waiter request id: key". */
    private final List<String> offers = new ArrayList<>();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private static BlockingCall call(String line) {
        SlotOp.RunCommand run = command(line);
        return BlockingCommands.call(run.name(), run.args()).orElseThrow();
    }

    private BlockedClients.Waiter waitFor(long requestId, String line) {
        return blocked.add(0, call(line), requestId, connection.ref(), 0);
    }

    /** An offer that serves every waiter (removing it) and says whether the key has data left. */
    private BlockedClients.Offer serving(int dataLeft) {
        int[] left = {dataLeft};
        return (waiter, key) -> {
            offers.add(waiter.id() + ": " + new String(key, StandardCharsets.UTF_8));
            blocked.remove(waiter);
            return --left[0] > 0;
        };
    }

    @Test
    void theFirstToWaitIsServedFirstAndOnlyWhileTheKeyHasData() {
        BlockedClients.Waiter first = waitFor(1, "blpop list 0");
        BlockedClients.Waiter second = waitFor(2, "blpop list 0");
        waitFor(3, "blpop list 0");
        blocked.gotData(0, b("list"));
        blocked.serveReady(serving(2));
        assertEquals(List.of(first.id() + ": list", second.id() + ": list"), offers);
        assertEquals(1, blocked.all().size());
    }

    @Test
    void aKeyNobodyWaitsOnIsNotOffered() {
        waitFor(1, "blpop list 0");
        blocked.gotData(0, b("other"));
        blocked.gotData(1, b("list"));
        blocked.serveReady(serving(1));
        assertTrue(offers.isEmpty());
    }

    @Test
    void keysThatServingFillsAreOfferedInTurn() {
        BlockedClients.Waiter mover = waitFor(1, "blmove source destination LEFT RIGHT 0");
        BlockedClients.Waiter popper = waitFor(2, "blpop destination 0");
        blocked.gotData(0, b("source"));
        blocked.serveReady((waiter, key) -> {
            offers.add(waiter.id() + ": " + new String(key, StandardCharsets.UTF_8));
            blocked.remove(waiter);
            if (waiter.call().destination() != null) {
                blocked.gotData(0, waiter.call().destination());
            }
            return false;
        });
        assertEquals(List.of(mover.id() + ": source", popper.id() + ": destination"), offers);
        assertTrue(blocked.isEmpty());
    }

    @Test
    void aWaiterIsFoundByItsConnectionAndRequestAndAnsweredThere() {
        BlockedClients.Waiter waiter = waitFor(41, "blpop list 0");
        assertSame(waiter, blocked.find(connection.ref(), 41));
        assertSame(waiter, blocked.get(waiter.id()));
        assertNull(blocked.find(connection.ref(), 42));
        blocked.remove(waiter);
        waiter.answer(Reply.NIL_ARRAY);
        assertEquals(new SlotReply(41, Reply.NIL_ARRAY), connection.receiveMessage());
        assertNull(blocked.find(connection.ref(), 41));
        blocked.gotData(0, b("list"));
        blocked.serveReady(serving(1));
        assertTrue(offers.isEmpty(), "a removed waiter is not offered data");
    }
}
