package io.pikko.gateway.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Decodes client requests into {@link RespRequest}s, accepting what Redis 7.0 accepts and refusing
 * with its error texts (networking.c, processMultibulkBuffer and processInlineBuffer). On a malformed
 * frame it emits one {@link ProtocolError} and then swallows all further input.
 *
 * <p>Parsing is incremental: a partial line is never searched twice and bulk payloads are moved out
 * of the network buffers as they arrive, so input trickling in a byte at a time or a huge value in
 * many chunks costs linear time. Payload bytes go straight from the network buffer into the
 * argument's array; only arrays that outgrow their first 64 KB are re-copied, as they double.
 *
 * <p>Redis checks line limits against whatever it has buffered when it looks; here they depend on
 * the line alone, so the outcome does not depend on how TCP splits the stream.
 */
public final class RespDecoder extends ByteToMessageDecoder {

    /** Redis's PROTO_INLINE_MAX_SIZE: the longest inline request or count line. */
    private static final int MAX_LINE = 64 * 1024;
    /** Before AUTH, Redis refuses requests with more arguments or longer bulks than these. */
    private static final int MAX_UNAUTHENTICATED_ARGS = 10;
    private static final int MAX_UNAUTHENTICATED_BULK = 16 * 1024;
    /** The largest byte[] a JVM reliably allocates; proto-max-bulk-len may be configured above it. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /**
     * Bulk buffers start at most this big and then grow with the data actually received, so a
     * 20-byte header cannot make us allocate proto-max-bulk-len up front.
     */
    private static final int MAX_PREALLOCATION = 64 * 1024;

    /** Redis finds line ends with strchr(), which stops at a NUL: a NUL before the end means no end. */
    private static final ByteProcessor FIND_CR_OR_NUL = b -> b != '\r' && b != 0;
    private static final ByteProcessor FIND_LF_OR_NUL = b -> b != '\n' && b != 0;

    private enum State { REQUEST_START, INLINE, MULTIBULK_COUNT, BULK_COUNT, BULK_DATA, FAILED }

    private final LongSupplier protoMaxBulkLen;
    private final BooleanSupplier authRequired;

    private State state = State.REQUEST_START;
    /** How many bytes of the current line have already been searched for its end. */
    private int scanned;
    /** The current line holds a NUL before any terminator, so, as in Redis, it can never end. */
    private boolean lineHasNul;
    private List<byte[]> args;
    private int argsLeft;
    private byte[] bulk;
    private int bulkLength;
    private int bulkFilled;

    /** For a client that is authenticated, or a server without a password. */
    public RespDecoder(LongSupplier protoMaxBulkLen) {
        this(protoMaxBulkLen, () -> false);
    }

    /**
     * @param protoMaxBulkLen the proto-max-bulk-len setting, read for every bulk so a change applies
     *                        to the next argument
     * @param authRequired    whether the client still has to AUTH, which tightens the limits as in Redis
     */
    public RespDecoder(LongSupplier protoMaxBulkLen, BooleanSupplier authRequired) {
        this.protoMaxBulkLen = protoMaxBulkLen;
        this.authRequired = authRequired;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress = true;
        while (progress && in.isReadable()) {
            progress = step(in, out);
        }
    }

    /** Advances the parse by one line, payload or state change; false when more input is needed. */
    private boolean step(ByteBuf in, List<Object> out) {
        return switch (state) {
            case REQUEST_START -> {
                state = in.getByte(in.readerIndex()) == '*' ? State.MULTIBULK_COUNT : State.INLINE;
                yield true;
            }
            case INLINE -> inline(in, out);
            case MULTIBULK_COUNT -> multibulkCount(in, out);
            case BULK_COUNT -> bulkCount(in, out);
            case BULK_DATA -> bulkData(in, out);
            case FAILED -> {
                in.skipBytes(in.readableBytes());
                yield false;
            }
        };
    }

    private boolean inline(ByteBuf in, List<Object> out) {
        int end = findLineEnd(in, FIND_LF_OR_NUL);
        if (end < 0) {
            // A trailing '\r' may turn out to be part of the "\r\n" that ends the line.
            int atLeast = in.readableBytes();
            if (!lineHasNul && in.getByte(in.writerIndex() - 1) == '\r') {
                atLeast--;
            }
            return atLeast > MAX_LINE ? fail(out, "too big inline request") : false;
        }
        int length = end > 0 && in.getByte(in.readerIndex() + end - 1) == '\r' ? end - 1 : end;
        if (length > MAX_LINE) {
            return fail(out, "too big inline request");
        }
        byte[] line = new byte[length];
        in.readBytes(line);
        consumeLine(in, end + 1 - length);
        List<byte[]> split = InlineArgs.split(line);
        if (split == null) {
            return fail(out, "unbalanced quotes in request");
        }
        state = State.REQUEST_START;
        if (!split.isEmpty()) {
            out.add(new RespRequest(split, true));
        }
        return true;
    }

    private boolean multibulkCount(ByteBuf in, List<Object> out) {
        int end = findLineEnd(in, FIND_CR_OR_NUL);
        if (lineTooLong(in, end)) {
            return fail(out, "too big mbulk count string");
        }
        if (!lineComplete(in, end)) {
            return false;
        }
        OptionalLong count = string2ll(in, in.readerIndex() + 1, end - 1);
        if (count.isEmpty() || count.getAsLong() > Integer.MAX_VALUE) {
            return fail(out, "invalid multibulk length");
        }
        if (count.getAsLong() > MAX_UNAUTHENTICATED_ARGS && authRequired.getAsBoolean()) {
            return fail(out, "unauthenticated multibulk length");
        }
        consumeLine(in, end + 2);
        if (count.getAsLong() <= 0) {
            // Redis silently skips empty and null multibulks.
            state = State.REQUEST_START;
            return true;
        }
        argsLeft = (int) count.getAsLong();
        // The count comes from the client: trust it only as far as a small list goes.
        args = new ArrayList<>(Math.min(argsLeft, 1024));
        state = State.BULK_COUNT;
        return true;
    }

    private boolean bulkCount(ByteBuf in, List<Object> out) {
        int end = findLineEnd(in, FIND_CR_OR_NUL);
        if (lineTooLong(in, end)) {
            return fail(out, "too big bulk count string");
        }
        if (!lineComplete(in, end)) {
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first != '$') {
            // Redis replaces CR and LF in error texts with spaces.
            char got = first == '\r' || first == '\n' ? ' ' : (char) (first & 0xff);
            return fail(out, "expected '$', got '" + got + "'");
        }
        OptionalLong length = string2ll(in, in.readerIndex() + 1, end - 1);
        if (length.isEmpty() || length.getAsLong() < 0 || length.getAsLong() > protoMaxBulkLen.getAsLong()
                || length.getAsLong() > MAX_ARRAY) {
            return fail(out, "invalid bulk length");
        }
        if (length.getAsLong() > MAX_UNAUTHENTICATED_BULK && authRequired.getAsBoolean()) {
            return fail(out, "unauthenticated bulk length");
        }
        consumeLine(in, end + 2);
        bulkLength = (int) length.getAsLong();
        bulk = new byte[Math.min(bulkLength, Math.max(MAX_PREALLOCATION, in.readableBytes()))];
        bulkFilled = 0;
        state = State.BULK_DATA;
        return true;
    }

    private boolean bulkData(ByteBuf in, List<Object> out) {
        int take = Math.min(in.readableBytes(), bulkLength - bulkFilled);
        if (bulkFilled + take > bulk.length) {
            // Doubling keeps the copies amortized linear; capping at the length avoids a final trim.
            bulk = Arrays.copyOf(bulk, (int) Math.min(bulkLength, Math.max(2L * bulk.length, bulkFilled + take)));
        }
        in.readBytes(bulk, bulkFilled, take);
        bulkFilled += take;
        if (bulkFilled < bulkLength || in.readableBytes() < 2) {
            return false;
        }
        // Like Redis, skip the two bytes after the payload without checking that they are "\r\n".
        in.skipBytes(2);
        args.add(bulk);
        bulk = null;
        if (--argsLeft > 0) {
            state = State.BULK_COUNT;
            return true;
        }
        out.add(new RespRequest(args, false));
        args = null;
        state = State.REQUEST_START;
        return true;
    }

    /**
     * Offset from the reader index of the current line's terminator, or -1 while it has not arrived;
     * resumes the search where the previous call stopped.
     */
    private int findLineEnd(ByteBuf in, ByteProcessor notTerminator) {
        if (lineHasNul) {
            return -1;
        }
        int start = in.readerIndex();
        int found = in.forEachByte(start + scanned, in.readableBytes() - scanned, notTerminator);
        if (found < 0) {
            scanned = in.readableBytes();
            return -1;
        }
        if (in.getByte(found) == 0) {
            lineHasNul = true;
            return -1;
        }
        scanned = found - start;
        return scanned;
    }

    /** Whether more than PROTO_INLINE_MAX_SIZE bytes precede the '\r' of a count line. */
    private static boolean lineTooLong(ByteBuf in, int end) {
        return (end < 0 ? in.readableBytes() : end) > MAX_LINE;
    }

    /** Redis parses a count line once one more byte follows its '\r', and skips that byte unchecked. */
    private static boolean lineComplete(ByteBuf in, int end) {
        return end >= 0 && in.readableBytes() >= end + 2;
    }

    private void consumeLine(ByteBuf in, int length) {
        in.skipBytes(length);
        scanned = 0;
        lineHasNul = false;
    }

    private boolean fail(List<Object> out, String error) {
        out.add(new ProtocolError("ERR Protocol error: " + error));
        state = State.FAILED;
        args = null;
        bulk = null;
        return true;
    }

    /**
     * Redis's string2ll(): an optional '-', then digits without leading zeros (a lone "0" aside),
     * at most 20 characters, nothing else, no overflow.
     */
    private static OptionalLong string2ll(ByteBuf in, int from, int length) {
        if (length == 0 || length > 20) {
            return OptionalLong.empty();
        }
        if (length == 1 && in.getByte(from) == '0') {
            return OptionalLong.of(0);
        }
        int digitsFrom = in.getByte(from) == '-' ? 1 : 0;
        if (digitsFrom == length) {
            return OptionalLong.empty();
        }
        byte first = in.getByte(from + digitsFrom);
        if (first < '1' || first > '9') {
            return OptionalLong.empty();
        }
        for (int i = digitsFrom + 1; i < length; i++) {
            byte b = in.getByte(from + i);
            if (b < '0' || b > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(in.toString(from, length, StandardCharsets.US_ASCII)));
        } catch (NumberFormatException overflow) {
            return OptionalLong.empty();
        }
    }
}
