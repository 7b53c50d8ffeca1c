package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.node.ConnectionCommandsTest.RawClient;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Pub/sub on one node: Jedis listeners, and the replies and pushes byte for byte in RESP2 and RESP3. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PubSubTest {
    private TestNode node;

    @BeforeAll
    void start() {
        // The keyspace test sees this setting as the node's value from the start.
        node = TestNode.start(Map.of("pikko.notify-keyspace-events", "KEA"));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    /** Collects what a Jedis listener hears, as "kind pattern channel message" lines. */
    private static final class Listener extends JedisPubSub {
        final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        final CountDownLatch subscribed;

        Listener(int subscriptions) {
            subscribed = new CountDownLatch(subscriptions);
        }

        @Override
        public void onMessage(String channel, String message) {
            heard.add("message " + channel + " " + message);
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            heard.add("pmessage " + pattern + " " + channel + " " + message);
        }

        @Override
        public void onSubscribe(String channel, int count) {
            subscribed.countDown();
        }

        @Override
        public void onPSubscribe(String pattern, int count) {
            subscribed.countDown();
        }

        String next() throws InterruptedException {
            String line = heard.poll(10, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no message within 10 s");
            }
            return line;
        }
    }

    private static Thread listen(Runnable subscribe) {
        Thread thread = new Thread(subscribe, "listener");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void jedisListenersHearChannelsAndPatternsInOrder() throws Exception {
        Listener listener = new Listener(2);
        try (Jedis subscriber = node.client(); Jedis publisher = node.client()) {
            Thread thread = listen(() -> subscriber.subscribe(listener, "news"));
            Eventually.await(Duration.ofSeconds(10), () -> assertEquals(1L, publisher.pubsubNumSub("news").get("news")));
            listener.psubscribe("n*");
            assertTrue(listener.subscribed.await(10, TimeUnit.SECONDS));
            Eventually.await(Duration.ofSeconds(10), () -> assertEquals(1L, publisher.pubsubNumPat()));
            for (int i = 0; i < 100; i++) {
                // A subscriber of the channel and of a pattern that matches it: two receivers.
                assertEquals(2, publisher.publish("news", "m" + i));
            }
            assertEquals(1, publisher.publish("nothing", "x"));
            assertEquals(0, publisher.publish("other", "x"));
            for (int i = 0; i < 100; i++) {
                assertEquals("message news m" + i, listener.next());
                assertEquals("pmessage n* news m" + i, listener.next());
            }
            assertEquals("pmessage n* nothing x", listener.next());
            assertEquals(List.of("news"), publisher.pubsubChannels());
            assertEquals(List.of("news"), publisher.pubsubChannels("ne*"));
            listener.unsubscribe();
            listener.punsubscribe();
            thread.join(10_000);
            assertEquals(0, publisher.publish("news", "after"));
            assertEquals(List.of(), publisher.pubsubChannels());
        }
    }

    @Test
    void resp2SubscribedModeAllowsOnlyPubSubPingAndQuit() throws Exception {
        try (RawClient client = new RawClient(node.port()); RawClient publisher = new RawClient(node.port())) {
            assertEquals("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n",
                    client.call("SUBSCRIBE", "a", "b") + client.read());
            assertEquals("*3\r\n$10\r\npsubscribe\r\n$2\r\nh*\r\n:3\r\n", client.call("PSUBSCRIBE", "h*"));
            assertEquals("*3\r\n$10\r\nssubscribe\r\n$2\r\ns1\r\n:1\r\n", client.call("SSUBSCRIBE", "s1"));
            assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                    + " are allowed in this context\r\n", client.call("GET", "x"));
            assertEquals("-ERR Can't execute 'client|list': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                    + " are allowed in this context\r\n", client.call("CLIENT", "LIST"));
            assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", client.call("PING"));
            String list = publisher.call("CLIENT", "LIST");
            assertTrue(list.contains(" flags=P db=0 sub=2 psub=1 ssub=1 "), list);
            assertEquals("*2\r\n$4\r\npong\r\n$2\r\nhi\r\n", client.call("PING", "hi"));
            awaitNumSub(publisher, "a");
            assertEquals(":1\r\n", publisher.call("PUBLISH", "a", "hello"));
            assertEquals("*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$5\r\nhello\r\n", client.read());
            assertEquals(":1\r\n", publisher.call("SPUBLISH", "s1", "shard"));
            assertEquals("*3\r\n$8\r\nsmessage\r\n$2\r\ns1\r\n$5\r\nshard\r\n", client.read());
            assertEquals(":1\r\n", publisher.call("PUBLISH", "hat", "x"));
            assertEquals("*4\r\n$8\r\npmessage\r\n$2\r\nh*\r\n$3\r\nhat\r\n$1\r\nx\r\n", client.read());
            // Without names: every channel, in the order subscribed.
            assertEquals("*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:2\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:1\r\n",
                    client.call("UNSUBSCRIBE") + client.read());
            assertEquals("*3\r\n$12\r\npunsubscribe\r\n$2\r\nh*\r\n:0\r\n", client.call("PUNSUBSCRIBE"));
            // Still subscribed to a shard channel: still in subscribed mode.
            assertTrue(client.call("GET", "x").startsWith("-ERR Can't execute 'get'"));
            assertEquals("*3\r\n$12\r\nsunsubscribe\r\n$2\r\ns1\r\n:0\r\n", client.call("SUNSUBSCRIBE", "s1"));
            assertEquals("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", client.call("UNSUBSCRIBE"));
            assertEquals("$-1\r\n", client.call("GET", "x"));
            assertEquals("+PONG\r\n", client.call("PING"));
        }
    }

    @Test
    void resp3GetsPushesAndRunsAnyCommandWhileSubscribed() throws Exception {
        try (RawClient client = new RawClient(node.port()); RawClient publisher = new RawClient(node.port())) {
            client.call("HELLO", "3");
            assertEquals(">3\r\n$9\r\nsubscribe\r\n$2\r\nc3\r\n:1\r\n", client.call("SUBSCRIBE", "c3"));
            assertEquals("_\r\n", client.call("GET", "x"));
            assertEquals("+PONG\r\n", client.call("PING"));
            awaitNumSub(publisher, "c3");
            assertEquals(":1\r\n", publisher.call("PUBLISH", "c3", "v"));
            assertEquals(">3\r\n$7\r\nmessage\r\n$2\r\nc3\r\n$1\r\nv\r\n", client.read());
            assertEquals(">3\r\n$11\r\nunsubscribe\r\n$2\r\nc3\r\n:0\r\n", client.call("UNSUBSCRIBE"));
            assertEquals(">3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n", client.call("UNSUBSCRIBE"));
        }
    }

    /** A message that comes while replies are pending waits for them: it is never written inside or before one. */
    @Test
    void aMessageWaitsForTheRepliesOfRequestsReadBeforeIt() throws Exception {
        try (RawClient client = new RawClient(node.port()); RawClient publisher = new RawClient(node.port())) {
            client.call("HELLO", "3");
            client.call("SUBSCRIBE", "q");
            awaitNumSub(publisher, "q");
            // A blocking pop holds the replies behind it while messages arrive.
            client.send("BLPOP", "pubsub-empty-list", "1");
            client.send("ECHO", "after");
            Eventually.await(Duration.ofSeconds(10), "the pop blocks",
                    () -> publisher.call("CLIENT", "LIST").contains("cmd=blpop"));
            assertEquals(":1\r\n", publisher.call("PUBLISH", "q", "during"));
            // The pop's reply first; the ECHO was not yet read when the message came (a blocked client's
            // later requests wait unread, as in Redis), so the message comes before its reply.
            assertEquals("_\r\n", client.read());
            assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\nq\r\n$6\r\nduring\r\n", client.read());
            assertEquals("$5\r\nafter\r\n", client.read());
        }
    }

    @Test
    void pubsubIntrospection() throws Exception {
        try (RawClient client = new RawClient(node.port()); RawClient other = new RawClient(node.port())) {
            client.call("SUBSCRIBE", "i1");
            client.call("SSUBSCRIBE", "is");
            client.call("PSUBSCRIBE", "ip*");
            Eventually.await(Duration.ofSeconds(10), () -> assertEquals(":1\r\n", other.call("PUBSUB", "NUMPAT")));
            assertEquals("*4\r\n$2\r\ni1\r\n:1\r\n$2\r\nzz\r\n:0\r\n", other.call("PUBSUB", "NUMSUB", "i1", "zz"));
            assertEquals("*2\r\n$2\r\nis\r\n:1\r\n", other.call("PUBSUB", "SHARDNUMSUB", "is"));
            assertEquals("*1\r\n$2\r\nis\r\n", other.call("PUBSUB", "SHARDCHANNELS"));
            assertEquals("*1\r\n$2\r\ni1\r\n", other.call("PUBSUB", "CHANNELS", "i*"));
            assertEquals("*0\r\n", other.call("PUBSUB", "NUMSUB"));
            assertEquals("-ERR unknown subcommand 'FOO'. Try PUBSUB HELP.\r\n", other.call("PUBSUB", "FOO"));
            assertEquals("-ERR wrong number of arguments for 'pubsub|numpat' command\r\n", other.call("PUBSUB", "NUMPAT", "x"));
            assertEquals("-ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.\r\n",
                    other.call("PUBSUB", "channels", "a", "b"));
            assertTrue(other.call("PUBSUB", "HELP").startsWith("*14\r\n+PUBSUB <subcommand>"));
            assertEquals("-ERR wrong number of arguments for 'subscribe' command\r\n", other.call("SUBSCRIBE"));
        }
        // The closed connection's subscriptions are gone.
        try (RawClient other = new RawClient(node.port())) {
            Eventually.await(Duration.ofSeconds(10), () -> assertEquals(":0\r\n", other.call("PUBSUB", "NUMPAT")));
            assertEquals("*2\r\n$2\r\ni1\r\n:0\r\n", other.call("PUBSUB", "NUMSUB", "i1"));
        }
    }

    @Test
    void keyspaceNotificationsFollowTheConfiguredClasses() throws Exception {
        try (RawClient client = new RawClient(node.port()); RawClient writer = new RawClient(node.port())) {
            assertEquals("*2\r\n$22\r\nnotify-keyspace-events\r\n$3\r\nAKE\r\n",
                    writer.call("CONFIG", "GET", "notify-keyspace-events"));
            try {
                client.call("PSUBSCRIBE", "__key*__:*");
                Eventually.await(Duration.ofSeconds(10), () -> assertEquals(":1\r\n", writer.call("PUBSUB", "NUMPAT")));
                writer.call("SET", "ks-key", "v");
                assertEquals(List.of("__keyspace@0__:ks-key set", "__keyevent@0__:set ks-key"), messages(client, 2));
                writer.call("LPUSH", "ks-list", "a");
                writer.call("LPOP", "ks-list");
                assertEquals(List.of("__keyspace@0__:ks-list lpush", "__keyevent@0__:lpush ks-list",
                        "__keyspace@0__:ks-list lpop", "__keyevent@0__:lpop ks-list",
                        "__keyspace@0__:ks-list del", "__keyevent@0__:del ks-list"), messages(client, 6));
                // Only keyevent messages, only for generic commands.
                writer.call("CONFIG", "SET", "notify-keyspace-events", "Eg");
                writer.call("SET", "ks-key", "w");
                writer.call("PEXPIRE", "ks-key", "50");
                assertEquals(List.of("__keyevent@0__:expire ks-key"), messages(client, 1));
                writer.call("CONFIG", "SET", "notify-keyspace-events", "Ex");
                // The active expiry deletes the key on its slot: "expired".
                assertEquals(List.of("__keyevent@0__:expired ks-key"), messages(client, 1));
                assertEquals("-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid"
                        + " event class character. Use 'Ag$lshzxeKEtmdn'.\r\n",
                        writer.call("CONFIG", "SET", "notify-keyspace-events", "KQ"));
            } finally {
                writer.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
            }
        }
    }

    /** The next {@code n} pmessages as "channel message". */
    private static List<String> messages(RawClient client, int n) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] lines = client.read().split("\r\n");
            got.add(lines[6] + " " + lines[8]);
        }
        return got;
    }

    private static void awaitNumSub(RawClient client, String channel) {
        Eventually.await(Duration.ofSeconds(10), "the subscription reaches the hub",
                () -> !client.call("PUBSUB", "NUMSUB", channel).endsWith(":0\r\n"));
    }
}
