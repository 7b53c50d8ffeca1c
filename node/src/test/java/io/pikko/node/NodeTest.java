package io.pikko.node;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/** One node for the whole test class, a client on it, and every test starting in an empty database 0. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NodeTest {
    protected TestNode node;
    protected Jedis jedis;

    /** Settings the node starts with, over TestNode's own; none unless a class overrides this. */
    protected Map<String, Object> nodeSettings() {
        return Map.of();
    }

    @BeforeAll
    void startNode() {
        node = TestNode.start(nodeSettings());
        jedis = node.client();
    }

    @AfterAll
    void stopNode() {
        jedis.close();
        node.close();
    }

    @BeforeEach
    void flush() {
        jedis.select(0);
        jedis.flushAll();
    }

    /** The class's client, which {@link RawCommands} sends to in the classes that use them. */
    public Jedis jedis() {
        return jedis;
    }
}
