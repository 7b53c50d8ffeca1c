package io.pikko.gateway.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Expected outcomes were checked against redis-server 7.0.15 by sending the same bytes. Every input
 * goes through {@link #decode}, which also feeds it one byte at a time and in random chunks and
 * insists on the same result.
 */
class RespDecoderTest {

    private static final long DEFAULT_MAX_BULK = 512L * 1024 * 1024;
    private static final int MAX_LINE = 64 * 1024;

    // --- well-formed requests ---

    @Test
    void pipelinedMultibulkRequests() {
        assertEquals(
                List.of(multibulk("PING"), multibulk("SET", "k", "value"), multibulk("ECHO", "")),
                decode("*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"));
    }

    @Test
    void inlineRequestsFollowRedisQuotingRules() {
        assertEquals(List.of(inline("SET", "k", "v")), decode("SET k v\r\n"));
        assertEquals(List.of(inline("PING")), decode("PING\n"));
        assertEquals(List.of(inline("RPUSH", "k", "Ax4g\nq\"", "'x\\n", "c\fd")),
                decode("RPUSH k \"\\x41\\x4g\\n\\q\\\"\" '\\'x\\n' \u000bc\fd\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "a", "b")), decode("RPUSH k a\rb\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "a")), decode("RPUSH k \"a\"\u000b\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "a", "b")), decode("RPUSH k \"a\"\u000bb\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "abc d")), decode("RPUSH k ab\"c d\"\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "xZZx4")), decode("RPUSH k \"\\xZZ\\x4\"\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "a\\\\b")), decode("RPUSH k 'a\\\\b'\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "\u00ff\u0080", "\u00fe")), decode("RPUSH k \u00ff\u0080 \"\u00fe\"\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "", "")), decode("RPUSH k \"\" ''\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "a", "b")), decode("RPUSH k a\tb\r\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "A\u00ff\u0000z")), decode("RPUSH k \"\\x41\\xfF\\x00z\"\r\n"));
        assertEquals(List.of(inline("RPUSH", "k", "\r\n\t\b\u0007\\\"'")),
                decode("RPUSH k \"\\r\\n\\t\\b\\a\\\\\\\"\\'\"\r\n"));
    }

    @Test
    void allByteValuesSurviveInArguments() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(latin1("*257\r\n$256\r\n"));
        wire.writeBytes(everyByte);
        wire.writeBytes(latin1("\r\n"));
        StringBuilder hexEscaped = new StringBuilder("ECHO \"");
        for (int i = 0; i < 256; i++) {
            wire.writeBytes(latin1("$1\r\n"));
            wire.write(i);
            wire.writeBytes(latin1("\r\n"));
            hexEscaped.append(String.format("\\x%02x", i));
        }
        wire.writeBytes(latin1(hexEscaped.append("\"\r\n").toString()));

        List<Object> decoded = decode(wire.toByteArray());

        List<String> expectedArgs = new ArrayList<>();
        expectedArgs.add(new String(everyByte, StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 256; i++) {
            expectedArgs.add(String.valueOf((char) i));
        }
        assertEquals(List.of(new Decoded(false, expectedArgs),
                inline("ECHO", new String(everyByte, StandardCharsets.ISO_8859_1))), decoded);
    }

    @Test
    void sixteenMegabyteBulkInChunksIsFastAndIntact() {
        byte[] value = new byte[16 * 1024 * 1024];
        new Random(42).nextBytes(value);
        byte[] header = latin1("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + value.length + "\r\n");
        byte[] wire = new byte[header.length + value.length + 2];
        System.arraycopy(header, 0, wire, 0, header.length);
        System.arraycopy(value, 0, wire, header.length, value.length);
        wire[wire.length - 2] = '\r';
        wire[wire.length - 1] = '\n';

        List<Object> decoded = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> feed(wire, 64 * 1024));

        assertEquals(1, decoded.size());
        RespRequest request = (RespRequest) decoded.get(0);
        assertFalse(request.inline());
        assertEquals(3, request.args().size());
        assertArrayEquals(value, request.args().get(2));
    }

    @Test
    void longLinesFedOneByteAtATimeTakeLinearTime() {
        String line = "ECHO " + "x".repeat(MAX_LINE - 5) + "\r\n";
        List<Object> decoded = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> feed(latin1(line), 1));
        assertEquals(List.of(inline("ECHO", "x".repeat(MAX_LINE - 5))), viewAll(decoded));
    }

    @Test
    void emptyRequestsAreSkippedSilently() {
        assertEquals(List.of(inline("PING")), decode("\r\n\n   \r\n*0\r\n*-1\r\n*-9223372036854775808\r\nPING\r\n"));
        assertEquals(List.of(), decode("\r\n"));
    }

    @Test
    void bytesAfterABulkAreSkippedWithoutCheckingTheyAreCrlf() {
        assertEquals(List.of(multibulk("PING")), decode("*1\r\n$4\r\nPINGxx"));
        // "b\r" is taken as the terminator of "a"; the "\n" left over is an empty inline request.
        assertEquals(List.of(multibulk("ECHO", "a")), decode("*2\r\n$4\r\nECHO\r\n$1\r\nab\r\n"));
        assertEquals(List.of(multibulk("PING")), decode("*1\rX$4\r\nPING\r\n"));
        assertEquals(List.of(), decode("*1\r\n$4\r\nPING\r"));
    }

    @Test
    void aNulByteKeepsALineFromEndingAsInRedis() {
        assertEquals(List.of(), decode("PING\0\r\n"));
        assertEquals(List.of(), decode("*1\0\r\n$4\r\nPING\r\n"));
        assertEquals(List.of(error("too big inline request")), decode("PING\0" + "\r\n".repeat(MAX_LINE / 2)));
        assertEquals(List.of(multibulk("A\0B")), decode("*1\r\n$3\r\nA\0B\r\n"));
    }

    // --- protocol errors ---

    @Test
    void invalidMultibulkLength() {
        for (String count : List.of("abc", "2147483648", "-0", "+1", "01", " 1", "", "1 ", "99999999999999999999")) {
            assertEquals(List.of(error("invalid multibulk length")), decode("*" + count + "\r\n"), count);
        }
        assertEquals(List.of(), decode("*2147483647\r\n"));
    }

    @Test
    void expectedDollar() {
        assertEquals(List.of(error("expected '$', got 'X'")), decode("*1\r\nX\r\n"));
        assertEquals(List.of(error("expected '$', got ' '")), decode("*1\r\n\r\r\n"));
        assertEquals(List.of(error("expected '$', got ' '")), decode("*1\r\n\n\r\n"));
        assertEquals(List.of(error("expected '$', got '\u00ff'")), decode("*1\r\n\u00ff\r\n"));
        assertEquals(List.of(multibulk("GET", "k"), error("expected '$', got '*'")),
                decode("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*2\r\n$3\r\nGET\r\n*1\r\n"));
    }

    @Test
    void invalidBulkLength() {
        for (String length : List.of("-1", "abc", "536870913", "", "01", "1.5")) {
            assertEquals(List.of(error("invalid bulk length")), decode("*1\r\n$" + length + "\r\n"), length);
        }
        assertEquals(List.of(), decode("*1\r\n$536870912\r\n"));
    }

    @Test
    void protoMaxBulkLenIsReadForEveryBulk() {
        AtomicLong max = new AtomicLong(100);
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(max::get));
        channel.writeInbound(Unpooled.wrappedBuffer(latin1("*1\r\n$11\r\nhello world\r\n")));
        Object accepted = channel.readInbound();
        assertEquals(multibulk("hello world"), view(accepted));
        max.set(10);
        channel.writeInbound(Unpooled.wrappedBuffer(latin1("*1\r\n$11\r\nhello world\r\n")));
        assertEquals(error("invalid bulk length"), channel.readInbound());
    }

    @Test
    void tooBigMultibulkCountString() {
        assertEquals(List.of(), decode("*" + "1".repeat(MAX_LINE - 1)));
        assertEquals(List.of(error("too big mbulk count string")), decode("*" + "1".repeat(MAX_LINE)));
        // The limit counts the bytes before the '\r', wherever the reads happen to split them.
        assertEquals(List.of(error("invalid multibulk length")), decode("*" + "1".repeat(MAX_LINE - 1) + "\r\n"));
        assertEquals(List.of(error("too big mbulk count string")), decode("*" + "1".repeat(MAX_LINE) + "\r\n"));
    }

    @Test
    void tooBigBulkCountString() {
        assertEquals(List.of(), decode("*1\r\n$" + "1".repeat(MAX_LINE - 1)));
        assertEquals(List.of(error("too big bulk count string")), decode("*1\r\n$" + "1".repeat(MAX_LINE)));
        assertEquals(List.of(error("too big bulk count string")), decode("*1\r\nX" + "a".repeat(70_000)));
        assertEquals(List.of(error("invalid bulk length")), decode("*1\r\n$" + "1".repeat(MAX_LINE - 1) + "\r\n"));
        assertEquals(List.of(error("too big bulk count string")), decode("*1\r\n$" + "1".repeat(MAX_LINE) + "\r\n"));
    }

    @Test
    void tooBigInlineRequest() {
        String longest = "x".repeat(MAX_LINE);
        assertEquals(List.of(inline(longest)), decode(longest + "\r\n"));
        assertEquals(List.of(inline(longest)), decode(longest + "\n"));
        assertEquals(List.of(), decode(longest + "\r"));
        assertEquals(List.of(error("too big inline request")), decode(longest + "x"));
        assertEquals(List.of(error("too big inline request")), decode(longest + "x\r\n"));
        assertEquals(List.of(error("too big inline request")), decode("a".repeat(70_000)));
    }

    @Test
    void unbalancedQuotes() {
        for (String line : List.of("ECHO \"abc", "ECHO \"a\"b", "ECHO 'a'b", "ECHO ab\"c d\"e", "ECHO \"abc\\",
                "ECHO 'it''s'", "ECHO \"a\\")) {
            assertEquals(List.of(error("unbalanced quotes in request")), decode(line + "\r\n"), line);
        }
    }

    @Test
    void unauthenticatedClientsGetTighterLimits() {
        assertEquals(List.of(error("unauthenticated multibulk length")), decode("*11\r\n", () -> true));
        assertEquals(List.of(), decode("*10\r\n", () -> true));
        assertEquals(List.of(error("unauthenticated bulk length")), decode("*1\r\n$16385\r\n", () -> true));
        assertEquals(List.of(), decode("*1\r\n$16384\r\n", () -> true));
        assertEquals(List.of(error("invalid multibulk length")), decode("*11111111111\r\n", () -> true));
        assertEquals(List.of(error("invalid bulk length")), decode("*1\r\n$1000000000\r\n", () -> true));
        assertEquals(List.of(), decode("*11\r\n$16385\r\n", () -> false));
    }

    @Test
    void everythingAfterAProtocolErrorIsIgnored() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(() -> DEFAULT_MAX_BULK));
        channel.writeInbound(Unpooled.wrappedBuffer(latin1("PING\r\n*x\r\nPING\r\n")));
        channel.writeInbound(Unpooled.wrappedBuffer(latin1("*1\r\n$4\r\nPING\r\n")));
        Object beforeError = channel.readInbound();
        assertEquals(inline("PING"), view(beforeError));
        assertEquals(error("invalid multibulk length"), channel.readInbound());
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void randomGarbageYieldsRequestsOrOneTrailingProtocolError() {
        byte[][] tokens = {latin1("*"), latin1("$"), latin1("\r\n"), latin1("\r"), latin1("\n"), latin1("-1"),
                latin1("0"), latin1("3"), latin1("12"), latin1("\""), latin1("'"), latin1("\\"), latin1("\\x4"),
                latin1(" "), latin1("\0"), latin1("SET"), latin1("x")};
        Set<String> errorsSeen = new TreeSet<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int seed = 0; seed < 600; seed++) {
                Random random = new Random(seed);
                byte[] garbage = switch (seed % 3) {
                    case 0 -> randomBytes(random);
                    case 1 -> randomTokens(random, tokens);
                    default -> mutatedRequests(random);
                };
                List<Object> decoded = decode(garbage);
                for (int i = 0; i < decoded.size(); i++) {
                    Object message = decoded.get(i);
                    if (message instanceof ProtocolError error) {
                        assertEquals(decoded.size() - 1, i, "a protocol error must be the last message");
                        assertTrue(error.message().startsWith("ERR Protocol error: "), error.message());
                        errorsSeen.add(error.message().replaceAll("got '.*'", "got '?'"));
                    } else {
                        assertInstanceOf(Decoded.class, message);
                        assertFalse(((Decoded) message).args().isEmpty());
                    }
                }
            }
        });
        // The fuzzing reaches every error a short input can cause.
        assertEquals(Set.of(error("invalid multibulk length").message(), error("expected '$', got '?'").message(),
                error("invalid bulk length").message(), error("unbalanced quotes in request").message()), errorsSeen);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(1000)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] randomTokens(Random random, byte[][] tokens) {
        ByteArrayOutputStream garbage = new ByteArrayOutputStream();
        for (int i = random.nextInt(400); i > 0; i--) {
            garbage.writeBytes(tokens[random.nextInt(tokens.length)]);
        }
        return garbage.toByteArray();
    }

    /** Well-formed multibulk requests with a few bytes overwritten, so the damage lands deep in frames. */
    private static byte[] mutatedRequests(Random random) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int request = random.nextInt(5); request >= 0; request--) {
            int args = 1 + random.nextInt(4);
            wire.writeBytes(latin1("*" + args + "\r\n"));
            for (int i = 0; i < args; i++) {
                byte[] arg = new byte[random.nextInt(20)];
                random.nextBytes(arg);
                wire.writeBytes(latin1("$" + arg.length + "\r\n"));
                wire.writeBytes(arg);
                wire.writeBytes(latin1("\r\n"));
            }
        }
        byte[] bytes = wire.toByteArray();
        for (int i = random.nextInt(4); i > 0; i--) {
            bytes[random.nextInt(bytes.length)] = (byte) "*$\r\n-0123456789x\0".charAt(random.nextInt(17));
        }
        return bytes;
    }

    // --- helpers ---

    /** A request with its arguments as ISO-8859-1 strings, comparable with equals(). */
    private record Decoded(boolean inline, List<String> args) {}

    private static Decoded multibulk(String... args) {
        return new Decoded(false, List.of(args));
    }

    private static Decoded inline(String... args) {
        return new Decoded(true, List.of(args));
    }

    private static ProtocolError error(String what) {
        return new ProtocolError("ERR Protocol error: " + what);
    }

    private static List<Object> decode(String input) {
        return decode(latin1(input));
    }

    private static List<Object> decode(String input, BooleanSupplier authRequired) {
        return decode(latin1(input), authRequired);
    }

    private static List<Object> decode(byte[] input) {
        return decode(input, () -> false);
    }

    /** Decodes whole, a byte at a time and in random chunks; all three must agree. */
    private static List<Object> decode(byte[] input, BooleanSupplier authRequired) {
        List<Object> whole = viewAll(feed(input, input.length, authRequired));
        assertEquals(whole, viewAll(feed(input, 1, authRequired)), "fed one byte at a time");
        Random random = new Random(input.length);
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(() -> DEFAULT_MAX_BULK, authRequired));
        for (int from = 0; from < input.length; ) {
            int length = Math.min(input.length - from, 1 + random.nextInt(7));
            channel.writeInbound(Unpooled.wrappedBuffer(input, from, length));
            from += length;
        }
        assertEquals(whole, viewAll(drain(channel)), "fed in random chunks");
        return whole;
    }

    private static List<Object> feed(byte[] input, int chunk) {
        return feed(input, chunk, () -> false);
    }

    private static List<Object> feed(byte[] input, int chunk, BooleanSupplier authRequired) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(() -> DEFAULT_MAX_BULK, authRequired));
        for (int from = 0; from < input.length; from += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(input, from, Math.min(chunk, input.length - from)));
        }
        return drain(channel);
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        channel.finish();
        List<Object> messages = new ArrayList<>();
        for (Object message; (message = channel.readInbound()) != null; ) {
            messages.add(message);
        }
        return messages;
    }

    private static List<Object> viewAll(List<Object> messages) {
        return messages.stream().map(RespDecoderTest::view).toList();
    }

    private static Object view(Object message) {
        if (message instanceof RespRequest request) {
            return new Decoded(request.inline(),
                    request.args().stream().map(arg -> new String(arg, StandardCharsets.ISO_8859_1)).toList());
        }
        return message;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
