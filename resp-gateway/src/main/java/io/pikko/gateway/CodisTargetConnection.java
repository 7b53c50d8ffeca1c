package io.pikko.gateway;

import io.pikko.commands.PlainRdbPayload;
import io.pikko.protocol.Reply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Codis migration's connection to its target server (a Pikko node, a codis-server, a
 * redis-server): RESP2 commands out, replies in, as any client would. Blocking; one thread at a time.
 */
final class CodisTargetConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    /** The database the target connection has selected (-1: none yet), and whether it authenticated. */
    int selectedDb = -1;
    boolean authenticated;
    /** The RDB version the target reads, once asked (0: not yet). */
    private int rdbVersion;

    private CodisTargetConnection(String host, int port, Socket socket) throws IOException {
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** Connects within {@code timeoutMillis}; every later read waits at most that long too. */
    static CodisTargetConnection open(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            return new CodisTargetConnection(host, port, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    boolean isTo(String otherHost, int otherPort) {
        return host.equals(otherHost) && port == otherPort && !socket.isClosed();
    }

    String address() {
        return host + ":" + port;
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Queues a command; {@link #flush} sends what is queued. */
    void write(List<byte[]> args) throws IOException {
        out.write(('*' + Integer.toString(args.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            out.write(('$' + Integer.toString(arg.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(arg);
            out.write('\r');
            out.write('\n');
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * A field of a section of the target's INFO ("server", "redis_version"), or empty when it has
     * none. Only while no reply is pending on the connection.
     */
    Optional<String> info(String section, String field) throws IOException {
        Reply info = call(List.of("INFO".getBytes(StandardCharsets.US_ASCII), section.getBytes(StandardCharsets.US_ASCII)));
        if (!(info instanceof Reply.Bulk bulk)) {
            return Optional.empty();
        }
        for (String line : new String(bulk.value(), StandardCharsets.UTF_8).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Optional.of(line.substring(field.length() + 1).trim());
            }
        }
        return Optional.empty();
    }

    /**
     * The RDB version the target reads (from its redis_version), asked once, authenticating first
     * with {@code password} when it is not empty; the newest when the target does not say.
     * Only while no reply is pending on the connection.
     */
    int rdbVersion(String password) throws IOException {
        if (rdbVersion == 0) {
            if (!password.isEmpty() && !authenticated) {
                authenticated = !call(List.of("AUTH".getBytes(StandardCharsets.US_ASCII),
                        password.getBytes(StandardCharsets.UTF_8))).isError();
            }
            rdbVersion = info("server", "redis_version").map(PlainRdbPayload::rdbVersionOf).orElse(PlainRdbPayload.CURRENT);
        }
        return rdbVersion;
    }

    Reply call(List<byte[]> args) throws IOException {
        write(args);
        flush();
        return read();
    }

    /** The next reply: simple, error, integer, bulk (or nil) or an array of them. */
    Reply read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the target closed the connection");
        }
        String line = line();
        return switch (type) {
            case '+' -> new Reply.Simple(line);
            case '-' -> Reply.error(line);
            case ':' -> Reply.integer(Long.parseLong(line));
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield Reply.NIL;
                }
                byte[] value = in.readNBytes(length);
                if (value.length < length || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("the target's reply was cut short");
                }
                yield Reply.bulk(value);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield new Reply.NilArray();
                }
                List<Reply> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                yield Reply.array(items);
            }
            default -> throw new IOException("the target answered something that is not RESP2 ('" + (char) type + "')");
        };
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("the target closed the connection");
            }
            line.append((char) c);
        }
        if (in.read() != '\n') {
            throw new IOException("the target's reply line does not end in CRLF");
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that failed already: nothing more to release.
        }
    }
}
