package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The real redis-cli against a node, and raw sockets sending what no client library would. */
class RedisCliTest extends NodeTest {
    private String cli(String... args) throws IOException, InterruptedException {
        return cliWithInput(null, args);
    }

    private String cliWithInput(String input, String... args) throws IOException, InterruptedException {
        assumeTrue(onPath("redis-cli"), "redis-cli is not installed: skipping the redis-cli tests");
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(node.port())));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new java.io.File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void setAndGetThroughRedisCli() throws Exception {
        assertEquals("OK", cli("set", "cli-key", "hello world"));
        assertEquals("hello world", cli("get", "cli-key"));
        assertEquals("11", cli("strlen", "cli-key"));
        assertEquals("1", cli("del", "cli-key"));
        assertEquals("", cli("get", "cli-key"));
        assertEquals("PONG", cli("ping"));
    }

    @Test
    void redisCliScanWalksEveryKey() throws Exception {
        for (int i = 0; i < 300; i++) {
            jedis.set("scan:" + i, "x");
        }
        jedis.set("other", "y");
        String[] keys = cli("--scan", "--pattern", "scan:*").split("\n");
        assertEquals(300, Arrays.stream(keys).distinct().count());
    }

    @Test
    void redisCliInlineAndPipeMode() throws Exception {
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            commands.append("SET pipe:").append(i).append(" ").append(i).append("\r\n");
        }
        String out = cliWithInput(commands.toString(), "--pipe");
        assertTrue(out.contains("errors: 0, replies: 1000"), out);
        assertEquals("999", cli("get", "pipe:999"));
        assertEquals("ERR unknown command 'nosuchcommand', with args beginning with: 'x'", cli("nosuchcommand", "x"));
    }

    @Test
    void bytesOneAtATimeMakeOneRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            byte[] request = "*3\r\n$3\r\nSET\r\n$4\r\nslow\r\n$5\r\nbytes\r\n*2\r\n$3\r\nGET\r\n$4\r\nslow\r\n".getBytes(StandardCharsets.US_ASCII);
            for (byte b : request) {
                out.write(b);
                out.flush();
            }
            assertEquals("+OK\r\n$5\r\nbytes\r\n", read(socket, 16));
        }
    }

    @Test
    void aBadFrameGetsAProtocolErrorAndClosesOnlyThatConnection() throws Exception {
        try (Jedis bystander = node.client();
             Socket bad = new Socket("127.0.0.1", node.port())) {
            bystander.set("bystander", "fine");
            bad.getOutputStream().write("*1\r\n$4\r\nPING\r\n*2\r\n$x\r\n".getBytes(StandardCharsets.US_ASCII));
            bad.getOutputStream().flush();
            String reply = readUntilClosed(bad);
            assertEquals("+PONG\r\n-ERR Protocol error: invalid bulk length\r\n", reply);
            assertEquals("fine", bystander.get("bystander"));
        }
    }

    @Test
    void garbageFromManyClientsNeverHarmsTheServer() throws Exception {
        Random random = new Random(42);
        for (int c = 0; c < 20; c++) {
            try (Socket socket = new Socket("127.0.0.1", node.port())) {
                socket.setSoTimeout(5000);
                byte[] garbage = new byte[1 + random.nextInt(4096)];
                random.nextBytes(garbage);
                if (c % 2 == 0) {
                    garbage[0] = '*';
                }
                try {
                    socket.getOutputStream().write(garbage);
                    socket.getOutputStream().flush();
                    socket.shutdownOutput();
                    readUntilClosed(socket);
                } catch (IOException closedByServer) {
                    // The server may close first; that is an acceptable answer to garbage.
                }
            }
        }
        try (Jedis fresh = node.client()) {
            assertEquals("PONG", fresh.ping());
            fresh.set("after-garbage", "ok");
            assertEquals("ok", fresh.get("after-garbage"));
        }
    }

    private static String read(Socket socket, int bytes) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = in.readNBytes(bytes);
        return new String(buffer, StandardCharsets.US_ASCII);
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
