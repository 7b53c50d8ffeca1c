package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;

/** Pub/sub across three node JVMs: every message published on any node reaches every subscriber on every node. */
class ClusterPubSubTest {
    private static final int PUBLISHERS = 4;
    private static final int MESSAGES = 100_000;
    private static final int PER_PUBLISHER = MESSAGES / PUBLISHERS;

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    /**
     * Checks, as messages come, that each publisher's messages arrive exactly once and in order: the
     * next one from publisher p must carry the sequence number after the last one heard from p.
     */
    private static final class OrderCheckingSubscriber extends JedisPubSub {
        final int[] next = new int[PUBLISHERS];
        final Set<Integer> warmedUp = ConcurrentHashMap.newKeySet();
        final AtomicReference<String> problem = new AtomicReference<>();
        volatile int received;

        @Override
        public void onMessage(String channel, String message) {
            int colon = message.indexOf(':');
            int publisher = Integer.parseInt(message.substring(0, colon));
            int seq = Integer.parseInt(message.substring(colon + 1));
            if (channel.equals("warmup")) {
                warmedUp.add(publisher);
                return;
            }
            if (seq != next[publisher]) {
                problem.compareAndSet(null, "from publisher " + publisher + " got " + seq + ", expected " + next[publisher]);
            }
            next[publisher] = seq + 1;
            received++;
        }
    }

    @Test
    void oneHundredThousandMessagesFromFourPublishersReachEverySubscriberOnceAndInOrder() throws Exception {
        List<OrderCheckingSubscriber> subscribers = new ArrayList<>();
        List<Jedis> connections = new ArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            for (ClusterNode node : cluster.nodes()) {
                OrderCheckingSubscriber subscriber = new OrderCheckingSubscriber();
                Jedis jedis = new Jedis("127.0.0.1", node.respPort(), 60_000);
                connections.add(jedis);
                subscribers.add(subscriber);
                threads.submit(() -> jedis.subscribe(subscriber, "load", "warmup"));
            }
            List<Jedis> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                Jedis jedis = cluster.node(p % cluster.size()).jedis();
                connections.add(jedis);
                publishers.add(jedis);
            }
            // The nodes' topics find each other through the receptionist: publish until every
            // subscriber hears every publisher, so that no measured message is published too early.
            Eventually.await(Duration.ofSeconds(30), "every subscriber hears every publisher", () -> {
                for (int p = 0; p < PUBLISHERS; p++) {
                    publishers.get(p).publish("warmup", p + ":0");
                }
                return subscribers.stream().allMatch(s -> s.warmedUp.size() == PUBLISHERS);
            });
            long start = System.nanoTime();
            List<Future<?>> publishing = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                publishing.add(threads.submit(() -> {
                    Pipeline pipeline = publishers.get(publisher).pipelined();
                    for (int seq = 0; seq < PER_PUBLISHER; seq++) {
                        pipeline.publish("load", publisher + ":" + seq);
                        if (seq % 500 == 499) {
                            pipeline.sync();
                        }
                    }
                    pipeline.sync();
                    return null;
                }));
            }
            for (Future<?> done : publishing) {
                done.get(60, TimeUnit.SECONDS);
            }
            Eventually.await(Duration.ofSeconds(40), () -> {
                for (OrderCheckingSubscriber subscriber : subscribers) {
                    assertEquals(null, subscriber.problem.get());
                    assertEquals(MESSAGES, subscriber.received);
                }
            });
            long millis = (System.nanoTime() - start) / 1_000_000;
            for (OrderCheckingSubscriber subscriber : subscribers) {
                assertEquals(null, subscriber.problem.get());
                for (int p = 0; p < PUBLISHERS; p++) {
                    assertEquals(PER_PUBLISHER, subscriber.next[p], "publisher " + p);
                }
                subscriber.unsubscribe();
            }
            System.out.println("pub/sub: " + MESSAGES + " messages to " + subscribers.size() + " subscribers in " + millis + " ms");
            // Nothing more came after the last one: a duplicate would have shown as a problem or a higher count.
            for (OrderCheckingSubscriber subscriber : subscribers) {
                assertEquals(MESSAGES, subscriber.received);
            }
        } finally {
            connections.forEach(Jedis::close);
            threads.shutdownNow();
        }
    }

    @Test
    void aKeyspaceNotificationOfAWriteOnOneNodeReachesASubscriberOnAnother() throws Exception {
        // notify-keyspace-events is a node's setting, as in Redis: events come from the node that holds the key's slot.
        for (ClusterNode node : cluster.nodes()) {
            try (Jedis jedis = node.jedis()) {
                assertEquals("OK", jedis.configSet("notify-keyspace-events", "KEA"));
            }
        }
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                heard.add(channel + " " + message);
            }
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Jedis subscriber = new Jedis("127.0.0.1", cluster.node(2).respPort(), 30_000);
             Jedis writer = cluster.node(1).jedis()) {
            thread.submit(() -> subscriber.psubscribe(listener, "__keyevent@0__:*"));
            // Until the subscription and the topics are in place, a write's event may not reach node 2.
            Eventually.await(Duration.ofSeconds(30), "an event reaches node 2", () -> {
                writer.set("pubsub:probe", "1");
                return heard.poll(200, TimeUnit.MILLISECONDS) != null;
            });
            heard.clear();
            writer.sadd("pubsub:set", "member");
            String event = heard.poll(10, TimeUnit.SECONDS);
            while ("__keyevent@0__:set pubsub:probe".equals(event)) {
                event = heard.poll(10, TimeUnit.SECONDS);
            }
            assertEquals("__keyevent@0__:sadd pubsub:set", event);
            listener.punsubscribe();
        } finally {
            thread.shutdownNow();
            for (ClusterNode node : cluster.nodes()) {
                try (Jedis jedis = node.jedis()) {
                    jedis.configSet("notify-keyspace-events", "");
                }
            }
        }
    }
}
