package io.pikko.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.pikko.admin.HttpCalls.Answer;
import io.pikko.testing.Eventually;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/**
 * The overview of a cluster of three members: A, a second full node B whose figures come from its
 * own admin endpoint, and a member C whose admin endpoint accepts connections but never answers,
 * and which then dies. Neither C nor its death holds the overview up.
 */
class ClusterOverviewTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String A = "127.0.0.1:9221";
    private static final String B = "127.0.0.1:9222";
    private static final String C = "127.0.0.1:9223";

    @Test
    void peersFiguresAreFetchedAndADeadPeerIsShownNotWaitedFor() throws Exception {
        try (AdminTestNode a = AdminTestNode.lone(A, "");
             AdminTestNode b = AdminTestNode.joining(B, a);
             ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ActorSystem<Void> c = silentMember(a, blackHole);
            try {
                HttpCalls api = new HttpCalls(a.url(), "");
                Eventually.await(WAIT, "A, B and C are up",
                        () -> statuses(api.get("/api/nodes").json()).equals(Map.of(A, "up", B, "up", C, "up")));

                b.clients.set(4);
                ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
                traffic.scheduleAtFixedRate(() -> {
                    a.commands.addAndGet(100);
                    b.commands.addAndGet(300);
                }, 0, 10, TimeUnit.MILLISECONDS);
                try {
                    Eventually.await(WAIT, "each node's rate comes from the node itself, and the cluster's is their sum", () -> {
                        JsonNode overview = api.get("/api/overview").json();
                        double rateA = byResp(overview).get(A).get("opsPerSec").asDouble();
                        double rateB = byResp(overview).get(B).get("opsPerSec").asDouble();
                        return rateA > 5_000 && rateB > 15_000
                                && Math.abs(overview.get("opsPerSec").asDouble() - rateA - rateB) < 1e-6;
                    });
                } finally {
                    traffic.shutdownNow();
                }

                long started = System.nanoTime();
                Answer overview = api.get("/api/overview");
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, overview.status(), overview.body());
                assertTrue(millis < 4000, "the silent peer held the overview for " + millis + " ms");
                Map<String, JsonNode> nodes = byResp(overview.json());
                assertEquals(4, nodes.get(B).get("clients").asInt());
                assertTrue(nodes.get(A).get("dashboard").asBoolean());
                assertFalse(nodes.get(B).get("dashboard").asBoolean());
                assertTrue(nodes.get(C).get("opsPerSec").isNull(), overview.body());
                assertTrue(nodes.get(C).get("clients").isNull(), overview.body());
            } finally {
                // C dies without leaving the cluster, as a killed process does.
                c.terminate();
                // How the dying member's own HTTP pool ends does not matter here, only that it is gone.
                c.getWhenTerminated().toCompletableFuture().handle((done, failure) -> done).join();
            }
            HttpCalls api = new HttpCalls(a.url(), "");
            Eventually.await(WAIT, "the others see C unreachable until it is downed",
                    () -> "unreachable".equals(statuses(api.get("/api/overview").json().get("nodes")).get(C)));
        }
    }

    /** A bare member with the RESP and admin roles of a node, its admin address a socket that never answers. */
    private static ActorSystem<Void> silentMember(AdminTestNode seed, ServerSocket blackHole) {
        ActorSystem<Void> member = ActorSystem.create(Behaviors.empty(), "pikko", ConfigFactory.parseString("""
                        pekko.coordinated-shutdown.run-by-actor-system-terminate = off
                        pekko.cluster.run-coordinated-shutdown-when-down = off
                        """)
                .withFallback(AdminTestNode.config(C, "127.0.0.1:" + blackHole.getLocalPort(),
                        Path.of("target", "member-without-persistence"))));
        Cluster.get(member).manager().tell(Join.create(seed.clusterAddress()));
        AdminTestNode.awaitUp(member);
        return member;
    }

    private static Map<String, String> statuses(JsonNode nodes) {
        Map<String, String> out = new HashMap<>();
        nodes.forEach(n -> out.put(n.get("resp").asText(), n.get("status").asText()));
        return out;
    }

    private static Map<String, JsonNode> byResp(JsonNode overview) {
        Map<String, JsonNode> out = new HashMap<>();
        overview.get("nodes").forEach(n -> out.put(n.get("resp").asText(), n));
        return out;
    }

}
