package io.pikko.node;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What one fuzzing connection sends, and what the node must answer. A designed script is a few
 * valid requests and then one frame whose outcome Redis 7.0 defines (a protocol error, a silently
 * skipped frame, a frame that never completes): its replies are known byte for byte. A mutated
 * script is many valid frames, half of them damaged at random (bytes flipped, cut short, inline
 * garbage, random bytes): its replies are not known, only that they are well-formed and that a
 * protocol error is the last.
 *
 * @param request       the bytes sent
 * @param mutatedFrames how many of its frames are damaged or bad (valid ones are not counted)
 * @param expected      the exact replies, or null for a mutated script
 * @param halfClose     whether the client ends its output after the request: the node is not
 *                      going to close by itself, as the last frame never completes
 */
record FuzzScript(byte[] request, int mutatedFrames, List<String> expected, boolean halfClose) {
    /** A multibulk of one more than 2^20 elements, the size Redis 6 and earlier refused. */
    static final int MANY_ELEMENTS = 1024 * 1024 + 1;
    static final String PROTOCOL_ERROR = "-ERR Protocol error: ";
    /** The texts of Redis 7.0's protocol errors (networking.c) for an authenticated client. */
    static final List<String> PROTOCOL_ERRORS = List.of("invalid multibulk length", "invalid bulk length",
            "expected '$', got '", "too big inline request", "too big mbulk count string",
            "too big bulk count string", "unbalanced quotes in request");
    private static final long PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;
    private static final int TOO_LONG_LINE = 64 * 1024 + 100;
    private static final int FRAMES_PER_MUTATED_SCRIPT = 1000;

    /** One random script: mostly mutated ones, which carry most frames, and designed ones. */
    static FuzzScript next(Random random, boolean allowHuge) {
        return random.nextInt(10) < 7 ? mutated(random) : designed(random, allowHuge);
    }

    /** Valid frames, every other one damaged at random: a connection's cost is spread over many frames. */
    private static FuzzScript mutated(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int damaged = 0;
        for (int i = 0; i < FRAMES_PER_MUTATED_SCRIPT; i++) {
            byte[] frame = validFrame(random);
            if (random.nextBoolean()) {
                frame = damage(random, frame);
                damaged++;
            }
            out.writeBytes(frame);
        }
        return new FuzzScript(out.toByteArray(), damaged, null, true);
    }

    private static byte[] validFrame(Random random) {
        String key = "fuzz:" + random.nextInt(50);
        return switch (random.nextInt(5)) {
            case 0 -> command("PING");
            case 1 -> command("ECHO", word(random, random.nextInt(20)));
            case 2 -> command("SET", key, word(random, random.nextInt(30)));
            case 3 -> command("GET", key);
            default -> command("EXISTS", key, "fuzz:" + random.nextInt(50));
        };
    }

    private static byte[] damage(Random random, byte[] frame) {
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] flipped = frame.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                return flipped;
            }
            case 1 -> {
                byte[] cut = new byte[random.nextInt(frame.length)];
                System.arraycopy(frame, 0, cut, 0, cut.length);
                return cut;
            }
            case 2 -> {
                byte[] garbage = new byte[1 + random.nextInt(40)];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = (byte) (' ' + random.nextInt(95));
                }
                return concat(garbage, "\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            default -> {
                byte[] bytes = new byte[1 + random.nextInt(30)];
                random.nextBytes(bytes);
                return bytes;
            }
        }
    }

    private static FuzzScript designed(Random random, boolean allowHuge) {
        List<String> replies = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int kind = random.nextInt(allowHuge ? 14 : 12);
        // Frames that never complete end with the client's close, which may overtake replies
        // still on their way from a slot: only PINGs (answered at once) go before them.
        boolean incomplete = kind >= 9 && kind != 13;
        for (int n = random.nextInt(4); n > 0; n--) {
            validPrefix(random, incomplete, out, replies);
        }
        String error = switch (kind) {
            case 0 -> {
                out.writeBytes(ascii("*" + pick(random, "2147483648", "99999999999999999999", "abc", "12x", "", "01") + "\r\n"));
                yield "invalid multibulk length";
            }
            case 1 -> {
                String length = pick(random, "-1", "-100", String.valueOf(PROTO_MAX_BULK_LEN + 1),
                        "9223372036854775807", "99999999999999999999", "1x");
                out.writeBytes(ascii("*2\r\n$4\r\nECHO\r\n$" + length + "\r\n"));
                yield "invalid bulk length";
            }
            case 2 -> {
                String item = pick(random, ":1", "+OK", "*1", "-ERR");
                out.writeBytes(ascii("*2\r\n$4\r\nECHO\r\n" + item + "\r\n"));
                yield "expected '$', got '" + item.charAt(0) + "'";
            }
            case 3 -> {
                out.writeBytes(ascii("*" + "1".repeat(TOO_LONG_LINE)));
                yield "too big mbulk count string";
            }
            case 4 -> {
                out.writeBytes(ascii("*1\r\n$" + "1".repeat(TOO_LONG_LINE)));
                yield "too big bulk count string";
            }
            case 5 -> {
                out.writeBytes(ascii(pick(random, "SET k \"abc\r\n", "ECHO 'x\r\n", "ECHO \"a\"b\r\n")));
                yield "unbalanced quotes in request";
            }
            case 6 -> {
                out.writeBytes(ascii("x".repeat(TOO_LONG_LINE)));
                yield "too big inline request";
            }
            case 7, 8 -> {
                // Redis skips empty and negative multibulk counts; the PING after one is answered.
                out.writeBytes(ascii("*" + pick(random, "-1", "-7", "0") + "\r\n*1\r\n$4\r\nPING\r\n"));
                replies.add("+PONG");
                out.writeBytes(ascii("*1\r\n:1\r\n"));
                yield "expected '$', got ':'";
            }
            case 9 -> {
                // A bulk cut short, and the client leaves.
                out.writeBytes(ascii("*2\r\n$4\r\nECHO\r\n$10\r\nabc"));
                yield null;
            }
            case 10 -> {
                // A bulk as long as proto-max-bulk-len announced, a little of it sent.
                out.writeBytes(ascii("*2\r\n$4\r\nECHO\r\n$" + PROTO_MAX_BULK_LEN + "\r\n" + "y".repeat(1000)));
                yield null;
            }
            case 11 -> {
                out.writeBytes(ascii("*" + MANY_ELEMENTS + "\r\n" + "$1\r\nx\r\n".repeat(1000)));
                yield null;
            }
            case 12 -> {
                out.writeBytes(ascii("*" + MANY_ELEMENTS + "\r\n" + "$1\r\nx\r\n".repeat(random.nextInt(100_000))));
                yield null;
            }
            default -> {
                // The whole of a multibulk of 2^20 + 1 elements: a command, refused for its arity.
                out.writeBytes(ascii("*" + MANY_ELEMENTS + "\r\n$4\r\nECHO\r\n"));
                out.writeBytes(ascii("$1\r\nx\r\n".repeat(MANY_ELEMENTS - 1)));
                replies.add("-ERR wrong number of arguments for 'echo' command");
                out.writeBytes(ascii("*1\r\n$-5\r\n"));
                yield "invalid bulk length";
            }
        };
        if (error != null) {
            replies.add(PROTOCOL_ERROR + error);
        }
        return new FuzzScript(out.toByteArray(), 1, List.copyOf(replies), error == null);
    }

    private static void validPrefix(Random random, boolean pingOnly, ByteArrayOutputStream out, List<String> replies) {
        if (pingOnly || random.nextBoolean()) {
            out.writeBytes(command("PING"));
            replies.add("+PONG");
            return;
        }
        String value = word(random, 1 + random.nextInt(20));
        String key = "designed:" + random.nextLong();
        out.writeBytes(command("SET", key, value));
        out.writeBytes(command("GET", key));
        replies.add("+OK");
        replies.add("$" + value.length() + "\r\n" + value);
    }

    private static String word(Random random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    static byte[] command(String... args) {
        StringBuilder out = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        return ascii(out.toString());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
