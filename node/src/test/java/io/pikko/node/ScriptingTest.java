package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;

/**
 * EVAL, EVALSHA, their _RO forms and SCRIPT through a real node: Redis 7.0's conversions in both
 * protocols, its error texts, the sandbox, the libraries, and the slot rules.
 */
class ScriptingTest extends NodeTest {

    private static String sha(String body) {
        return io.pikko.commands.script.Sha1.hex(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void returnValuesConvertAsInRedis() {
        assertEquals(java.util.Arrays.asList(1L, 2L, 3L, "x", 1L, null), call(jedis, "EVAL", "return {1,2,3.5,'x',true,false,nil,4}", "0"));
        assertEquals(3L, call(jedis, "EVAL", "return 3.99", "0"));
        assertEquals(-3L, call(jedis, "EVAL", "return -3.99", "0"));
        assertNull(call(jedis, "EVAL", "return false", "0"));
        assertNull(call(jedis, "EVAL", "return nil", "0"));
        assertEquals("FINE", call(jedis, "EVAL", "return redis.status_reply('FINE')", "0"));
        assertEquals("X", call(jedis, "EVAL", "return {ok='X'}", "0"));
        assertEquals("My Error", error(jedis, "EVAL", "return redis.error_reply('My Error')", "0"));
        assertEquals("X", error(jedis, "EVAL", "return {err='X'}", "0"));
        assertEquals("1.5", call(jedis, "EVAL", "return {double=1.5}", "0"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", call(jedis, "EVAL", "return redis.sha1hex('')", "0"));
        assertEquals(List.of("k1", "k2", "a1"), call(jedis, "EVAL", "return {KEYS[1], KEYS[2], ARGV[1]}", "2", "{t}k1", "{t}k2", "a1")
                .equals(List.of("{t}k1", "{t}k2", "a1")) ? List.of("k1", "k2", "a1") : List.of());
    }

    @Test
    void commandRepliesConvertAsInRedis() {
        jedis.set("s", "abc");
        jedis.hset("h", "a", "1");
        assertEquals("OK", call(jedis, "EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v"));
        assertEquals("v", jedis.get("k"));
        assertEquals("table", call(jedis, "EVAL", "return type(redis.call('ping'))", "0"));
        assertEquals("PONG", call(jedis, "EVAL", "return redis.call('ping').ok", "0"));
        assertEquals("boolean", call(jedis, "EVAL", "return type(redis.call('get', KEYS[1]))", "1", "nokey"));
        assertEquals("0.10000000000000001", call(jedis, "EVAL",
                "redis.call('set', KEYS[1], 0.1); return redis.call('get', KEYS[1])", "1", "f"));
        assertEquals(List.of("a", "1"), call(jedis, "EVAL", "return redis.call('hgetall', KEYS[1])", "1", "h"));
        assertEquals("table1", call(jedis, "EVAL",
                "redis.setresp(3); local r = redis.call('hgetall', KEYS[1]); return type(r) .. r.map.a", "1", "h"));
        assertEquals("tableERR value is not an integer or out of range", call(jedis, "EVAL",
                "local r = redis.pcall('incr', KEYS[1]); return type(r) .. r.err", "1", "s"));
    }

    @Test
    void errorsCarryRedisTexts() {
        String x = "x=1";
        assertEquals("ERR user_script:1: Attempt to modify a readonly table script: " + sha(x) + ", on @user_script:1.",
                error(jedis, "EVAL", x, "0"));
        String y = "return y";
        assertEquals("ERR user_script:1: Script attempted to access nonexistent global variable 'y' script: " + sha(y)
                + ", on @user_script:1.", error(jedis, "EVAL", y, "0"));
        String boom = "error('boom')";
        assertEquals("ERR user_script:1: boom script: " + sha(boom) + ", on @user_script:1.", error(jedis, "EVAL", boom, "0"));
        String table = "error({err='FOO bar'})";
        assertEquals("FOO bar script: " + sha(table) + ", on @user_script:1.", error(jedis, "EVAL", table, "0"));
        jedis.set("s", "abc");
        String incr = "return redis.call('incr', KEYS[1])";
        assertEquals("ERR value is not an integer or out of range script: " + sha(incr) + ", on @user_script:1.",
                error(jedis, "EVAL", incr, "1", "s"));
        String unknown = "return redis.call('nosuch')";
        assertEquals("ERR Unknown Redis command called from script script: " + sha(unknown) + ", on @user_script:1.",
                error(jedis, "EVAL", unknown, "0"));
        String noArgs = "return redis.call()";
        assertEquals("ERR Please specify at least one argument for this redis lib call script: " + sha(noArgs)
                + ", on @user_script:1.", error(jedis, "EVAL", noArgs, "0"));
        String arity = "return redis.call('get')";
        assertEquals("ERR Wrong number of args calling Redis command from script script: " + sha(arity)
                + ", on @user_script:1.", error(jedis, "EVAL", arity, "0"));
        String write = "return redis.call('set', KEYS[1], 'b')";
        assertEquals("ERR Write commands are not allowed from read-only scripts. script: " + sha(write)
                + ", on @user_script:1.", error(jedis, "EVAL_RO", write, "1", "a"));
        String blocking = "return redis.call('blpop', KEYS[1], 0)";
        assertEquals("ERR This Redis command is not allowed from script script: " + sha(blocking)
                + ", on @user_script:1.", error(jedis, "EVAL", blocking, "1", "l"));
        String badArg = "return redis.call('set', {}, 1)";
        assertEquals("ERR Lua redis lib command arguments must be strings or integers script: " + sha(badArg)
                + ", on @user_script:1.", error(jedis, "EVAL", badArg, "0"));
        assertEquals("ERR Number of keys can't be negative", error(jedis, "EVAL", "return 1", "-1"));
        assertEquals("ERR Number of keys can't be greater than number of args", error(jedis, "EVAL", "return 1", "2", "a"));
        assertEquals("NOSCRIPT No matching script. Please use EVAL.", error(jedis, "EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"));
        assertTrue(error(jedis, "EVAL", "syntax error here", "0").startsWith("ERR Error compiling script (new function): user_script:1:"));
    }

    @Test
    void theSandboxHidesTheHost() {
        for (String global : List.of("io", "dofile", "loadfile", "require", "debug")) {
            String body = "return " + global;
            assertEquals("ERR user_script:1: Script attempted to access nonexistent global variable '" + global
                    + "' script: " + sha(body) + ", on @user_script:1.", error(jedis, "EVAL", body, "0"));
        }
        assertEquals("number", call(jedis, "EVAL", "return type(os.clock())", "0"));
        assertNull(call(jedis, "EVAL", "return os.time", "0"));
        assertEquals(1L, call(jedis, "EVAL", "return unpack({1,2})", "0"));
        assertTrue(error(jedis, "EVAL", "string.foo = 1", "0").contains("Attempt to modify a readonly table"));
    }

    @Test
    void librariesAsRedisShipsThem() {
        assertEquals("{\"b\":[1,2,\"x\"]}", call(jedis, "EVAL", "return cjson.encode({b={1,2,'x'}})", "0"));
        assertEquals("\"a\\/b\\\"\\n\"", call(jedis, "EVAL", "return cjson.encode('a/b\"\\n')", "0"));
        assertEquals("{}", call(jedis, "EVAL", "return cjson.encode({})", "0"));
        assertEquals(List.of(1L, 2L, "x"), call(jedis, "EVAL", "local t = cjson.decode('[1,2,\"x\"]'); return t", "0"));
        assertEquals("x", call(jedis, "EVAL", "return cjson.decode('{\"a\":{\"b\":\"x\"}}').a.b", "0"));
        assertEquals("930102a1610a", call(jedis, "EVAL",
                "local s = cmsgpack.pack({1,2,'a'}) .. string.char(10); local h = '' "
                + "for i = 1, #s do h = h .. string.format('%02x', s:byte(i)) end return h", "0"));
        assertEquals(List.of(1L, 2L, "a"), call(jedis, "EVAL", "return cmsgpack.unpack(cmsgpack.pack({1,2,'a'}))", "0"));
        assertEquals("000000010002", call(jedis, "EVAL",
                "local s = struct.pack('>iH', 1, 2); local h = '' "
                + "for i = 1, #s do h = h .. string.format('%02x', s:byte(i)) end return h", "0"));
        assertEquals(List.of(1L, 2L, 7L), call(jedis, "EVAL", "return {struct.unpack('>iH', struct.pack('>iH', 1, 2))}", "0"));
        assertEquals("000000ff3-2147483648", call(jedis, "EVAL", "return bit.tohex(255)..bit.band(7,3)..bit.lshift(1,31)", "0"));
    }

    @Test
    void scriptCacheAndEvalsha() {
        String body = "return ARGV[1]";
        assertEquals(sha(body), call(jedis, "SCRIPT", "LOAD", body));
        assertEquals("hi", call(jedis, "EVALSHA", sha(body), "0", "hi"));
        assertEquals("hi", call(jedis, "EVALSHA_RO", sha(body).toUpperCase(), "0", "hi"));
        assertEquals(List.of(1L, 0L), call(jedis, "SCRIPT", "EXISTS", sha(body), "0000000000000000000000000000000000000000"));
        assertEquals("OK", call(jedis, "SCRIPT", "FLUSH"));
        assertEquals(List.of(0L), call(jedis, "SCRIPT", "EXISTS", sha(body)));
        call(jedis, "EVAL", body, "0", "again");
        assertEquals(List.of(1L), call(jedis, "SCRIPT", "EXISTS", sha(body)));
        assertEquals("NOTBUSY No scripts in execution right now.", error(jedis, "SCRIPT", "KILL"));
    }

    @Test
    void keysOfOneSlotOnly() {
        assertEquals("CROSSSLOT Keys in request don't hash to the same slot",
                error(jedis, "EVAL", "return 1", "2", "a", "b"));
        String other = "return redis.call('get', 'b')";
        assertEquals("ERR Script attempted to access a non local key in a cluster node script: " + sha(other)
                + ", on @user_script:1.", error(jedis, "EVAL", other, "1", "a"));
        assertEquals(2L, call(jedis, "EVAL",
                "redis.call('rpush', KEYS[1], 'x'); redis.call('rpush', KEYS[2], 'y'); "
                + "return redis.call('llen', KEYS[1]) + redis.call('llen', KEYS[2])", "2", "{u}a", "{u}b"));
    }

    @Test
    void pipelinedCommandsAfterAScriptSeeItsWrites() {
        redis.clients.jedis.Pipeline pipeline = jedis.pipelined();
        List<redis.clients.jedis.Response<Object>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(pipeline.sendCommand(ConnectionCommandsTest.command("EVAL"),
                    "return redis.call('incr', KEYS[1])", "1", "{p}n"));
            replies.add(pipeline.sendCommand(ConnectionCommandsTest.command("GET"), "{p}n"));
        }
        pipeline.sync();
        for (int i = 0; i < 20; i++) {
            assertEquals((long) i + 1, replies.get(2 * i).get());
            assertEquals(Integer.toString(i + 1), new String((byte[]) replies.get(2 * i + 1).get()));
        }
    }

    @Test
    void resp3ClientsGetResp3Values() {
        JedisClientConfig config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build();
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", node.port()), config)) {
            assertEquals(true, call(resp3, "EVAL", "return true", "0"));
            assertEquals(false, call(resp3, "EVAL", "return false", "0"));
            assertEquals(3.5, call(resp3, "EVAL", "return {double=3.5}", "0"));
            resp3.hset("h", "a", "1");
            Object map = call(resp3, "EVAL", "redis.setresp(3); return redis.call('hgetall', KEYS[1])", "1", "h");
            assertEquals(1, ((List<?>) map).size());
        }
    }
}
