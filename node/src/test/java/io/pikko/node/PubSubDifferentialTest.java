package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.node.ConnectionCommandsTest.RawClient;
import io.pikko.testing.Eventually;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub sequences sent to redis-server and to a Pikko node alike, a subscriber and a publisher on
 * each: every reply, confirmation and message, byte for byte, must be the same. Seeded random
 * sequences of (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH, PING, PUBSUB and refused
 * commands in RESP2 and RESP3, and keyspace notifications of a run of writes.
 *
 * <p>The subscriber stays subscribed to the channel "end" throughout: after a publisher's steps the
 * publisher publishes on it, and the subscriber reads up to that message, so both servers are read
 * to the same point although Pikko delivers messages asynchronously. Redis answers an UNSUBSCRIBE
 * without names in its hash table's order, so the sequences never send one (PubSubTest does).
 */
class PubSubDifferentialTest extends DifferentialTestBase {
    private static final List<String> CHANNELS = List.of("c1", "c2", "c3", "x1");
    /** No channel matches two of them: Redis delivers to several matching patterns in its hash table's order. */
    private static final List<String> PATTERNS = List.of("c[12]", "*3", "x?", "y*");
    private static final List<String> SHARD_CHANNELS = List.of("s1", "s2");

    /** One server's pair of connections, and everything the subscriber heard. */
    private static final class Side implements AutoCloseable {
        final RawClient subscriber;
        final RawClient publisher;
        final StringBuilder heard = new StringBuilder();

        Side(int port, int protocol) throws IOException {
            subscriber = new RawClient(port);
            publisher = new RawClient(port);
            if (protocol == 3) {
                subscriber.call("HELLO", "3");
            }
            heard.append(subscriber.call("SUBSCRIBE", "end"));
        }

        /**
         * A subscriber's command: its replies up to the answer to a PING sent after it (a PING's own
         * answer is one of its replies, so that the next step does not end at it).
         */
        void subscriberSays(String... args) {
            subscriber.send(args);
            subscriber.send("PING");
            heard.append("> ").append(String.join(" ", args)).append('\n');
            boolean ownPong = args.length == 1 && args[0].equalsIgnoreCase("PING");
            while (true) {
                String reply = subscriber.read();
                boolean pong = reply.equals("+PONG\r\n") || reply.equals("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
                if (pong && !ownPong) {
                    return;
                }
                ownPong &= !pong;
                heard.append(reply);
            }
        }

        /** A publisher's command; its reply goes into the transcript too. */
        void publisherSays(String... args) {
            heard.append("publisher> ").append(String.join(" ", args)).append(": ").append(publisher.call(args));
        }

        /** What the subscriber got since the publisher's last steps, read up to the "end" message. */
        void drain(int mark) {
            String end = "$3\r\nend\r\n$" + Integer.toString(mark).length() + "\r\n" + mark + "\r\n";
            publisher.call("PUBLISH", "end", Integer.toString(mark));
            while (true) {
                String message = subscriber.read();
                if (message.endsWith(end)) {
                    return;
                }
                heard.append(message);
            }
        }

        @Override
        public void close() throws IOException {
            subscriber.close();
            publisher.close();
        }
    }

    @Test
    void seededSequencesInResp2() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            compareSequence(seed, 2);
        }
    }

    @Test
    void seededSequencesInResp3() throws IOException {
        for (long seed = 11; seed <= 13; seed++) {
            compareSequence(seed, 3);
        }
    }

    private void compareSequence(long seed, int protocol) throws IOException {
        try (Side redisSide = new Side(redisServer.port(), protocol); Side pikkoSide = new Side(node.port(), protocol)) {
            List<Side> sides = List.of(redisSide, pikkoSide);
            Random random = new Random(seed);
            Set<String> channels = new LinkedHashSet<>();
            for (int step = 0; step < 60; step++) {
                int kind = random.nextInt(10);
                if (kind <= 3) {
                    List<String> args = subscriberStep(random, channels);
                    sides.forEach(side -> side.subscriberSays(args.toArray(String[]::new)));
                    // A subscription reaches Pikko's hub after its confirmation: wait, as PUBSUB shows it.
                    awaitSubscriptions(redisSide, pikkoSide);
                } else {
                    int publishes = 1 + random.nextInt(3);
                    List<List<String>> steps = new ArrayList<>();
                    for (int i = 0; i < publishes; i++) {
                        steps.add(publisherStep(random));
                    }
                    int mark = step;
                    for (Side side : sides) {
                        steps.forEach(args -> side.publisherSays(args.toArray(String[]::new)));
                        side.drain(mark);
                    }
                }
                assertEquals(redisSide.heard.toString(), pikkoSide.heard.toString(), "seed " + seed + ", step " + step);
            }
        }
    }

    /** Pikko's hub takes subscriptions asynchronously: wait until it counts what Redis counts. */
    private static void awaitSubscriptions(Side redisSide, Side pikkoSide) {
        List<String> numsub = new ArrayList<>(List.of("PUBSUB", "NUMSUB"));
        numsub.addAll(CHANNELS);
        List<String> shardNumsub = new ArrayList<>(List.of("PUBSUB", "SHARDNUMSUB"));
        shardNumsub.addAll(SHARD_CHANNELS);
        for (List<String> query : List.of(numsub, shardNumsub, List.of("PUBSUB", "NUMPAT"))) {
            String expected = redisSide.publisher.call(query.toArray(String[]::new));
            Eventually.await(Duration.ofSeconds(10),
                    () -> assertEquals(expected, pikkoSide.publisher.call(query.toArray(String[]::new))));
        }
    }

    private static List<String> subscriberStep(Random random, Set<String> channels) {
        List<String> args = new ArrayList<>();
        switch (random.nextInt(9)) {
            case 0 -> {
                args.add("SUBSCRIBE");
                args.addAll(some(random, CHANNELS, 1));
                channels.addAll(args.subList(1, args.size()));
            }
            case 1 -> {
                args.add("UNSUBSCRIBE");
                args.addAll(some(random, CHANNELS, 1));
                args.subList(1, args.size()).forEach(channels::remove);
            }
            case 2 -> {
                args.add("PSUBSCRIBE");
                args.addAll(some(random, PATTERNS, 1));
            }
            case 3 -> {
                args.add("PUNSUBSCRIBE");
                // Patterns are a list in Redis: without names they go in the order subscribed.
                args.addAll(some(random, PATTERNS, 0));
            }
            case 4 -> {
                args.add("SSUBSCRIBE");
                args.addAll(some(random, SHARD_CHANNELS, 1));
            }
            case 5 -> {
                args.add("SUNSUBSCRIBE");
                args.addAll(some(random, SHARD_CHANNELS, 1));
            }
            case 6 -> args.addAll(random.nextBoolean() ? List.of("PING") : List.of("PING", "hello"));
            case 7 -> args.addAll(List.of("GET", "somekey"));
            default -> args.addAll(List.of("PUBSUB", "NUMSUB", "c1", "end"));
        }
        return args;
    }

    private static List<String> publisherStep(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> List.of("SPUBLISH", pick(random, SHARD_CHANNELS), "m" + random.nextInt(100));
            case 1 -> List.of("PUBSUB", "NUMPAT");
            default -> List.of("PUBLISH", pick(random, CHANNELS), "m" + random.nextInt(100));
        };
    }

    private static List<String> some(Random random, List<String> from, int atLeast) {
        int n = atLeast + random.nextInt(3 - atLeast);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            picked.add(pick(random, from));
        }
        return picked;
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    @Test
    void keyspaceNotificationsOfAWriteSequence() throws IOException {
        List<List<String>> writes = List.of(
                List.of("SET", "k", "1"), List.of("SET", "k", "2", "EX", "100"), List.of("SET", "k", "3", "NX"),
                List.of("SET", "k", "4", "XX", "GET"), List.of("SETNX", "k", "5"), List.of("SETNX", "k2", "5"),
                List.of("SETEX", "k3", "100", "v"), List.of("PSETEX", "k3", "100000", "v"), List.of("GETSET", "k", "x"),
                List.of("GETDEL", "k"), List.of("GETDEL", "k"), List.of("GETEX", "k3", "EX", "200"),
                List.of("GETEX", "k3", "PERSIST"), List.of("GETEX", "k3"), List.of("MSET", "{m}a", "1", "{m}b", "2"),
                List.of("MSETNX", "{n}a", "1", "{n}b", "2"), List.of("MSETNX", "{n}a", "1", "{n}c", "2"),
                List.of("INCR", "n"), List.of("INCRBY", "n", "5"), List.of("DECR", "n"), List.of("DECRBY", "n", "2"),
                List.of("INCRBYFLOAT", "n", "1.5"), List.of("APPEND", "n", "x"), List.of("APPEND", "z", "x"),
                List.of("SETRANGE", "z", "0", "y"), List.of("SETRANGE", "z", "0", ""), List.of("DEL", "z", "nothing"),
                List.of("UNLINK", "n"), List.of("EXPIRE", "k2", "100"), List.of("EXPIRE", "k2", "100", "NX"),
                List.of("PERSIST", "k2"), List.of("PERSIST", "k2"), List.of("PEXPIRE", "k2", "-1"),
                List.of("SET", "{r}a", "1"), List.of("RENAME", "{r}a", "{r}b"), List.of("RENAMENX", "{r}b", "{r}c"),
                List.of("LPUSH", "l", "a", "b"), List.of("RPUSH", "l", "c"), List.of("LPUSHX", "l", "d"),
                List.of("RPUSHX", "l", "e"), List.of("LPUSHX", "nolist", "d"), List.of("LPOP", "l"),
                List.of("RPOP", "l", "2"), List.of("LPOP", "l", "5"), List.of("HSET", "h", "a", "1", "b", "2"),
                List.of("HSETNX", "h", "a", "1"), List.of("HSETNX", "h", "c", "1"), List.of("HMSET", "h", "d", "1"),
                List.of("HINCRBY", "h", "a", "2"), List.of("HINCRBYFLOAT", "h", "a", "1.5"), List.of("HDEL", "h", "a", "zz"),
                List.of("HDEL", "h", "b", "c", "d"), List.of("SADD", "s", "a", "b"), List.of("SADD", "s", "a"),
                List.of("SREM", "s", "a", "zz"), List.of("SREM", "s", "b"), List.of("ZADD", "z2", "1", "a", "2", "b"),
                List.of("ZADD", "z2", "1", "a"), List.of("ZADD", "z2", "INCR", "1", "a"), List.of("ZINCRBY", "z2", "1", "a"),
                List.of("ZINCRBY", "z2", "0", "a"), List.of("ZREM", "z2", "a"), List.of("ZREM", "z2", "b", "c"));
        redis.configSet("notify-keyspace-events", "KEA");
        pikko.configSet("notify-keyspace-events", "KEA");
        try (Side redisSide = new Side(redisServer.port(), 2); Side pikkoSide = new Side(node.port(), 2)) {
            for (Side side : List.of(redisSide, pikkoSide)) {
                side.subscriberSays("PSUBSCRIBE", "__key*@0__:*");
            }
            awaitSubscriptions(redisSide, pikkoSide);
            int mark = 0;
            for (List<String> write : writes) {
                for (Side side : List.of(redisSide, pikkoSide)) {
                    side.publisherSays(write.toArray(String[]::new));
                    side.drain(mark);
                }
                mark++;
                assertEquals(redisSide.heard.toString(), pikkoSide.heard.toString(), String.join(" ", write));
            }
        } finally {
            redis.configSet("notify-keyspace-events", "");
            pikko.configSet("notify-keyspace-events", "");
        }
    }
}
