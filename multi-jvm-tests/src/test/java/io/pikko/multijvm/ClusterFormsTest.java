package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Three node JVMs form one cluster, and each of them serves clients. */
class ClusterFormsTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    @Test
    void everyNodeAnswersPing() {
        for (ClusterNode node : cluster.nodes()) {
            try (Jedis jedis = node.jedis()) {
                assertEquals("PONG", jedis.ping(), node.toString());
            }
        }
    }

    @Test
    void everyNodeStoresAndReturnsValues() {
        for (ClusterNode node : cluster.nodes()) {
            try (Jedis jedis = node.jedis()) {
                for (int k = 0; k < 20; k++) {
                    String key = "forms:" + node.index() + ":" + k;
                    assertEquals("OK", jedis.set(key, "value " + k));
                    assertEquals("value " + k, jedis.get(key), node + " " + key);
                }
            }
        }
    }
}
