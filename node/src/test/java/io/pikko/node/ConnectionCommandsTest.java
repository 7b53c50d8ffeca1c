package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * PING, ECHO, QUIT, SELECT, AUTH, HELLO and CLIENT answer as Redis 7.0 does, error texts included
 * (taken from redis-server 7.0.15).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionCommandsTest {
    private static final String NO_PASSWORD = "ERR AUTH <password> called without any password configured for the "
            + "default user. Are you sure your configuration is correct?";
    private static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    private static final String HELLO_NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, "
            + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select "
            + "the RESP protocol version at the same time";

    private TestNode node;
    /** Opened while no password is set, so it stays authenticated whatever the tests set. */
    private Jedis admin;

    @BeforeAll
    void startNode() {
        node = TestNode.start();
        admin = node.client();
    }

    @AfterAll
    void stopNode() {
        admin.close();
        node.close();
    }

    @BeforeEach
    void flush() {
        admin.flushAll();
    }

    @AfterEach
    void clearPassword() {
        admin.configSet("requirepass", "");
    }

    // ---- PING, ECHO, QUIT ----

    @Test
    void pingAnswersPongOrItsMessage() {
        try (Jedis jedis = node.client()) {
            assertEquals("PONG", call(jedis, "PING"));
            assertEquals("hello world", call(jedis, "PING", "hello world"));
            assertEquals("ERR wrong number of arguments for 'ping' command", error(jedis, "PING", "a", "b"));
        }
    }

    @Test
    void echoAnswersItsArgument() {
        try (Jedis jedis = node.client()) {
            assertEquals("some text", call(jedis, "ECHO", "some text"));
            assertEquals("", call(jedis, "ECHO", ""));
            assertEquals("ERR wrong number of arguments for 'echo' command", error(jedis, "ECHO"));
            assertEquals("ERR wrong number of arguments for 'echo' command", error(jedis, "ECHO", "a", "b"));
        }
    }

    @Test
    void quitAnswersOkThenClosesWithoutRunningWhatFollows() throws IOException {
        try (RawClient raw = new RawClient(node.port())) {
            raw.send("QUIT");
            raw.send("SET", "after-quit", "1");
            assertEquals("+OK\r\n", raw.read());
            assertTrue(raw.closedByServer());
        }
        try (Jedis jedis = node.client()) {
            assertNull(jedis.get("after-quit"));
        }
    }

    // ---- SELECT ----

    @Test
    void eachOfTheSixteenDatabasesIsItsOwnKeyspace() {
        try (Jedis jedis = node.client()) {
            for (int db = 0; db < 16; db++) {
                assertEquals("OK", call(jedis, "SELECT", Integer.toString(db)));
                jedis.set("shared-name", "db" + db);
                jedis.set("only-in-" + db, "x");
            }
            for (int db = 0; db < 16; db++) {
                jedis.select(db);
                assertEquals("db" + db, jedis.get("shared-name"));
                assertEquals(2, jedis.dbSize());
                assertEquals(Set.of("only-in-" + db), jedis.keys("only-in-*"));
            }
        }
    }

    @Test
    void selectRefusesWhatIsNotADatabase() {
        try (Jedis jedis = node.client()) {
            assertEquals("ERR DB index is out of range", error(jedis, "SELECT", "16"));
            assertEquals("ERR DB index is out of range", error(jedis, "SELECT", "-1"));
            assertEquals("ERR value is not an integer or out of range", error(jedis, "SELECT", "abc"));
            assertEquals("ERR value is not an integer or out of range", error(jedis, "SELECT", "1.5"));
            assertEquals("ERR wrong number of arguments for 'select' command", error(jedis, "SELECT"));
            // A refused SELECT leaves the connection where it was.
            jedis.set("k", "v");
            jedis.select(0);
            assertEquals("v", jedis.get("k"));
        }
    }

    // ---- AUTH ----

    @Test
    void withAPasswordEveryOtherCommandNeedsAuthFirst() {
        admin.configSet("requirepass", "secret");
        try (Jedis jedis = node.client()) {
            assertEquals("NOAUTH Authentication required.", error(jedis, "PING"));
            assertEquals("NOAUTH Authentication required.", error(jedis, "GET", "k"));
            assertEquals("NOAUTH Authentication required.", error(jedis, "SELECT", "1"));
            assertEquals(WRONGPASS, error(jedis, "AUTH", "wrong"));
            assertEquals("NOAUTH Authentication required.", error(jedis, "PING"));
            assertEquals("OK", call(jedis, "AUTH", "secret"));
            assertEquals("PONG", call(jedis, "PING"));
            // A later failed AUTH does not undo the earlier one.
            assertEquals(WRONGPASS, error(jedis, "AUTH", "wrong"));
            assertEquals("PONG", call(jedis, "PING"));
        }
    }

    @Test
    void authTakesTheDefaultUserAndItsPassword() {
        admin.configSet("requirepass", "secret");
        try (Jedis jedis = node.client()) {
            assertEquals(WRONGPASS, error(jedis, "AUTH", "default", "wrong"));
            assertEquals(WRONGPASS, error(jedis, "AUTH", "someone", "secret"));
            assertEquals("ERR syntax error", error(jedis, "AUTH", "default", "secret", "extra"));
            assertEquals("NOAUTH Authentication required.", error(jedis, "PING"));
            assertEquals("OK", call(jedis, "AUTH", "default", "secret"));
            assertEquals("PONG", call(jedis, "PING"));
        }
    }

    @Test
    void authWithoutAPasswordSet() {
        try (Jedis jedis = node.client()) {
            assertEquals(NO_PASSWORD, error(jedis, "AUTH", "anything"));
            // The default user has no password, so it takes any; other users do not exist.
            assertEquals("OK", call(jedis, "AUTH", "default", "anything"));
            assertEquals(WRONGPASS, error(jedis, "AUTH", "someone", "anything"));
            assertEquals("ERR wrong number of arguments for 'auth' command", error(jedis, "AUTH"));
        }
    }

    // ---- HELLO ----

    @Test
    void helloTwoAnswersTheServerFieldsAsAFlatArray() {
        try (Jedis jedis = node.client()) {
            long id = (Long) jedis.sendCommand(command("CLIENT"), "ID");
            Map<String, Object> fields = pairs(call(jedis, "HELLO", "2"));
            assertEquals(List.of("server", "version", "proto", "id", "mode", "role", "modules"), List.copyOf(fields.keySet()));
            assertEquals("redis", fields.get("server"));
            assertEquals("7.0.15", fields.get("version"));
            assertEquals(2L, fields.get("proto"));
            assertEquals(id, fields.get("id"));
            assertEquals("standalone", fields.get("mode"));
            assertEquals("master", fields.get("role"));
            assertEquals(List.of(), fields.get("modules"));
            // Without a version HELLO keeps the protocol and still answers.
            assertEquals(2L, pairs(call(jedis, "HELLO")).get("proto"));
        }
    }

    @Test
    void helloThreeSwitchesToResp3StartingWithItsOwnReply() throws IOException {
        try (RawClient raw = new RawClient(node.port())) {
            String id = raw.call("CLIENT", "ID").substring(1).trim();
            assertEquals("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
                    + "$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                    + "$7\r\nmodules\r\n*0\r\n", raw.call("HELLO", "3"));
            assertEquals("_\r\n", raw.call("GET", "missing"));
            assertEquals("%1\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n", raw.call("CONFIG", "GET", "maxclients"));
            assertTrue(raw.call("HELLO", "2").startsWith("*14\r\n"));
            assertEquals("$-1\r\n", raw.call("GET", "missing"));
            assertEquals("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n", raw.call("CONFIG", "GET", "maxclients"));
        }
    }

    @Test
    void jedisInResp3GetsTypedReplies() {
        admin.configSet("requirepass", "secret");
        var config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).password("secret").build();
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", node.port()), config)) {
            assertEquals(Map.of("maxclients", "10000"), jedis.configGet("maxclients"));
            jedis.set("k", "v");
            assertEquals("v", jedis.get("k"));
            assertTrue(jedis.clientInfo().contains(" resp=3"));
        }
    }

    @Test
    void helloRefusesBadVersionsAndOptions() {
        try (Jedis jedis = node.client()) {
            assertEquals("NOPROTO unsupported protocol version", error(jedis, "HELLO", "4"));
            assertEquals("NOPROTO unsupported protocol version", error(jedis, "HELLO", "1"));
            assertEquals("ERR Protocol version is not an integer or out of range", error(jedis, "HELLO", "abc"));
            assertEquals("ERR Syntax error in HELLO option 'foo'", error(jedis, "HELLO", "3", "foo"));
            assertEquals("ERR Syntax error in HELLO option 'auth'", error(jedis, "HELLO", "3", "auth", "default"));
            assertEquals("ERR Syntax error in HELLO option 'SETNAME'", error(jedis, "HELLO", "3", "SETNAME"));
            assertEquals("ERR Client names cannot contain spaces, newlines or special characters.",
                    error(jedis, "HELLO", "3", "SETNAME", "a b"));
            // None of these changed the protocol.
            assertTrue(jedis.clientInfo().endsWith(" resp=2\n"));
        }
    }

    @Test
    void helloAuthenticatesAndNamesTheConnection() throws IOException {
        admin.configSet("requirepass", "secret");
        try (RawClient raw = new RawClient(node.port())) {
            assertEquals("-" + HELLO_NOAUTH + "\r\n", raw.call("HELLO", "3"));
            assertEquals("-" + WRONGPASS + "\r\n", raw.call("HELLO", "3", "AUTH", "default", "wrong"));
            assertEquals("-NOAUTH Authentication required.\r\n", raw.call("PING"));
            String hello = raw.call("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "x");
            assertTrue(hello.startsWith("%7\r\n") && hello.contains("$5\r\nproto\r\n:3\r\n"), hello);
            assertEquals("$1\r\nx\r\n", raw.call("CLIENT", "GETNAME"));
            assertEquals("+PONG\r\n", raw.call("PING"));
        }
        // Without a password the default user takes any, through HELLO as through AUTH.
        admin.configSet("requirepass", "");
        try (Jedis jedis = node.client()) {
            assertEquals(2L, pairs(call(jedis, "HELLO", "2", "AUTH", "default", "anything", "SETNAME", "y")).get("proto"));
            assertEquals("y", jedis.clientGetname());
        }
    }

    @Test
    void helloOptionsTakeEffectInOrderUntilOneFails() throws IOException {
        admin.configSet("requirepass", "secret");
        try (RawClient raw = new RawClient(node.port())) {
            // AUTH succeeds, then the bad option stops HELLO: authenticated, still RESP2.
            assertEquals("-ERR Syntax error in HELLO option 'FOO'\r\n",
                    raw.call("HELLO", "3", "AUTH", "default", "secret", "FOO"));
            assertEquals("+PONG\r\n", raw.call("PING"));
            assertEquals("$-1\r\n", raw.call("GET", "missing"));
        }
    }

    // ---- CLIENT ----

    @Test
    void clientIdNameAndInfo() {
        try (Jedis jedis = node.client(); Jedis other = node.client()) {
            long id = (Long) jedis.sendCommand(command("CLIENT"), "ID");
            long otherId = (Long) other.sendCommand(command("CLIENT"), "ID");
            assertTrue(id > 0 && otherId > 0 && id != otherId);
            assertNull(jedis.sendCommand(command("CLIENT"), "GETNAME"));
            assertEquals("OK", call(jedis, "CLIENT", "SETNAME", "worker-1"));
            assertEquals("worker-1", call(jedis, "CLIENT", "GETNAME"));
            assertNull(other.sendCommand(command("CLIENT"), "GETNAME"));
            jedis.select(3);
            String info = (String) call(jedis, "CLIENT", "INFO");
            assertTrue(info.startsWith("id=" + id + " addr=127.0.0.1:"), info);
            assertTrue(info.contains(" name=worker-1 "), info);
            assertTrue(info.contains(" db=3 "), info);
            assertTrue(info.contains(" cmd=client|info "), info);
            assertTrue(info.endsWith(" resp=2\n"), info);
            // An empty name clears it.
            assertEquals("OK", call(jedis, "CLIENT", "SETNAME", ""));
            assertNull(jedis.sendCommand(command("CLIENT"), "GETNAME"));
        }
    }

    @Test
    void clientErrors() {
        try (Jedis jedis = node.client()) {
            assertEquals("ERR Client names cannot contain spaces, newlines or special characters.",
                    error(jedis, "CLIENT", "SETNAME", "a b"));
            assertEquals("ERR Client names cannot contain spaces, newlines or special characters.",
                    error(jedis, "CLIENT", "SETNAME", "tab\there"));
            assertEquals("ERR wrong number of arguments for 'client|setname' command", error(jedis, "CLIENT", "SETNAME"));
            assertEquals("ERR wrong number of arguments for 'client|getname' command", error(jedis, "CLIENT", "GETNAME", "x"));
            assertEquals("ERR wrong number of arguments for 'client|id' command", error(jedis, "CLIENT", "ID", "x"));
            assertEquals("ERR wrong number of arguments for 'client|info' command", error(jedis, "CLIENT", "INFO", "x"));
            assertEquals("ERR wrong number of arguments for 'client|kill' command", error(jedis, "CLIENT", "KILL"));
            assertEquals("ERR wrong number of arguments for 'client' command", error(jedis, "CLIENT"));
            assertEquals("ERR unknown subcommand 'foo'. Try CLIENT HELP.", error(jedis, "CLIENT", "foo"));
        }
    }

    @Test
    void clientListShowsEveryConnectionAndFilters() {
        try (Jedis jedis = node.client(); Jedis other = node.client()) {
            other.clientSetname("the-other");
            long id = (Long) jedis.sendCommand(command("CLIENT"), "ID");
            long otherId = (Long) other.sendCommand(command("CLIENT"), "ID");
            List<String> lines = List.of(((String) call(jedis, "CLIENT", "LIST")).split("\n"));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("id=" + id + " ")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("id=" + otherId + " ") && l.contains(" name=the-other ")));
            assertEquals(lines.size(), ((String) call(jedis, "CLIENT", "LIST", "TYPE", "normal")).split("\n").length);
            assertEquals("", call(jedis, "CLIENT", "LIST", "TYPE", "pubsub"));
            assertEquals("", call(jedis, "CLIENT", "LIST", "TYPE", "replica"));
            // ID lists the given clients in the given order and skips unknown ones.
            String byId = (String) call(jedis, "CLIENT", "LIST", "ID", Long.toString(otherId), "999999", Long.toString(id));
            String[] listed = byId.split("\n");
            assertEquals(2, listed.length);
            assertTrue(listed[0].startsWith("id=" + otherId + " ") && listed[1].startsWith("id=" + id + " "), byId);
            assertEquals("ERR Unknown client type 'foo'", error(jedis, "CLIENT", "LIST", "TYPE", "foo"));
            assertEquals("ERR Invalid client ID", error(jedis, "CLIENT", "LIST", "ID", "abc"));
            assertEquals("ERR Invalid client ID", error(jedis, "CLIENT", "LIST", "ID", "0"));
            assertEquals("ERR syntax error", error(jedis, "CLIENT", "LIST", "TYPE", "normal", "ID", "1"));
            assertEquals("ERR syntax error", error(jedis, "CLIENT", "LIST", "foo"));
        }
    }

    @Test
    void clientKillByAddressDisconnectsTheClient() {
        try (Jedis jedis = node.client(); Jedis victim = node.client()) {
            victim.ping();
            String addr = field((String) call(victim, "CLIENT", "INFO"), "addr");
            assertEquals("OK", call(jedis, "CLIENT", "KILL", addr));
            assertThrows(JedisConnectionException.class, victim::ping);
            assertFalse(clientList(jedis).contains("addr=" + addr + " "));
            assertEquals("ERR No such client", error(jedis, "CLIENT", "KILL", addr));
            assertEquals("ERR No such client", error(jedis, "CLIENT", "KILL", "addr"));
        }
    }

    @Test
    void clientKillWithFiltersCountsAndDisconnects() {
        try (Jedis jedis = node.client(); Jedis byId = node.client(); Jedis byAddr = node.client()) {
            byAddr.ping();
            long victimId = (Long) byId.sendCommand(command("CLIENT"), "ID");
            String victimAddr = field((String) call(byAddr, "CLIENT", "INFO"), "addr");
            assertEquals(1L, jedis.sendCommand(command("CLIENT"), "KILL", "ID", Long.toString(victimId)));
            assertThrows(JedisConnectionException.class, byId::ping);
            assertEquals(0L, jedis.sendCommand(command("CLIENT"), "KILL", "ID", Long.toString(victimId)));
            assertEquals(1L, jedis.sendCommand(command("CLIENT"), "KILL", "ADDR", victimAddr, "USER", "default"));
            assertThrows(JedisConnectionException.class, byAddr::ping);
            // Nobody is a replica or a subscriber; and the caller is skipped unless it asks.
            assertEquals(0L, jedis.sendCommand(command("CLIENT"), "KILL", "TYPE", "replica"));
            long myId = (Long) jedis.sendCommand(command("CLIENT"), "ID");
            assertEquals(0L, jedis.sendCommand(command("CLIENT"), "KILL", "ID", Long.toString(myId)));
            assertEquals("PONG", jedis.ping());
        }
    }

    @Test
    void clientKillFilterErrors() {
        try (Jedis jedis = node.client()) {
            assertEquals("ERR client-id should be greater than 0", error(jedis, "CLIENT", "KILL", "ID", "0"));
            assertEquals("ERR client-id should be greater than 0", error(jedis, "CLIENT", "KILL", "ID", "abc"));
            assertEquals("ERR Unknown client type 'foo'", error(jedis, "CLIENT", "KILL", "TYPE", "foo"));
            assertEquals("ERR No such user 'nobody'", error(jedis, "CLIENT", "KILL", "USER", "nobody"));
            assertEquals("ERR syntax error", error(jedis, "CLIENT", "KILL", "SKIPME", "maybe"));
            assertEquals("ERR syntax error", error(jedis, "CLIENT", "KILL", "MAXAGE", "10"));
            assertEquals("ERR syntax error", error(jedis, "CLIENT", "KILL", "FOO", "bar"));
            assertEquals("ERR syntax error", error(jedis, "CLIENT", "KILL", "ID", "1", "ID"));
            assertEquals("PONG", jedis.ping());
        }
    }

    @Test
    void clientKillSkipmeNoKillsTheCallerAfterItsReply() throws IOException {
        try (RawClient raw = new RawClient(node.port())) {
            String id = raw.call("CLIENT", "ID").substring(1).trim();
            raw.send("CLIENT", "KILL", "ID", id, "SKIPME", "no");
            raw.send("SET", "after-kill", "1");
            assertEquals(":1\r\n", raw.read());
            assertTrue(raw.closedByServer());
        }
        assertNull(admin.get("after-kill"));
    }

    // ---- helpers ----

    static ProtocolCommand command(String name) {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        return () -> raw;
    }

    /** Sends a command and decodes the reply: bulk and status as String, arrays as List. */
    static Object call(Jedis jedis, String name, String... args) {
        return RawCommands.plain(jedis.sendCommand(command(name), args));
    }

    /** Sends a command that must fail; its error text, without the leading '-'. */
    static String error(Jedis jedis, String name, String... args) {
        return assertThrows(JedisDataException.class, () -> jedis.sendCommand(command(name), args)).getMessage();
    }

    /** A flat [key, value, ...] array as an ordered map. */
    static Map<String, Object> pairs(Object flat) {
        List<?> items = (List<?>) flat;
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            map.put((String) items.get(i), items.get(i + 1));
        }
        return map;
    }

    private static String field(String clientLine, String name) {
        for (String part : clientLine.trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + clientLine);
    }

    private static String clientList(Jedis jedis) {
        return (String) call(jedis, "CLIENT", "LIST");
    }

    /** A plain socket speaking RESP, to see replies byte for byte (RESP3 types, closes). */
    static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        String call(String... args) {
            send(args);
            return read();
        }

        /** Writes text as it is, such as a request cut short. */
        void sendRaw(String text) {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(String... args) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            write(request.toByteArray());
        }

        private void write(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One whole reply, as the bytes it came in. */
        String read() {
            StringBuilder reply = new StringBuilder();
            readInto(reply);
            return reply.toString();
        }

        /** True when the server has closed the connection (nothing more to read). */
        boolean closedByServer() throws IOException {
            return in.read() == -1;
        }

        private void readInto(StringBuilder reply) {
            String line = readLine();
            reply.append(line).append("\r\n");
            int count = switch (line.charAt(0)) {
                case '$', '=', '*', '~', '>', '%' -> Integer.parseInt(line.substring(1));
                default -> 0;
            };
            switch (line.charAt(0)) {
                case '$', '=' -> {
                    if (count >= 0) {
                        reply.append(new String(readBytes(count + 2), StandardCharsets.UTF_8));
                    }
                }
                case '*', '~', '>' -> {
                    for (int i = 0; i < count; i++) {
                        readInto(reply);
                    }
                }
                case '%' -> {
                    for (int i = 0; i < 2 * count; i++) {
                        readInto(reply);
                    }
                }
                default -> { }
            }
        }

        private byte[] readBytes(int n) {
            try {
                byte[] bytes = in.readNBytes(n);
                if (bytes.length < n) {
                    throw new AssertionError("connection closed in a reply");
                }
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String readLine() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) != '\n') {
                    if (b == -1) {
                        throw new AssertionError("connection closed before a reply");
                    }
                    line.write(b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
