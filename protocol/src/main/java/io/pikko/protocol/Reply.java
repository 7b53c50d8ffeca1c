package io.pikko.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A command's answer, independent of the wire protocol: the gateway encodes it as RESP2 or RESP3.
 * RESP2 flattens maps and sets to arrays, sends doubles as bulk strings and booleans as integers.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Reply.Simple.class, name = "simple"),
    @JsonSubTypes.Type(value = Reply.Error.class, name = "error"),
    @JsonSubTypes.Type(value = Reply.Int.class, name = "int"),
    @JsonSubTypes.Type(value = Reply.Bulk.class, name = "bulk"),
    @JsonSubTypes.Type(value = Reply.Nil.class, name = "nil"),
    @JsonSubTypes.Type(value = Reply.NilArray.class, name = "nilArray"),
    @JsonSubTypes.Type(value = Reply.Array.class, name = "array"),
    @JsonSubTypes.Type(value = Reply.MapReply.class, name = "map"),
    @JsonSubTypes.Type(value = Reply.SetReply.class, name = "set"),
    @JsonSubTypes.Type(value = Reply.Pairs.class, name = "pairs"),
    @JsonSubTypes.Type(value = Reply.DoubleText.class, name = "doubleText"),
    @JsonSubTypes.Type(value = Reply.DoubleReply.class, name = "double"),
    @JsonSubTypes.Type(value = Reply.Bool.class, name = "bool"),
    @JsonSubTypes.Type(value = Reply.Verbatim.class, name = "verbatim"),
    @JsonSubTypes.Type(value = Reply.Push.class, name = "push")
})
public sealed interface Reply extends CborSerializable {

    Reply OK = new Simple("OK");
    Reply PONG = new Simple("PONG");
    Reply QUEUED = new Simple("QUEUED");
    Reply NIL = new Nil();
    Reply NIL_ARRAY = new NilArray();
    Reply ZERO = new Int(0);
    Reply ONE = new Int(1);
    Reply EMPTY_ARRAY = new Array(List.of());

    /** A status line, {@code +OK}. */
    record Simple(String text) implements Reply {}

    /** An error line; {@code text} starts with its code, such as "ERR" or "WRONGTYPE". */
    record Error(String text) implements Reply {}

    record Int(long value) implements Reply {}

    record Bulk(byte[] value) implements Reply {}

    /** The null bulk string ({@code $-1} in RESP2). */
    record Nil() implements Reply {}

    /** The null array ({@code *-1} in RESP2), as a timed-out blocking pop answers. */
    record NilArray() implements Reply {}

    record Array(List<Reply> items) implements Reply {}

    /** Key-value pairs in order; a flat array in RESP2. */
    record MapReply(List<Reply> keysAndValues) implements Reply {}

    /**
     * Two-element tuples such as member and score (WITHSCORES): a flat array in RESP2, an array of
     * two-element arrays in RESP3, as Redis 7 answers.
     */
    record Pairs(List<Reply> flat) implements Reply {}

    /** A set; an array in RESP2. */
    record SetReply(List<Reply> items) implements Reply {}

    /** A double; in RESP2 a bulk string formatted as Redis formats it. */
    record DoubleReply(double value) implements Reply {}

    /**
     * A double already printed in the text Redis uses for it (GEOPOS's coordinates): a bulk string
     * in RESP2, a RESP3 double.
     */
    record DoubleText(String text) implements Reply {}

    /** A boolean; in RESP2 the integer 1 or 0. */
    record Bool(boolean value) implements Reply {}

    /** Text with a format hint such as "txt"; a bulk string in RESP2. */
    record Verbatim(String format, String text) implements Reply {}

    /** Out-of-band data such as a pub/sub message: a RESP3 push ({@code >}), an array in RESP2. */
    record Push(List<Reply> items) implements Reply {}

    static Reply error(String text) {
        return new Error(text);
    }

    static Reply integer(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new Int(value);
    }

    static Reply bulk(byte[] value) {
        return value == null ? NIL : new Bulk(value);
    }

    static Reply bulk(String value) {
        return value == null ? NIL : new Bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    static Reply array(List<Reply> items) {
        return new Array(items);
    }

    static Reply bulks(List<byte[]> values) {
        return new Array(values.stream().map(Reply::bulk).toList());
    }

    /** Not a property: every reply would otherwise carry an "error" field across nodes. */
    @JsonIgnore
    default boolean isError() {
        return this instanceof Error;
    }
}
