package io.pikko.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotReply;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A write's answer is kept by connection and request id, for a copy of the request sent again. */
class RecentWritesTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    private final RecentWrites writes = new RecentWrites();
    private final ActorRef<SlotReply> connection = TEST_KIT.<SlotReply>createTestProbe().ref();
    private final ActorRef<SlotReply> otherConnection = TEST_KIT.<SlotReply>createTestProbe().ref();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aRequestSentAgainGetsTheFirstAnswer() {
        assertTrue(writes.answered(connection, 7).isEmpty());
        writes.remember(connection, 7, Reply.integer(1));
        assertEquals(Reply.integer(1), writes.answered(connection, 7).orElseThrow());
    }

    @Test
    void onlyTheSameConnectionsSameRequestIsAnswered() {
        writes.remember(connection, 7, Reply.integer(1));
        assertTrue(writes.answered(connection, 8).isEmpty());
        assertTrue(writes.answered(otherConnection, 7).isEmpty());
    }

    @Test
    void theOldestAnswersAreForgotten() {
        for (long id = 1; id <= RecentWrites.CAPACITY + 1; id++) {
            writes.remember(connection, id, Reply.integer(id));
        }
        assertTrue(writes.answered(connection, 1).isEmpty());
        assertEquals(Reply.integer(2), writes.answered(connection, 2).orElseThrow());
        assertEquals(Reply.integer(RecentWrites.CAPACITY + 1), writes.answered(connection, RecentWrites.CAPACITY + 1).orElseThrow());
    }
}
