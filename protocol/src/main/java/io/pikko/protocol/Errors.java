package io.pikko.protocol;

/** Redis's error texts, word for word, so clients and tests that match on them keep working. */
public final class Errors {
    public static final Reply WRONGTYPE = Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final Reply NOT_INTEGER = Reply.error("ERR value is not an integer or out of range");
    public static final Reply NOT_FLOAT = Reply.error("ERR value is not a valid float");
    public static final Reply SYNTAX = Reply.error("ERR syntax error");
    public static final Reply OVERFLOW = Reply.error("ERR increment or decrement would overflow");
    public static final Reply NO_SUCH_KEY = Reply.error("ERR no such key");
    public static final Reply INVALID_EXPIRE_SET = Reply.error("ERR invalid expire time in 'set' command");
    public static final Reply NOAUTH = Reply.error("NOAUTH Authentication required.");

    private Errors() {}

    public static Reply wrongArity(String command) {
        return Reply.error("ERR wrong number of arguments for '" + command + "' command");
    }

    public static Reply invalidExpire(String command) {
        return Reply.error("ERR invalid expire time in '" + command + "' command");
    }

    public static Reply crossSlot() {
        return Reply.error("CROSSSLOT Keys in request don't hash to the same slot");
    }
}
