package io.pikko.node;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw RESP2 connection that renders each reply exactly as it came, type and all: the null bulk
 * string and the null array, status and bulk strings stay apart, which Jedis's replies blur.
 */
final class RespConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RespConnection(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command and reads its reply. */
    String call(String... args) {
        send(args);
        return read();
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
        try {
            out.write(request.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next reply: {@code +OK}, {@code -ERR ...}, {@code :1}, {@code "bulk"}, {@code $-1},
     * {@code *-1}, {@code [a, b]}.
     */
    String read() {
        try {
            String line = line();
            char type = line.charAt(0);
            String rest = line.substring(1);
            return switch (type) {
                case '+', '-', ':' -> line;
                case '$' -> {
                    int length = Integer.parseInt(rest);
                    if (length < 0) {
                        yield "$-1";
                    }
                    byte[] bulk = in.readNBytes(length + 2);
                    yield "\"" + new String(bulk, 0, length, StandardCharsets.UTF_8) + "\"";
                }
                case '*' -> {
                    int count = Integer.parseInt(rest);
                    if (count < 0) {
                        yield "*-1";
                    }
                    StringBuilder items = new StringBuilder("[");
                    for (int i = 0; i < count; i++) {
                        items.append(i == 0 ? "" : ", ").append(read());
                    }
                    yield items.append(']').toString();
                }
                default -> throw new IllegalStateException("unexpected reply line " + line);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
