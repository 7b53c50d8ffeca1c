package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A runaway script holds only its own slot: other slots are served meanwhile, the script's slot
 * answers BUSY once busy-reply-threshold has passed, and SCRIPT KILL stops it, unless it wrote.
 */
class ScriptKillTest extends NodeTest {

    @Test
    void scriptKillStopsARunawayScriptWhileOtherSlotsAreServed() throws Exception {
        assertEquals("OK", call(jedis, "CONFIG", "SET", "busy-reply-threshold", "200"));
        assertTrue(SlotHash.slotOf("{loop}a".getBytes()) != SlotHash.slotOf("other".getBytes()));
        try (Jedis runner = node.client(); Jedis sameSlot = node.client(); Jedis killer = node.client()) {
            CompletableFuture<String> runaway = CompletableFuture.supplyAsync(() -> {
                try {
                    runner.sendCommand(ConnectionCommandsTest.command("EVAL"), "while true do end", "1", "{loop}a");
                    return "returned";
                } catch (JedisDataException e) {
                    return e.getMessage();
                }
            });
            Eventually.await(Duration.ofSeconds(10), () -> assertEquals(
                    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
                    error(sameSlot, "GET", "{loop}b")));
            for (int i = 0; i < 20; i++) {
                assertEquals("OK", jedis.set("other" + i, "v"));
                assertEquals("v", jedis.get("other" + i));
            }
            assertEquals("OK", call(killer, "SCRIPT", "KILL"));
            String answer = runaway.get(10, TimeUnit.SECONDS);
            assertEquals("ERR Script killed by user with SCRIPT KILL... script: "
                    + io.pikko.commands.script.Sha1.hex("while true do end".getBytes()) + ", on @user_script:1.", answer);
            assertEquals("OK", sameSlot.set("{loop}b", "free"));
            assertEquals("NOTBUSY No scripts in execution right now.", error(killer, "SCRIPT", "KILL"));
        } finally {
            call(jedis, "CONFIG", "SET", "busy-reply-threshold", "5000");
        }
    }

    @Test
    void aScriptThatWroteCannotBeKilled() throws Exception {
        assertEquals("OK", call(jedis, "CONFIG", "SET", "lua-time-limit", "100"));
        try (Jedis runner = node.client(); Jedis killer = node.client()) {
            CompletableFuture<Object> writer = CompletableFuture.supplyAsync(() -> call(runner, "EVAL",
                    "redis.call('set', KEYS[1], 'w'); local t = os.clock(); while os.clock() - t < 1.5 do end; return 7",
                    "1", "{w}k"));
            Eventually.await(Duration.ofSeconds(5), () -> assertTrue(
                    error(killer, "SCRIPT", "KILL").startsWith("UNKILLABLE Sorry the script already executed write commands")));
            assertEquals(7L, writer.get(10, TimeUnit.SECONDS));
            assertEquals("w", jedis.get("{w}k"));
        } finally {
            call(jedis, "CONFIG", "SET", "lua-time-limit", "5000");
        }
    }
}
