package io.pikko.storage;

/** The Redis data type a key holds, with the byte stored in its metadata record. */
public enum KeyType {
    STRING((byte) 's', "string"),
    HASH((byte) 'h', "hash"),
    LIST((byte) 'l', "list"),
    SET((byte) 'S', "set"),
    ZSET((byte) 'z', "zset");

    private final byte code;
    private final String redisName;

    KeyType(byte code, String redisName) {
        this.code = code;
        this.redisName = redisName;
    }

    public byte code() {
        return code;
    }

    /** The name TYPE returns. */
    public String redisName() {
        return redisName;
    }

    public static KeyType fromCode(byte code) {
        for (KeyType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalStateException("unknown key type code " + code);
    }

    public static KeyType fromRedisName(String name) {
        for (KeyType type : values()) {
            if (type.redisName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }
}
