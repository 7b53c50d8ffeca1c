package io.pikko.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotReply;
import io.pikko.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A write's answer is kept by connection and request id while the connection may send it again. */
class RecentWritesTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final RecentWrites writes = new RecentWrites(clock);
    private final ActorRef<SlotReply> connection = TEST_KIT.<SlotReply>createTestProbe().ref();
    private final ActorRef<SlotReply> otherConnection = TEST_KIT.<SlotReply>createTestProbe().ref();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aRequestSentAgainGetsTheFirstAnswer() {
        assertTrue(writes.answered(connection, 7).isEmpty());
        writes.remember(connection, 7, 7, Reply.integer(1));
        assertEquals(Reply.integer(1), writes.answered(connection, 7).orElseThrow());
    }

    @Test
    void onlyTheSameConnectionsSameRequestIsAnswered() {
        writes.remember(connection, 7, 7, Reply.integer(1));
        assertTrue(writes.answered(connection, 8).isEmpty());
        assertTrue(writes.answered(otherConnection, 7).isEmpty());
    }

    @Test
    void anUnsettledAnswerOutlivesAnyNumberOfLaterWrites() {
        writes.remember(connection, 1, 1, Reply.integer(1));
        for (long id = 2; id <= 100_000; id++) {
            writes.remember(connection, id, 1, Reply.integer(id));
            writes.remember(otherConnection, id, id, Reply.integer(id));
        }
        assertEquals(Reply.integer(1), writes.answered(connection, 1).orElseThrow());
    }

    @Test
    void settledAnswersAreForgotten() {
        for (long id = 1; id <= 1000; id++) {
            writes.remember(connection, id, id, Reply.integer(id));
        }
        assertTrue(writes.answered(connection, 999).isEmpty());
        assertEquals(Reply.integer(1000), writes.answered(connection, 1000).orElseThrow());
        assertEquals(1, writes.size(), "only the request still in flight is kept");
    }

    @Test
    void anIdleConnectionsAnswersGoInTheEnd() {
        writes.remember(connection, 1, 1, Reply.integer(1));
        clock.advance(Duration.ofNanos(RecentWrites.IDLE_NANOS - TimeUnit.SECONDS.toNanos(1)));
        writes.remember(otherConnection, 1, 1, Reply.integer(1));
        assertEquals(Reply.integer(1), writes.answered(connection, 1).orElseThrow(), "not idle long enough yet");
        clock.advance(Duration.ofSeconds(2));
        writes.remember(otherConnection, 2, 2, Reply.integer(2));
        assertTrue(writes.answered(connection, 1).isEmpty());
        assertEquals(1, writes.size());
    }
}
