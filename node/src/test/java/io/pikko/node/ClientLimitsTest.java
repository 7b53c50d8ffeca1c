package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import com.typesafe.config.ConfigFactory;
import io.pikko.gateway.OutputBufferLimits;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Limits that keep one client from hurting the others: backpressure and client-output-buffer-limit
 * for a client that sends and never reads, maxclients, and the idle timeout; and their settings.
 */
class ClientLimitsTest extends NodeTest {
    private static final String FAILED = "ERR CONFIG SET failed (possibly related to argument '%s') - %s";
    private static final String DEFAULT_LIMITS = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";
    private static final int VALUE_BYTES = 1024 * 1024;
    private static final int PIPELINED_GETS = 3000;
    /** Replies the flooder reads back in the end: many more than ran while it did not read. */
    private static final int READ_BACK = 300;

    @AfterEach
    void restoreSettings() {
        // A fresh client: the class's one may have been closed by a test's timeout.
        try (Jedis admin = node.client()) {
            admin.configSet("client-output-buffer-limit", "normal 0 0 0 replica 256mb 64mb 60 pubsub 32mb 8mb 60",
                    "timeout", "0", "maxclients", "10000");
        }
    }

    @Test
    void aClientThatPipelinesBigGetsAndNeverReadsHoldsBoundedOutput() throws IOException {
        byte[] big = randomBytes(VALUE_BYTES, 1);
        jedis.set("big".getBytes(StandardCharsets.UTF_8), big);
        try (Flooder flooder = new Flooder(node.port(), "flooder")) {
            long getsBefore = commandCalls("get");
            flooder.sendGets(PIPELINED_GETS);

            Eventually.await(Duration.ofSeconds(30), () -> assertTrue(!fields("flooder").get("events").contains("r"), "the flooder is still read from: " + fields("flooder")));
            // For a while the node holds what it has for the flooder and runs none of its other
            // requests, while another client is served right.
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            long maxPending = 0;
            for (int round = 0; System.nanoTime() < until; round++) {
                String key = "other:" + round;
                assertEquals("OK", jedis.set(key, "value " + round));
                assertEquals("value " + round, jedis.getrange(key, 0, -1));
                maxPending = Math.max(maxPending, Long.parseLong(fields("flooder").get("omem")));
            }
            long getsRun = commandCalls("get") - getsBefore;
            assertTrue(maxPending <= 96L * VALUE_BYTES, "the flooder's pending output reached " + maxPending + " bytes");
            assertTrue(getsRun <= PIPELINED_GETS / 4, getsRun + " of the flooder's GETs ran although it reads nothing");

            // Once it reads, the requests held back run: replies well past what had run come, right.
            for (int i = 0; i < READ_BACK; i++) {
                assertArrayEquals(big, flooder.readBulk(), "reply " + i);
            }
            assertTrue(commandCalls("get") - getsBefore >= READ_BACK, "the held-back GETs did not run");
        }
        Eventually.await(Duration.ofSeconds(10), () -> assertTrue(!connected("flooder"), "the flooder is still listed"));
        assertEquals(VALUE_BYTES, jedis.strlen("big"));
    }

    @Test
    void aClientPastTheHardLimitIsClosedAndTheOthersGoOn() throws IOException {
        jedis.set("big".getBytes(StandardCharsets.UTF_8), randomBytes(VALUE_BYTES, 2));
        assertEquals("OK", jedis.configSet("client-output-buffer-limit", "normal 4mb 0 0"));
        try (Flooder flooder = new Flooder(node.port(), "over-hard")) {
            flooder.sendGets(PIPELINED_GETS);
            Eventually.await(Duration.ofSeconds(30), () -> assertTrue(!connected("over-hard"), "still connected: " + fields("over-hard")));
            assertTrue(flooder.repliesUntilClosed() < PIPELINED_GETS, "the closed client got every reply");
        }
        assertEquals("PONG", jedis.ping());
        assertEquals(VALUE_BYTES, jedis.strlen("big"));
    }

    @Test
    void aClientOverTheSoftLimitForLongerThanItsSecondsIsClosed() throws IOException {
        jedis.set("big".getBytes(StandardCharsets.UTF_8), randomBytes(VALUE_BYTES, 3));
        assertEquals("OK", jedis.configSet("client-output-buffer-limit", "normal 0 2mb 1"));
        try (Flooder flooder = new Flooder(node.port(), "over-soft")) {
            flooder.sendGets(PIPELINED_GETS);
            Eventually.await(Duration.ofSeconds(30), () -> assertTrue(!connected("over-soft"), "still connected: " + fields("over-soft")));
            assertTrue(flooder.repliesUntilClosed() < PIPELINED_GETS, "the closed client got every reply");
        }
        assertEquals("PONG", jedis.ping());
    }

    @Test
    void maxclientsRefusesOneMoreWithRedisErrorAndAdmitsAgainOnceOneLeaves() throws IOException {
        int connected = connectedClients();
        assertEquals("OK", jedis.configSet("maxclients", Integer.toString(connected + 1)));
        try (Flooder admitted = new Flooder(node.port(), "admitted")) {
            try (Flooder refused = new Flooder(node.port(), null)) {
                assertEquals("-ERR max number of clients reached", refused.readLine());
                assertTrue(refused.closedByServer());
            }
        }
        Eventually.await(Duration.ofSeconds(10), () -> assertTrue(!connected("admitted"), "the admitted client is still listed"));
        try (Flooder again = new Flooder(node.port(), "again")) {
            assertTrue(connected("again"));
        }
        // Through the client already in: a new one might come before "again" has left.
        assertEquals("OK", jedis.configSet("maxclients", "10000"));
    }

    @Test
    void timeoutClosesIdleClientsButNotBlockedOnes() throws IOException {
        try (Flooder blocked = new Flooder(node.port(), "blocked");
             Flooder idle = new Flooder(node.port(), "idle")) {
            blocked.send("BLPOP", "{t}list", "0");
            Eventually.await(Duration.ofSeconds(10), () -> assertTrue(fields("blocked").get("cmd").equals("blpop"), "not blocked: " + fields("blocked")));
            assertEquals("OK", jedis.configSet("timeout", "1"));

            // This client polls all the while, so it is never idle.
            Eventually.await(Duration.ofSeconds(10), () -> assertTrue(!connected("idle"), "the idle client is still connected"));
            assertTrue(idle.closedByServer());
            assertTrue(connected("blocked"), "a client blocked in BLPOP was closed as idle");

            assertEquals(1, jedis.lpush("{t}list", "served"));
            assertEquals("*2", blocked.readLine());
            assertEquals(List.of("$7", "{t}list", "$6", "served"),
                    List.of(blocked.readLine(), blocked.readLine(), blocked.readLine(), blocked.readLine()));
        }
    }

    @Test
    void configGetAndSetSpeakRedisShapes() {
        assertEquals(Map.of("client-output-buffer-limit", DEFAULT_LIMITS), jedis.configGet("client-output-buffer-limit"));
        assertEquals(Map.of("timeout", "0"), jedis.configGet("timeout"));

        assertEquals("OK", jedis.configSet("client-output-buffer-limit", "pubsub 1mb 512kb 10 NORMAL 100mb 50mb 5"));
        assertEquals("normal 104857600 52428800 5 slave 268435456 67108864 60 pubsub 1048576 524288 10",
                jedis.configGet("client-output-buffer-limit").get("client-output-buffer-limit"));
        assertEquals("OK", jedis.configSet("timeout", "300"));
        assertEquals(Map.of("timeout", "300"), jedis.configGet("timeout"));

        String name = "client-output-buffer-limit";
        assertEquals(String.format(FAILED, name, "Wrong number of arguments in buffer limit configuration."),
                error("CONFIG", "SET", name, "normal 1 2"));
        assertEquals(String.format(FAILED, name, "Invalid client class specified in buffer limit configuration."),
                error("CONFIG", "SET", name, "master 1 1 1"));
        assertEquals(String.format(FAILED, name, "Error in hard, soft or soft_seconds setting in buffer limit configuration."),
                error("CONFIG", "SET", name, "normal 1 -1 1"));
        assertEquals(String.format(FAILED, "timeout", "argument must be between 0 and 2147483647 inclusive"),
                error("CONFIG", "SET", "timeout", "-1"));
        assertEquals(String.format(FAILED, "timeout", "argument couldn't be parsed into an integer"),
                error("CONFIG", "SET", "timeout", "soon"));
        // A refused CONFIG SET changes nothing, not even the settings given before the bad one.
        assertEquals(String.format(FAILED, "timeout", "argument couldn't be parsed into an integer"),
                error("CONFIG", "SET", name, "normal 0 0 0", "timeout", "x"));
        assertEquals("normal 104857600 52428800 5 slave 268435456 67108864 60 pubsub 1048576 524288 10",
                jedis.configGet(name).get(name));
    }

    @Test
    void theSettingsFileTakesRedisSyntaxAndNamesABadValue() throws Exception {
        NodeSettings settings = NodeSettings.load(Map.of(), ConfigFactory.parseMap(Map.of(
                "pikko.client-output-buffer-limit", "normal 8mb 4mb 30", "pikko.timeout", "120")));
        assertEquals(new OutputBufferLimits.Limit(8L << 20, 4L << 20, 30), settings.clientOutputBufferLimit().normal());
        assertEquals(OutputBufferLimits.DEFAULTS.pubsub(), settings.clientOutputBufferLimit().pubsub());
        assertEquals(120, settings.clientTimeout());
        assertEquals(OutputBufferLimits.DEFAULTS, NodeSettings.load(Map.of(), ConfigFactory.empty()).clientOutputBufferLimit());

        NodeSettings.InvalidSettings error = assertThrows(NodeSettings.InvalidSettings.class, () ->
                NodeSettings.load(Map.of("PIKKO_CLIENT_OUTPUT_BUFFER_LIMIT", "normal 1mb"),
                        ConfigFactory.parseMap(Map.of("pikko.timeout", "-5"))));
        String message = error.getMessage();
        assertTrue(message.contains("pikko.client-output-buffer-limit: Wrong number of arguments"), message);
        assertTrue(message.contains("pikko.timeout:"), message);
    }

    private String error(String... args) {
        JedisDataException e = assertThrows(JedisDataException.class,
                () -> jedis.sendCommand(() -> args[0].getBytes(StandardCharsets.UTF_8), List.of(args).subList(1, args.length).toArray(String[]::new)));
        return e.getMessage();
    }

    /** The CLIENT LIST fields of the client named {@code name}, or an empty map when it is not connected. */
    private Map<String, String> fields(String name) {
        for (String line : jedis.clientList().split("\n")) {
            Map<String, String> fields = new HashMap<>();
            for (String field : line.trim().split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.put(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            if (name.equals(fields.get("name"))) {
                return fields;
            }
        }
        return Map.of();
    }

    private boolean connected(String name) {
        return !fields(name).isEmpty();
    }

    private int connectedClients() {
        return Integer.parseInt(infoField("clients", "connected_clients"));
    }

    /** Calls of a command so far, from INFO commandstats. */
    private long commandCalls(String command) {
        String stat = infoField("commandstats", "cmdstat_" + command);
        if (stat == null) {
            return 0;
        }
        return Long.parseLong(stat.substring("calls=".length(), stat.indexOf(',')));
    }

    private String infoField(String section, String field) {
        for (String line : jedis.info(section).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * A client on a plain socket that can send a long pipeline without reading. Its receive buffer
     * is small, so what piles up for it piles up in the node, not in the kernel.
     */
    private static final class Flooder implements AutoCloseable {
        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final OutputStream out;

        /** Connects, and when {@code name} is given sets it as the client's name. */
        Flooder(int port, String name) throws IOException {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            InputStream raw = socket.getInputStream();
            in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024));
            out = socket.getOutputStream();
            if (name != null) {
                send("CLIENT", "SETNAME", name);
                assertEquals("+OK", readLine());
            }
        }

        void send(String... args) throws IOException {
            out.write(encode(args));
            out.flush();
        }

        void sendGets(int count) throws IOException {
            byte[] get = encode("GET", "big");
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                pipeline.writeBytes(get);
            }
            out.write(pipeline.toByteArray());
            out.flush();
        }

        String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\r'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("closed after '" + line + "'");
                }
                line.append((char) b);
            }
            assertEquals('\n', in.read());
            return line.toString();
        }

        byte[] readBulk() throws IOException {
            String header = readLine();
            assertTrue(header.startsWith("$"), header);
            byte[] value = new byte[Integer.parseInt(header.substring(1))];
            in.readFully(value);
            assertEquals('\r', in.read());
            assertEquals('\n', in.read());
            return value;
        }

        /** Reads replies until the server's close, and counts them. */
        int repliesUntilClosed() {
            int replies = 0;
            try {
                while (true) {
                    readBulk();
                    replies++;
                }
            } catch (EOFException | java.net.SocketException closed) {
                return replies;
            } catch (IOException e) {
                throw new AssertionError("no close seen after " + replies + " replies", e);
            }
        }

        boolean closedByServer() throws IOException {
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }

        private static byte[] encode(String... args) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            return request.toByteArray();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
