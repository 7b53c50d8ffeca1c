package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A seeded fuzzer: many connections at once send a million damaged or bad frames in all
 * (-Dpikko.fuzz.frames), while another client checks its answers all along. The node must stay up
 * and right, answer each bad frame with Redis's protocol error and close the connection, and
 * answer a damaged stream only with well-formed replies. The seed is printed; -Dpikko.fuzz.seed
 * replays a run.
 */
class ProtocolFuzzTest {
    private static final int THREADS = 8;
    /** Scripts sending a whole multibulk of 2^20 + 1 elements (7 MB each), in all threads together. */
    private static final int HUGE_SCRIPTS = 16;

    @Test
    void aMillionBadFramesNeitherCrashTheNodeNorDisturbOtherClients() throws Exception {
        long seed = Long.getLong("pikko.fuzz.seed", System.nanoTime());
        long frames = Long.getLong("pikko.fuzz.frames", 1_000_000);
        System.out.println("ProtocolFuzzTest seed " + seed + " (replay with -Dpikko.fuzz.seed=" + seed + "), "
                + frames + " frames");
        try (TestNode node = TestNode.start()) {
            AtomicLong sent = new AtomicLong();
            AtomicInteger connections = new AtomicInteger();
            AtomicInteger protocolErrors = new AtomicInteger();
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            try {
                Future<Long> checker = pool.submit(() -> checkAnswers(node, fuzzing));
                List<Future<?>> fuzzers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    // Each thread's scripts depend on the seed and its number alone, so a run replays.
                    Random random = new Random(seed + t);
                    fuzzers.add(pool.submit(() -> {
                        int hugeLeft = HUGE_SCRIPTS / THREADS;
                        for (long mine = 0; mine < frames / THREADS; ) {
                            boolean huge = hugeLeft > 0 && random.nextInt(500) == 0;
                            hugeLeft -= huge ? 1 : 0;
                            FuzzScript script = FuzzScript.next(random, huge);
                            if (run(node.port(), script)) {
                                protocolErrors.incrementAndGet();
                            }
                            connections.incrementAndGet();
                            mine += script.mutatedFrames();
                            sent.addAndGet(script.mutatedFrames());
                        }
                        return null;
                    }));
                }
                for (Future<?> fuzzer : fuzzers) {
                    fuzzer.get(10, TimeUnit.MINUTES);
                }
                fuzzing.set(false);
                long rounds = checker.get(1, TimeUnit.MINUTES);
                System.out.println("ProtocolFuzzTest: " + sent.get() + " frames over " + connections.get()
                        + " connections, " + protocolErrors.get() + " protocol errors; the checker made "
                        + rounds + " rounds meanwhile");
                assertTrue(rounds > 0, "the checking client got nothing done");
                assertTrue(protocolErrors.get() > 0, "no frame drew a protocol error");
            } finally {
                fuzzing.set(false);
                pool.shutdownNow();
            }
            try (Jedis jedis = node.client()) {
                assertEquals("PONG", jedis.ping());
                Eventually.await(Duration.ofSeconds(30), () -> assertTrue(Integer.parseInt(field(jedis.info("clients"), "connected_clients")) == 1, "fuzzing connections still open: " + jedis.info("clients")));
            }
        }
    }

    /** Sets, reads back and counts on its own keys until the fuzzing ends; returns its rounds. */
    private static long checkAnswers(TestNode node, AtomicBoolean fuzzing) {
        long rounds = 0;
        try (Jedis jedis = node.client()) {
            for (; fuzzing.get(); rounds++) {
                String key = "checker:" + (rounds % 100);
                String value = "value-" + rounds;
                assertEquals("OK", jedis.set(key, value));
                assertEquals(value, jedis.get(key));
                assertEquals(rounds + 1, jedis.incr("checker:count"));
            }
        }
        return rounds;
    }

    /** Sends one script on a connection of its own and checks the replies; true when it drew a protocol error. */
    private static boolean run(int port, FuzzScript script) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            try {
                out.write(script.request());
                out.flush();
                if (script.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (SocketException closedEarly) {
                // The node closes at the first bad frame, maybe before the rest of the script is sent.
            }
            List<String> replies = readUntilClosed(in);
            if (script.expected() != null) {
                assertEquals(script.expected(), replies, () -> "replies to " + preview(script.request()));
            } else {
                for (int i = 0; i < replies.size() - 1; i++) {
                    String reply = replies.get(i);
                    assertTrue(!reply.startsWith(FuzzScript.PROTOCOL_ERROR),
                            () -> "a reply after a protocol error: " + replies + " to " + preview(script.request()));
                }
            }
            if (replies.isEmpty() || !replies.get(replies.size() - 1).startsWith(FuzzScript.PROTOCOL_ERROR)) {
                return false;
            }
            String error = replies.get(replies.size() - 1).substring(FuzzScript.PROTOCOL_ERROR.length());
            assertTrue(FuzzScript.PROTOCOL_ERRORS.stream().anyMatch(error::startsWith), () -> "not Redis's: " + error);
            return true;
        }
    }

    /** Every reply up to the node's close (an end of stream or a reset), each checked to be well-formed RESP. */
    private static List<String> readUntilClosed(InputStream in) throws IOException {
        List<String> replies = new ArrayList<>();
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return replies;
                }
                StringBuilder reply = new StringBuilder();
                readReply(in, first, reply);
                replies.add(reply.toString());
            }
        } catch (SocketException reset) {
            // A close with unread input (the rest of a bad script) resets the connection.
            return replies;
        }
    }

    private static void readReply(InputStream in, int type, StringBuilder reply) throws IOException {
        String line = readLine(in);
        reply.append((char) type).append(line);
        switch (type) {
            case '+', '-', ':', '_', ',', '#', '(' -> { }
            case '$', '=', '!' -> {
                int length = Integer.parseInt(line);
                if (length >= 0) {
                    byte[] data = in.readNBytes(length + 2);
                    assertEquals(length + 2, data.length, "a bulk reply cut short");
                    assertEquals("\r\n", new String(data, length, 2, StandardCharsets.ISO_8859_1), "bulk reply end");
                    reply.append("\r\n").append(new String(data, 0, length, StandardCharsets.ISO_8859_1));
                }
            }
            case '*', '~', '>', '%', '|' -> {
                int count = Integer.parseInt(line) * (type == '%' || type == '|' ? 2 : 1);
                for (int i = 0; i < count; i++) {
                    int next = in.read();
                    if (next < 0) {
                        throw new EOFException("an array reply cut short");
                    }
                    reply.append("\r\n");
                    readReply(in, next, reply);
                }
            }
            default -> throw new AssertionError("not a RESP reply type: '" + (char) type + "' then " + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("a reply line cut short: " + line);
            }
            line.append((char) b);
        }
        if (in.read() != '\n') {
            throw new AssertionError("a reply line not ended by CRLF: " + line);
        }
        return line.toString();
    }

    private static String preview(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n") + (request.length > 300 ? "... (" + request.length + " bytes)" : "");
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }
}
