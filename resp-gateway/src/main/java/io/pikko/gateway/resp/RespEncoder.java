package io.pikko.gateway.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pikko.protocol.Reply;
import io.pikko.protocol.RespDoubles;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link Reply}s in the wire protocol the client chose with HELLO: RESP2, or RESP3 with its
 * richer types (null, map, set, double, boolean, verbatim string), following Redis 7.0's addReply*
 * functions byte for byte.
 */
public final class RespEncoder {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] RESP2_NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESP2_NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESP3_NULL = "_\r\n".getBytes(StandardCharsets.US_ASCII);

    private RespEncoder() {}

    /**
     * Appends {@code reply} to {@code out}.
     *
     * @param protocol 2 or 3, as negotiated by HELLO
     */
    public static void encode(Reply reply, int protocol, ByteBuf out) {
        if (protocol != 2 && protocol != 3) {
            throw new IllegalArgumentException("RESP protocol must be 2 or 3, not " + protocol);
        }
        write(reply, protocol == 3, out);
    }

    private static void write(Reply reply, boolean resp3, ByteBuf out) {
        if (reply instanceof Reply.Simple simple) {
            line(out, '+', simple.text());
        } else if (reply instanceof Reply.Error error) {
            line(out, '-', error.text());
        } else if (reply instanceof Reply.Int integer) {
            header(out, ':', integer.value());
        } else if (reply instanceof Reply.Bulk bulk) {
            bulk(out, bulk.value());
        } else if (reply instanceof Reply.Nil) {
            out.writeBytes(resp3 ? RESP3_NULL : RESP2_NULL_BULK);
        } else if (reply instanceof Reply.NilArray) {
            // RESP3 has a single null for both.
            out.writeBytes(resp3 ? RESP3_NULL : RESP2_NULL_ARRAY);
        } else if (reply instanceof Reply.Array array) {
            aggregate(out, '*', array.items().size(), array.items(), resp3);
        } else if (reply instanceof Reply.Push push) {
            aggregate(out, resp3 ? '>' : '*', push.items().size(), push.items(), resp3);
        } else if (reply instanceof Reply.MapReply map) {
            List<Reply> keysAndValues = map.keysAndValues();
            if (keysAndValues.size() % 2 != 0) {
                throw new IllegalArgumentException("a map reply needs as many values as keys");
            }
            if (resp3) {
                aggregate(out, '%', keysAndValues.size() / 2, keysAndValues, true);
            } else {
                aggregate(out, '*', keysAndValues.size(), keysAndValues, false);
            }
        } else if (reply instanceof Reply.Pairs pairs) {
            List<Reply> flat = pairs.flat();
            if (resp3) {
                header(out, '*', flat.size() / 2);
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    aggregate(out, '*', 2, flat.subList(i, i + 2), true);
                }
            } else {
                aggregate(out, '*', flat.size(), flat, false);
            }
        } else if (reply instanceof Reply.SetReply set) {
            aggregate(out, resp3 ? '~' : '*', set.items().size(), set.items(), resp3);
        } else if (reply instanceof Reply.DoubleReply number) {
            String text = RespDoubles.format(number.value());
            if (resp3) {
                line(out, ',', text);
            } else {
                bulk(out, text.getBytes(StandardCharsets.US_ASCII));
            }
        } else if (reply instanceof Reply.DoubleText number) {
            if (resp3) {
                line(out, ',', number.text());
            } else {
                bulk(out, number.text().getBytes(StandardCharsets.US_ASCII));
            }
        } else if (reply instanceof Reply.Bool bool) {
            if (resp3) {
                line(out, '#', bool.value() ? "t" : "f");
            } else {
                header(out, ':', bool.value() ? 1 : 0);
            }
        } else if (reply instanceof Reply.Verbatim verbatim) {
            byte[] text = verbatim.text().getBytes(StandardCharsets.UTF_8);
            if (resp3) {
                verbatim(out, verbatim.format(), text);
            } else {
                bulk(out, text);
            }
        } else {
            throw new IllegalArgumentException("unknown reply type " + reply.getClass().getName());
        }
    }

    /**
     * A one-line reply. A CR or LF inside would end the line early and desynchronize the client,
     * so, as Redis does for errors, they become spaces.
     */
    private static void line(ByteBuf out, char type, String text) {
        out.writeByte(type);
        ByteBufUtil.writeUtf8(out, text.replace('\r', ' ').replace('\n', ' '));
        out.writeBytes(CRLF);
    }

    private static void header(ByteBuf out, char type, long value) {
        out.writeByte(type);
        ByteBufUtil.writeAscii(out, Long.toString(value));
        out.writeBytes(CRLF);
    }

    private static void bulk(ByteBuf out, byte[] value) {
        header(out, '$', value.length);
        out.writeBytes(value);
        out.writeBytes(CRLF);
    }

    private static void aggregate(ByteBuf out, char type, int count, List<Reply> items, boolean resp3) {
        header(out, type, count);
        for (Reply item : items) {
            write(item, resp3, out);
        }
    }

    /** Like addReplyVerbatim: the format is cut or space-padded to three characters, then ':'. */
    private static void verbatim(ByteBuf out, String format, byte[] text) {
        header(out, '=', text.length + 4L);
        for (int i = 0; i < 3; i++) {
            out.writeByte(i < format.length() ? format.charAt(i) : ' ');
        }
        out.writeByte(':');
        out.writeBytes(text);
        out.writeBytes(CRLF);
    }
}
