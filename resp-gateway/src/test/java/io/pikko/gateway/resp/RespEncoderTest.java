package io.pikko.gateway.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pikko.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RESP3 forms of doubles, nulls and maps were checked against redis-server 7.0.15 after HELLO 3. */
class RespEncoderTest {

    @Test
    void simpleStringsAndErrorsCannotBreakTheLine() {
        assertBoth(Reply.OK, "+OK\r\n", "+OK\r\n");
        assertBoth(new Reply.Simple("a\r\nb"), "+a  b\r\n", "+a  b\r\n");
        assertBoth(new Reply.Error("ERR unknown command 'x'"), "-ERR unknown command 'x'\r\n",
                "-ERR unknown command 'x'\r\n");
        assertBoth(new Reply.Error("ERR bad\r\nthing\n"), "-ERR bad  thing \r\n", "-ERR bad  thing \r\n");
        assertBoth(new Reply.Simple("h\u00e9"), "+h\u00c3\u00a9\r\n", "+h\u00c3\u00a9\r\n");
    }

    @Test
    void integers() {
        assertBoth(Reply.ZERO, ":0\r\n", ":0\r\n");
        assertBoth(new Reply.Int(-5), ":-5\r\n", ":-5\r\n");
        assertBoth(new Reply.Int(Long.MIN_VALUE), ":-9223372036854775808\r\n", ":-9223372036854775808\r\n");
    }

    @Test
    void bulkStringsAreBinarySafe() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        String payload = new String(everyByte, StandardCharsets.ISO_8859_1);
        assertBoth(new Reply.Bulk(everyByte), "$256\r\n" + payload + "\r\n", "$256\r\n" + payload + "\r\n");
        assertBoth(new Reply.Bulk(new byte[0]), "$0\r\n\r\n", "$0\r\n\r\n");
    }

    @Test
    void nullsCollapseToOneTypeInResp3() {
        assertBoth(Reply.NIL, "$-1\r\n", "_\r\n");
        assertBoth(Reply.NIL_ARRAY, "*-1\r\n", "_\r\n");
    }

    @Test
    void aggregates() {
        Reply array = Reply.array(List.of(Reply.bulk("a"), Reply.integer(1), Reply.NIL, Reply.EMPTY_ARRAY));
        assertBoth(array, "*4\r\n$1\r\na\r\n:1\r\n$-1\r\n*0\r\n", "*4\r\n$1\r\na\r\n:1\r\n_\r\n*0\r\n");

        Reply map = new Reply.MapReply(List.of(Reply.bulk("k1"), Reply.bulk("v1"), Reply.bulk("k2"), Reply.NIL));
        assertBoth(map, "*4\r\n$2\r\nk1\r\n$2\r\nv1\r\n$2\r\nk2\r\n$-1\r\n",
                "%2\r\n$2\r\nk1\r\n$2\r\nv1\r\n$2\r\nk2\r\n_\r\n");
        assertBoth(new Reply.MapReply(List.of()), "*0\r\n", "%0\r\n");

        Reply set = new Reply.SetReply(List.of(Reply.bulk("x"), Reply.bulk("y")));
        assertBoth(set, "*2\r\n$1\r\nx\r\n$1\r\ny\r\n", "~2\r\n$1\r\nx\r\n$1\r\ny\r\n");

        Reply nested = Reply.array(List.of(map, set, new Reply.Bool(true)));
        assertBoth(nested,
                "*3\r\n*4\r\n$2\r\nk1\r\n$2\r\nv1\r\n$2\r\nk2\r\n$-1\r\n*2\r\n$1\r\nx\r\n$1\r\ny\r\n:1\r\n",
                "*3\r\n%2\r\n$2\r\nk1\r\n$2\r\nv1\r\n$2\r\nk2\r\n_\r\n~2\r\n$1\r\nx\r\n$1\r\ny\r\n#t\r\n");
    }

    @Test
    void doublesUseRedisFormatting() {
        assertBoth(new Reply.DoubleReply(0.1), "$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n");
        assertBoth(new Reply.DoubleReply(1e20), "$5\r\n1e+20\r\n", ",1e+20\r\n");
        assertBoth(new Reply.DoubleReply(Double.NEGATIVE_INFINITY), "$4\r\n-inf\r\n", ",-inf\r\n");
        assertBoth(new Reply.DoubleReply(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n");
        assertBoth(new Reply.DoubleReply(-0.0), "$2\r\n-0\r\n", ",-0\r\n");
    }

    @Test
    void booleans() {
        assertBoth(new Reply.Bool(true), ":1\r\n", "#t\r\n");
        assertBoth(new Reply.Bool(false), ":0\r\n", "#f\r\n");
    }

    @Test
    void verbatimStrings() {
        assertBoth(new Reply.Verbatim("txt", "Some string"), "$11\r\nSome string\r\n", "=15\r\ntxt:Some string\r\n");
        assertBoth(new Reply.Verbatim("md", "# x\r\n"), "$5\r\n# x\r\n\r\n", "=9\r\nmd :# x\r\n\r\n");
        assertBoth(new Reply.Verbatim("markdown", ""), "$0\r\n\r\n", "=4\r\nmar:\r\n");
        assertBoth(new Reply.Verbatim("txt", "\u00e9"), "$2\r\n\u00c3\u00a9\r\n", "=6\r\ntxt:\u00c3\u00a9\r\n");
    }

    @Test
    void rejectsMalformedInput() {
        ByteBuf out = Unpooled.buffer();
        Reply odd = new Reply.MapReply(List.of(Reply.bulk("k")));
        assertThrows(IllegalArgumentException.class, () -> RespEncoder.encode(odd, 3, out));
        assertThrows(IllegalArgumentException.class, () -> RespEncoder.encode(Reply.OK, 1, out));
        out.release();
    }

    /** Expected bytes are written as ISO-8859-1 strings: one char per byte. */
    private static void assertBoth(Reply reply, String resp2, String resp3) {
        assertEquals(resp2, encode(reply, 2), "RESP2");
        assertEquals(resp3, encode(reply, 3), "RESP3");
    }

    private static String encode(Reply reply, int protocol) {
        ByteBuf out = Unpooled.buffer();
        try {
            RespEncoder.encode(reply, protocol, out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }
}
