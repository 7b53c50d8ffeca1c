package io.pikko.node;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * A real redis-server and a Pikko node for the whole test class, a client on each, and both
 * emptied before every test, for tests that compare Pikko's replies with Redis's. The class is
 * skipped when redis-server is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DifferentialTestBase {
    protected RedisServer redisServer;
    protected TestNode node;
    protected Jedis redis;
    protected Jedis pikko;

    @BeforeAll
    void startServers() throws IOException, InterruptedException {
        redisServer = RedisServer.startOrSkip();
        redis = redisServer.client();
        node = TestNode.start();
        pikko = node.client();
    }

    @AfterAll
    void stopServers() {
        if (pikko != null) {
            pikko.close();
            node.close();
        }
        if (redis != null) {
            redis.close();
            redisServer.close();
        }
    }

    @BeforeEach
    void flushBoth() {
        redis.flushAll();
        pikko.flushAll();
    }
}
