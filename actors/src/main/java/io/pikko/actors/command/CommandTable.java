package io.pikko.actors.command;

import static io.pikko.actors.command.Route.ALL_SLOTS;
import static io.pikko.actors.command.Route.CONNECTION;
import static io.pikko.actors.command.Route.SLOT;
import static io.pikko.actors.command.Route.SPLIT;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every command Pikko knows, as data. Routing, arity checks and COMMAND all read this table. */
public final class CommandTable {
    private static final Map<String, CommandSpec> SPECS = new LinkedHashMap<>();

    static {
        // Connection and server.
        add("ping", -1, "fast stale", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Returns the server's liveliness response.");
        add("echo", 2, "fast", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Returns the given string.");
        add("quit", -1, "fast no_auth allow_busy", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Closes the connection.");
        add("select", 2, "loading stale fast", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Changes the selected database.");
        add("auth", -2, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Authenticates the connection.");
        add("hello", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, CONNECTION, "connection", "6.0.0", "Handshakes with the Redis server.");
        add("client", -2, "admin noscript loading stale", 0, 0, 0, CONNECTION, "connection", "2.4.0", "A container for client connection commands.");
        add("info", -1, "loading stale", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Returns information and statistics about the server.");
        add("config", -2, "admin noscript loading stale", 0, 0, 0, CONNECTION, "server", "2.0.0", "A container for server configuration commands.");
        add("command", -1, "loading stale", 0, 0, 0, CONNECTION, "server", "2.8.13", "Returns detailed information about all commands.");
        add("time", 1, "loading stale fast", 0, 0, 0, CONNECTION, "server", "2.6.0", "Returns the server time.");
        add("shutdown", -1, "admin noscript loading stale no_multi allow_busy", 0, 0, 0, CONNECTION, "server", "1.0.0", "Synchronously saves the database(s) to disk and shuts down the Redis server.");
        add("dbsize", 1, "readonly fast", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Returns the number of keys in the database.");
        add("flushdb", -1, "write", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Removes all keys from the current database.");
        add("flushall", -1, "write", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Removes all keys from all databases.");
        // Strings.
        add("get", 2, "readonly fast", 1, 1, 1, SLOT, "string", "1.0.0", "Returns the string value of a key.");
        add("set", -3, "write denyoom", 1, 1, 1, SLOT, "string", "1.0.0", "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.");
        add("getset", 3, "write denyoom fast", 1, 1, 1, SLOT, "string", "1.0.0", "Returns the previous string value of a key after setting it to a new value.");
        add("getdel", 2, "write fast", 1, 1, 1, SLOT, "string", "6.2.0", "Returns the string value of a key after deleting the key.");
        add("getex", -2, "write fast", 1, 1, 1, SLOT, "string", "6.2.0", "Returns the string value of a key after setting its expiration time.");
        add("setnx", 3, "write denyoom fast", 1, 1, 1, SLOT, "string", "1.0.0", "Set the string value of a key only when the key doesn't exist.");
        add("setex", 4, "write denyoom", 1, 1, 1, SLOT, "string", "2.0.0", "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.");
        add("psetex", 4, "write denyoom", 1, 1, 1, SLOT, "string", "2.6.0", "Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.");
        add("mget", -2, "readonly fast", 1, -1, 1, SPLIT, "string", "1.0.0", "Atomically returns the string values of one or more keys.");
        add("mset", -3, "write denyoom", 1, -1, 2, SPLIT, "string", "1.0.1", "Atomically creates or modifies the string values of one or more keys.");
        add("msetnx", -3, "write denyoom", 1, -1, 2, SLOT, "string", "1.0.1", "Atomically modifies the string values of one or more keys only when all keys don't exist.");
        add("incr", 2, "write denyoom fast", 1, 1, 1, SLOT, "string", "1.0.0", "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.");
        add("decr", 2, "write denyoom fast", 1, 1, 1, SLOT, "string", "1.0.0", "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.");
        add("incrby", 3, "write denyoom fast", 1, 1, 1, SLOT, "string", "1.0.0", "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.");
        add("decrby", 3, "write denyoom fast", 1, 1, 1, SLOT, "string", "1.0.0", "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.");
        add("incrbyfloat", 3, "write denyoom fast", 1, 1, 1, SLOT, "string", "2.6.0", "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.");
        add("append", 3, "write denyoom fast", 1, 1, 1, SLOT, "string", "2.0.0", "Appends a string to the value of a key. Creates the key if it doesn't exist.");
        add("strlen", 2, "readonly fast", 1, 1, 1, SLOT, "string", "2.2.0", "Returns the length of a string value.");
        add("setrange", 4, "write denyoom", 1, 1, 1, SLOT, "string", "2.2.0", "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.");
        add("getrange", 4, "readonly", 1, 1, 1, SLOT, "string", "2.4.0", "Returns a substring of the string stored at a key.");
        add("substr", 4, "readonly", 1, 1, 1, SLOT, "string", "1.0.0", "Returns a substring from a string value.");
        // Keys.
        add("del", -2, "write", 1, -1, 1, SPLIT, "generic", "1.0.0", "Deletes one or more keys.");
        add("unlink", -2, "write fast", 1, -1, 1, SPLIT, "generic", "4.0.0", "Asynchronously deletes one or more keys.");
        add("exists", -2, "readonly fast", 1, -1, 1, SPLIT, "generic", "1.0.0", "Determines whether one or more keys exist.");
        add("touch", -2, "readonly fast", 1, -1, 1, SPLIT, "generic", "3.2.1", "Returns the number of existing keys out of those specified after updating the time they were last accessed.");
        add("type", 2, "readonly fast", 1, 1, 1, SLOT, "generic", "1.0.0", "Determines the type of value stored at a key.");
        add("expire", -3, "write fast", 1, 1, 1, SLOT, "generic", "1.0.0", "Sets the expiration time of a key in seconds.");
        add("pexpire", -3, "write fast", 1, 1, 1, SLOT, "generic", "2.6.0", "Sets the expiration time of a key in milliseconds.");
        add("expireat", -3, "write fast", 1, 1, 1, SLOT, "generic", "1.2.0", "Sets the expiration time of a key to a Unix timestamp.");
        add("pexpireat", -3, "write fast", 1, 1, 1, SLOT, "generic", "2.6.0", "Sets the expiration time of a key to a Unix milliseconds timestamp.");
        add("ttl", 2, "readonly fast", 1, 1, 1, SLOT, "generic", "1.0.0", "Returns the expiration time in seconds of a key.");
        add("pttl", 2, "readonly fast", 1, 1, 1, SLOT, "generic", "2.6.0", "Returns the expiration time in milliseconds of a key.");
        add("expiretime", 2, "readonly fast", 1, 1, 1, SLOT, "generic", "7.0.0", "Returns the expiration time of a key as a Unix timestamp.");
        add("pexpiretime", 2, "readonly fast", 1, 1, 1, SLOT, "generic", "7.0.0", "Returns the expiration time of a key as a Unix milliseconds timestamp.");
        add("persist", 2, "write fast", 1, 1, 1, SLOT, "generic", "2.2.0", "Removes the expiration time of a key.");
        add("rename", 3, "write", 1, 2, 1, SLOT, "generic", "1.0.0", "Renames a key and overwrites the destination.");
        add("renamenx", 3, "write fast", 1, 2, 1, SLOT, "generic", "1.0.0", "Renames a key only when the target key name doesn't exist.");
        add("copy", -3, "write denyoom", 1, 2, 1, SLOT, "generic", "6.2.0", "Copies the value of a key to a new key.");
        add("keys", 2, "readonly", 0, 0, 0, ALL_SLOTS, "generic", "1.0.0", "Returns all key names that match a pattern.");
        add("scan", -2, "readonly", 0, 0, 0, ALL_SLOTS, "generic", "2.8.0", "Iterates over the key names in the database.");
        add("randomkey", 1, "readonly", 0, 0, 0, ALL_SLOTS, "generic", "1.0.0", "Returns a random key name from the database.");
        // Codis slot introspection.
        add("slotshashkey", -1, "readonly fast", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Returns the slot of each key (Codis).");
        add("slotsinfo", -1, "readonly", 0, 0, 0, ALL_SLOTS, "slots", "3.2.0", "Returns the number of keys of each non-empty slot (Codis).");
    }

    private CommandTable() {}

    private static void add(String name, int arity, String flags, int first, int last, int step,
                            Route route, String group, String since, String summary) {
        SPECS.put(name, new CommandSpec(name, arity,
                Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(flags.split(" ")))),
                first, last, step, route, group, since, summary));
    }

    public static Optional<CommandSpec> lookup(String name) {
        return Optional.ofNullable(SPECS.get(name.toLowerCase(Locale.ROOT)));
    }

    public static Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(SPECS.values());
    }

    public static int size() {
        return SPECS.size();
    }
}
