package io.pikko.protocol;

import static io.pikko.protocol.Route.ALL_SLOTS;
import static io.pikko.protocol.Route.CONNECTION;
import static io.pikko.protocol.Route.SLOT;
import static io.pikko.protocol.Route.SPLIT;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every command Pikko knows, as data. Routing, arity checks and COMMAND all read this table. */
public final class CommandTable {
    private static final Map<String, CommandSpec> SPECS = new LinkedHashMap<>();

    static {
        // Connection and server.
        add("ping", -1, "fast", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Returns the server's liveliness response.");
        add("echo", 2, "loading stale fast", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Returns the given string.");
        add("quit", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Closes the connection.");
        add("select", 2, "loading stale fast", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Changes the selected database.");
        add("auth", -2, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, CONNECTION, "connection", "1.0.0", "Authenticates the connection.");
        add("hello", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, CONNECTION, "connection", "6.0.0", "Handshakes with the Redis server.");
        add("client", -2, "", 0, 0, 0, CONNECTION, "connection", "2.4.0", "A container for client connection commands.");
        add("info", -1, "loading stale", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Returns information and statistics about the server.");
        add("config", -2, "", 0, 0, 0, CONNECTION, "server", "2.0.0", "A container for server configuration commands.");
        add("command", -1, "loading stale", 0, 0, 0, CONNECTION, "server", "2.8.13", "Returns detailed information about all commands.");
        add("time", 1, "loading stale fast", 0, 0, 0, CONNECTION, "server", "2.6.0", "Returns the server time.");
        add("shutdown", -1, "admin noscript loading stale no_multi allow_busy", 0, 0, 0, CONNECTION, "server", "1.0.0", "Synchronously saves the database(s) to disk and shuts down the Redis server.");
        add("wait", 3, "noscript", 0, 0, 0, CONNECTION, "generic", "3.0.0", "Blocks until the asynchronous replication of all preceding write commands sent by the connection is completed.");
        add("replicaof", 3, "admin noscript stale", 0, 0, 0, CONNECTION, "server", "5.0.0", "Configures a server as replica of another, or promotes it to a master.");
        add("slaveof", 3, "admin noscript stale", 0, 0, 0, CONNECTION, "server", "1.0.0", "Sets a Redis server as a replica of another, or promotes it to being a master.");
        add("role", 1, "noscript loading stale fast", 0, 0, 0, CONNECTION, "server", "2.8.12", "Returns the replication role.");
        add("reset", 1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, CONNECTION, "connection", "6.2.0", "Resets the connection.");
        add("lolwut", -1, "readonly fast", 0, 0, 0, CONNECTION, "server", "5.0.0", "Displays computer art and the Redis version");
        add("memory", -2, "", 0, 0, 0, CONNECTION, "server", "4.0.0", "A container for memory diagnostics commands.");
        add("latency", -2, "", 0, 0, 0, CONNECTION, "server", "2.8.13", "A container for latency diagnostics commands.");
        add("debug", -2, "admin noscript loading stale", 0, 0, 0, CONNECTION, "server", "1.0.0", "A container for debugging commands.");
        // Transactions: the connection keeps them (WATCH's keys are registered in their slot).
        add("multi", 1, "noscript loading stale fast allow_busy", 0, 0, 0, CONNECTION, "transactions", "1.2.0", "Starts a transaction.");
        add("exec", 1, "noscript loading stale", 0, 0, 0, CONNECTION, "transactions", "1.2.0", "Executes all commands in a transaction.");
        add("discard", 1, "noscript loading stale fast allow_busy", 0, 0, 0, CONNECTION, "transactions", "2.0.0", "Discards a transaction.");
        add("watch", -2, "noscript loading stale fast allow_busy", 1, -1, 1, CONNECTION, "transactions", "2.2.0", "Monitors changes to keys to determine the execution of a transaction.");
        add("unwatch", 1, "noscript loading stale fast allow_busy", 0, 0, 0, CONNECTION, "transactions", "2.2.0", "Forgets about watched keys of a transaction.");
        add("dbsize", 1, "readonly fast", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Returns the number of keys in the database.");
        add("flushdb", -1, "write", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Removes all keys from the current database.");
        add("flushall", -1, "write", 0, 0, 0, ALL_SLOTS, "server", "1.0.0", "Removes all keys from all databases.");
        // Pub/sub: run on the connection, delivered through the node's pub/sub hub.
        add("subscribe", -2, "pubsub noscript loading stale", 0, 0, 0, CONNECTION, "pubsub", "2.0.0", "Listens for messages published to channels.");
        add("unsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0, CONNECTION, "pubsub", "2.0.0", "Stops listening to messages posted to channels.");
        add("psubscribe", -2, "pubsub noscript loading stale", 0, 0, 0, CONNECTION, "pubsub", "2.0.0", "Listens for messages published to channels that match one or more patterns.");
        add("punsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0, CONNECTION, "pubsub", "2.0.0", "Stops listening to messages published to channels that match one or more patterns.");
        add("publish", 3, "pubsub loading stale fast", 0, 0, 0, CONNECTION, "pubsub", "2.0.0", "Posts a message to a channel.");
        add("pubsub", -2, "", 0, 0, 0, CONNECTION, "pubsub", "2.8.0", "A container for Pub/Sub commands.");
        add("ssubscribe", -2, "pubsub noscript loading stale", 1, -1, 1, CONNECTION, "pubsub", "7.0.0", "Listens for messages published to shard channels.");
        add("sunsubscribe", -1, "pubsub noscript loading stale", 1, -1, 1, CONNECTION, "pubsub", "7.0.0", "Stops listening to messages posted to shard channels.");
        add("spublish", 3, "pubsub loading stale fast", 1, 1, 1, CONNECTION, "pubsub", "7.0.0", "Post a message to a shard channel");
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
        add("lcs", -3, "readonly", 1, 2, 1, SLOT, "string", "7.0.0", "Finds the longest common substring.");
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
        add("move", 3, "write fast", 1, 1, 1, SLOT, "generic", "1.0.0", "Moves a key to another database.");
        add("keys", 2, "readonly", 0, 0, 0, ALL_SLOTS, "generic", "1.0.0", "Returns all key names that match a pattern.");
        add("scan", -2, "readonly", 0, 0, 0, ALL_SLOTS, "generic", "2.8.0", "Iterates over the key names in the database.");
        add("randomkey", 1, "readonly", 0, 0, 0, ALL_SLOTS, "generic", "1.0.0", "Returns a random key name from the database.");
        // Hashes.
        add("hset", -4, "write denyoom fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Creates or modifies the value of a field in a hash.");
        add("hsetnx", 4, "write denyoom fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Sets the value of a field in a hash only when the field doesn't exist.");
        add("hget", 3, "readonly fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Returns the value of a field in a hash.");
        add("hmget", -3, "readonly fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Returns the values of all fields in a hash.");
        add("hmset", -4, "write denyoom fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Sets the values of multiple fields.");
        add("hdel", -3, "write fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.");
        add("hlen", 2, "readonly fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Returns the number of fields in a hash.");
        add("hstrlen", 3, "readonly fast", 1, 1, 1, SLOT, "hash", "3.2.0", "Returns the length of the value of a field.");
        add("hexists", 3, "readonly fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Determines whether a field exists in a hash.");
        add("hkeys", 2, "readonly", 1, 1, 1, SLOT, "hash", "2.0.0", "Returns all fields in a hash.");
        add("hvals", 2, "readonly", 1, 1, 1, SLOT, "hash", "2.0.0", "Returns all values in a hash.");
        add("hgetall", 2, "readonly", 1, 1, 1, SLOT, "hash", "2.0.0", "Returns all fields and values in a hash.");
        add("hincrby", 4, "write denyoom fast", 1, 1, 1, SLOT, "hash", "2.0.0", "Increments the integer value of a field in a hash by a number.");
        add("hincrbyfloat", 4, "write denyoom fast", 1, 1, 1, SLOT, "hash", "2.6.0", "Increments the floating point value of a field by a number.");
        add("hrandfield", -2, "readonly", 1, 1, 1, SLOT, "hash", "6.2.0", "Returns one or more random fields from a hash.");
        add("hscan", -3, "readonly", 1, 1, 1, SLOT, "hash", "2.8.0", "Iterates over fields and values of a hash.");
        // Lists.
        add("lpush", -3, "write denyoom fast", 1, 1, 1, SLOT, "list", "1.0.0", "Prepends one or more elements to a list. Creates the key if it doesn't exist.");
        add("rpush", -3, "write denyoom fast", 1, 1, 1, SLOT, "list", "1.0.0", "Appends one or more elements to a list. Creates the key if it doesn't exist.");
        add("lpushx", -3, "write denyoom fast", 1, 1, 1, SLOT, "list", "2.2.0", "Prepends one or more elements to a list only when the list exists.");
        add("rpushx", -3, "write denyoom fast", 1, 1, 1, SLOT, "list", "2.2.0", "Appends an element to a list only when the list exists.");
        add("lpop", -2, "write fast", 1, 1, 1, SLOT, "list", "1.0.0", "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.");
        add("rpop", -2, "write fast", 1, 1, 1, SLOT, "list", "1.0.0", "Returns and removes the last elements of a list. Deletes the list if the last element was popped.");
        add("llen", 2, "readonly fast", 1, 1, 1, SLOT, "list", "1.0.0", "Returns the length of a list.");
        add("lindex", 3, "readonly", 1, 1, 1, SLOT, "list", "1.0.0", "Returns an element from a list by its index.");
        add("lrange", 4, "readonly", 1, 1, 1, SLOT, "list", "1.0.0", "Returns a range of elements from a list.");
        add("lset", 4, "write denyoom", 1, 1, 1, SLOT, "list", "1.0.0", "Sets the value of an element in a list by its index.");
        add("linsert", 5, "write denyoom", 1, 1, 1, SLOT, "list", "2.2.0", "Inserts an element before or after another element in a list.");
        add("lrem", 4, "write", 1, 1, 1, SLOT, "list", "1.0.0", "Removes elements from a list. Deletes the list if the last element was removed.");
        add("ltrim", 4, "write", 1, 1, 1, SLOT, "list", "1.0.0", "Removes elements from both ends a list. Deletes the list if all elements were trimmed.");
        add("lpos", -3, "readonly", 1, 1, 1, SLOT, "list", "6.0.6", "Returns the index of matching elements in a list.");
        add("lmove", 5, "write denyoom", 1, 2, 1, SLOT, "list", "6.2.0", "Returns an element after popping it from one list and pushing it to another.");
        add("rpoplpush", 3, "write denyoom", 1, 2, 1, SLOT, "list", "1.2.0", "Returns the last element of a list after removing and pushing it to another list.");
        addNumKeys("lmpop", -4, "write", 0, 0, 1, "list", "7.0.0", "Returns multiple elements from a list after removing them.");
        add("blpop", -3, "write noscript blocking", 1, -2, 1, SLOT, "list", "2.0.0", "Removes and returns the first element in a list. Blocks until an element is available otherwise.");
        add("brpop", -3, "write noscript blocking", 1, -2, 1, SLOT, "list", "2.0.0", "Removes and returns the last element in a list. Blocks until an element is available otherwise.");
        add("blmove", 6, "write denyoom noscript blocking", 1, 2, 1, SLOT, "list", "6.2.0", "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise.");
        add("brpoplpush", 4, "write denyoom noscript blocking", 1, 2, 1, SLOT, "list", "2.2.0", "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise.");
        addNumKeys("blmpop", -5, "write blocking", 0, 0, 2, "list", "7.0.0", "Pops the first element from one of multiple lists. Blocks until an element is available otherwise.");
        // Sets.
        add("sadd", -3, "write denyoom fast", 1, 1, 1, SLOT, "set", "1.0.0", "Adds one or more members to a set. Creates the key if it doesn't exist.");
        add("srem", -3, "write fast", 1, 1, 1, SLOT, "set", "1.0.0", "Removes one or more members from a set. Deletes the set if the last member was removed.");
        add("scard", 2, "readonly fast", 1, 1, 1, SLOT, "set", "1.0.0", "Returns the number of members in a set.");
        add("sismember", 3, "readonly fast", 1, 1, 1, SLOT, "set", "1.0.0", "Determines whether a member belongs to a set.");
        add("smismember", -3, "readonly fast", 1, 1, 1, SLOT, "set", "6.2.0", "Determines whether multiple members belong to a set.");
        add("smembers", 2, "readonly", 1, 1, 1, SLOT, "set", "1.0.0", "Returns all members of a set.");
        add("srandmember", -2, "readonly", 1, 1, 1, SLOT, "set", "1.0.0", "Get one or multiple random members from a set");
        add("spop", -2, "write fast", 1, 1, 1, SLOT, "set", "1.0.0", "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.");
        add("smove", 4, "write fast", 1, 2, 1, SLOT, "set", "1.0.0", "Moves a member from one set to another.");
        add("sinter", -2, "readonly", 1, -1, 1, SLOT, "set", "1.0.0", "Returns the intersect of multiple sets.");
        addNumKeys("sintercard", -3, "readonly", 0, 0, 1, "set", "7.0.0", "Returns the number of members of the intersect of multiple sets.");
        add("sunion", -2, "readonly", 1, -1, 1, SLOT, "set", "1.0.0", "Returns the union of multiple sets.");
        add("sdiff", -2, "readonly", 1, -1, 1, SLOT, "set", "1.0.0", "Returns the difference of multiple sets.");
        add("sinterstore", -3, "write denyoom", 1, -1, 1, SLOT, "set", "1.0.0", "Stores the intersect of multiple sets in a key.");
        add("sunionstore", -3, "write denyoom", 1, -1, 1, SLOT, "set", "1.0.0", "Stores the union of multiple sets in a key.");
        add("sdiffstore", -3, "write denyoom", 1, -1, 1, SLOT, "set", "1.0.0", "Stores the difference of multiple sets in a key.");
        add("sscan", -3, "readonly", 1, 1, 1, SLOT, "set", "2.8.0", "Iterates over members of a set.");
        // Sorted sets.
        add("zadd", -4, "write denyoom fast", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.");
        add("zincrby", 4, "write denyoom fast", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Increments the score of a member in a sorted set.");
        add("zrem", -3, "write fast", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.");
        add("zcard", 2, "readonly fast", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Returns the number of members in a sorted set.");
        add("zcount", 4, "readonly fast", 1, 1, 1, SLOT, "sorted-set", "2.0.0", "Returns the count of members in a sorted set that have scores within a range.");
        add("zlexcount", 4, "readonly fast", 1, 1, 1, SLOT, "sorted-set", "2.8.9", "Returns the number of members in a sorted set within a lexicographical range.");
        add("zscore", 3, "readonly fast", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Returns the score of a member in a sorted set.");
        add("zmscore", -3, "readonly fast", 1, 1, 1, SLOT, "sorted-set", "6.2.0", "Returns the score of one or more members in a sorted set.");
        add("zrank", 3, "readonly fast", 1, 1, 1, SLOT, "sorted-set", "2.0.0", "Returns the index of a member in a sorted set ordered by ascending scores.");
        add("zrevrank", 3, "readonly fast", 1, 1, 1, SLOT, "sorted-set", "2.0.0", "Returns the index of a member in a sorted set ordered by descending scores.");
        add("zrange", -4, "readonly", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Returns members in a sorted set within a range of indexes.");
        add("zrangestore", -5, "write denyoom", 1, 2, 1, SLOT, "sorted-set", "6.2.0", "Stores a range of members from sorted set in a key.");
        add("zrevrange", -4, "readonly", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Returns members in a sorted set within a range of indexes in reverse order.");
        add("zrangebyscore", -4, "readonly", 1, 1, 1, SLOT, "sorted-set", "1.0.5", "Returns members in a sorted set within a range of scores.");
        add("zrevrangebyscore", -4, "readonly", 1, 1, 1, SLOT, "sorted-set", "2.2.0", "Returns members in a sorted set within a range of scores in reverse order.");
        add("zrangebylex", -4, "readonly", 1, 1, 1, SLOT, "sorted-set", "2.8.9", "Returns members in a sorted set within a lexicographical range.");
        add("zrevrangebylex", -4, "readonly", 1, 1, 1, SLOT, "sorted-set", "2.8.9", "Returns members in a sorted set within a lexicographical range in reverse order.");
        add("zremrangebyrank", 4, "write", 1, 1, 1, SLOT, "sorted-set", "2.0.0", "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.");
        add("zremrangebyscore", 4, "write", 1, 1, 1, SLOT, "sorted-set", "1.2.0", "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.");
        add("zremrangebylex", 4, "write", 1, 1, 1, SLOT, "sorted-set", "2.8.9", "Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.");
        add("zpopmin", -2, "write fast", 1, 1, 1, SLOT, "sorted-set", "5.0.0", "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.");
        add("zpopmax", -2, "write fast", 1, 1, 1, SLOT, "sorted-set", "5.0.0", "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.");
        add("bzpopmin", -3, "write noscript blocking fast", 1, -2, 1, SLOT, "sorted-set", "5.0.0", "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise.");
        add("bzpopmax", -3, "write noscript blocking fast", 1, -2, 1, SLOT, "sorted-set", "5.0.0", "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise.");
        addNumKeys("zmpop", -4, "write", 0, 0, 1, "sorted-set", "7.0.0", "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them.");
        addNumKeys("bzmpop", -5, "write blocking", 0, 0, 2, "sorted-set", "7.0.0", "Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise.");
        add("zrandmember", -2, "readonly", 1, 1, 1, SLOT, "sorted-set", "6.2.0", "Returns one or more random members from a sorted set.");
        addNumKeys("zunion", -3, "readonly", 0, 0, 1, "sorted-set", "6.2.0", "Returns the union of multiple sorted sets.");
        addNumKeys("zinter", -3, "readonly", 0, 0, 1, "sorted-set", "6.2.0", "Returns the intersect of multiple sorted sets.");
        addNumKeys("zdiff", -3, "readonly", 0, 0, 1, "sorted-set", "6.2.0", "Returns the difference between multiple sorted sets.");
        addNumKeys("zunionstore", -4, "write denyoom", 1, 1, 2, "sorted-set", "2.0.0", "Stores the union of multiple sorted sets in a key.");
        addNumKeys("zinterstore", -4, "write denyoom", 1, 1, 2, "sorted-set", "2.0.0", "Stores the intersect of multiple sorted sets in a key.");
        addNumKeys("zdiffstore", -4, "write denyoom", 1, 1, 2, "sorted-set", "6.2.0", "Stores the difference of multiple sorted sets in a key.");
        addNumKeys("zintercard", -3, "readonly", 0, 0, 1, "sorted-set", "7.0.0", "Returns the number of members of the intersect of multiple sorted sets.");
        add("zscan", -3, "readonly", 1, 1, 1, SLOT, "sorted-set", "2.8.0", "Iterates over members and scores of a sorted set.");
        // Bitmaps.
        add("setbit", 4, "write denyoom", 1, 1, 1, SLOT, "bitmap", "2.2.0", "Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.");
        add("getbit", 3, "readonly fast", 1, 1, 1, SLOT, "bitmap", "2.2.0", "Returns a bit value by offset.");
        add("bitcount", -2, "readonly", 1, 1, 1, SLOT, "bitmap", "2.6.0", "Counts the number of set bits (population counting) in a string.");
        add("bitpos", -3, "readonly", 1, 1, 1, SLOT, "bitmap", "2.8.7", "Finds the first set (1) or clear (0) bit in a string.");
        add("bitop", -4, "write denyoom", 2, -1, 1, SLOT, "bitmap", "2.6.0", "Performs bitwise operations on multiple strings, and stores the result.");
        add("bitfield", -2, "write denyoom", 1, 1, 1, SLOT, "bitmap", "3.2.0", "Performs arbitrary bitfield integer operations on strings.");
        add("bitfield_ro", -2, "readonly fast", 1, 1, 1, SLOT, "bitmap", "6.0.0", "Performs arbitrary read-only bitfield integer operations on strings.");
        // HyperLogLog.
        add("pfadd", -2, "write denyoom fast", 1, 1, 1, SLOT, "hyperloglog", "2.8.9", "Adds elements to a HyperLogLog key. Creates the key if it doesn't exist.");
        add("pfcount", -2, "readonly", 1, -1, 1, SLOT, "hyperloglog", "2.8.9", "Returns the approximated cardinality of the set(s) observed by the HyperLogLog key(s).");
        add("pfmerge", -2, "write denyoom", 1, -1, 1, SLOT, "hyperloglog", "2.8.9", "Merges one or more HyperLogLog values into a single key.");
        add("pfselftest", 1, "admin", 0, 0, 0, SLOT, "hyperloglog", "2.8.9", "An internal command for testing HyperLogLog values.");
        add("pfdebug", 3, "write denyoom admin", 2, 2, 1, SLOT, "hyperloglog", "2.8.9", "Internal commands for debugging HyperLogLog values.");
        // Geo.
        add("geoadd", -5, "write denyoom", 1, 1, 1, SLOT, "geo", "3.2.0", "Adds one or more members to a geospatial index. The key is created if it doesn't exist.");
        add("geopos", -2, "readonly", 1, 1, 1, SLOT, "geo", "3.2.0", "Returns the longitude and latitude of members from a geospatial index.");
        add("geodist", -4, "readonly", 1, 1, 1, SLOT, "geo", "3.2.0", "Returns the distance between two members of a geospatial index.");
        add("geohash", -2, "readonly", 1, 1, 1, SLOT, "geo", "3.2.0", "Returns members from a geospatial index as geohash strings.");
        add("geosearch", -7, "readonly", 1, 1, 1, SLOT, "geo", "6.2.0", "Queries a geospatial index for members inside an area of a box or a circle.");
        add("geosearchstore", -8, "write denyoom", 1, 2, 1, SLOT, "geo", "6.2.0", "Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.");
        add("georadius", -6, "write denyoom movablekeys", 1, 1, 1, 0, 6, SLOT, "geo", "3.2.0", "Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.");
        add("georadiusbymember", -5, "write denyoom movablekeys", 1, 1, 1, 0, 5, SLOT, "geo", "3.2.0", "Queries a geospatial index for members within a distance from a member, optionally stores the result.");
        // Generic, over every type.
        add("object", -2, "readonly", 2, 2, 1, SLOT, "generic", "2.2.3", "A container for object introspection commands.");
        add("sort", -2, "write denyoom movablekeys", 1, 1, 1, 0, 2, SLOT, "generic", "1.0.0", "Sorts the elements in a list, a set, or a sorted set, optionally storing the result.");
        add("sort_ro", -2, "readonly", 1, 1, 1, SLOT, "generic", "7.0.0", "Returns the sorted elements of a list, a set, or a sorted set.");
        add("dump", 2, "readonly", 1, 1, 1, SLOT, "generic", "2.6.0", "Returns a serialized representation of the value stored at a key.");
        add("restore", -4, "write denyoom", 1, 1, 1, SLOT, "generic", "2.6.0", "Creates a key from the serialized representation of a value.");
        // Scripting: the gateway reads the keys (numkeys at 2) and sends the script to their slot.
        add("eval", -3, "noscript stale movablekeys", 0, 0, 0, 2, 0, CONNECTION, "scripting", "2.6.0", "Executes a server-side Lua script.");
        add("evalsha", -3, "noscript stale movablekeys", 0, 0, 0, 2, 0, CONNECTION, "scripting", "2.6.0", "Executes a server-side Lua script by SHA1 digest.");
        add("eval_ro", -3, "readonly noscript stale movablekeys", 0, 0, 0, 2, 0, CONNECTION, "scripting", "7.0.0", "Executes a read-only server-side Lua script.");
        add("evalsha_ro", -3, "readonly noscript stale movablekeys", 0, 0, 0, 2, 0, CONNECTION, "scripting", "7.0.0", "Executes a read-only server-side Lua script by SHA1 digest.");
        add("script", -2, "noscript", 0, 0, 0, CONNECTION, "scripting", "2.6.0", "A container for Lua scripts management commands.");
        add("fcall", -3, "noscript stale movablekeys", 0, 0, 0, 2, 0, CONNECTION, "scripting", "7.0.0", "Invokes a function.");
        add("fcall_ro", -3, "readonly noscript stale movablekeys", 0, 0, 0, 2, 0, CONNECTION, "scripting", "7.0.0", "Invokes a read-only function.");
        add("function", -2, "noscript", 0, 0, 0, CONNECTION, "scripting", "7.0.0", "A container for function commands.");
        // Codis slot introspection.
        add("slotshashkey", -1, "readonly fast", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Returns the slot of each key (Codis).");
        add("slotsinfo", -1, "readonly", 0, 0, 0, ALL_SLOTS, "slots", "3.2.0", "Returns the number of keys of each non-empty slot (Codis).");
        add("slotsscan", -3, "readonly", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Iterates over the keys of one slot (Codis).");
        add("slotsdel", -2, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Deletes every key of the given slots (Codis).");
        add("slotsdigest", -2, "readonly", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Returns the key count and a digest of the contents of each given slot (Pikko).");
        add("slotscheck", -1, "readonly", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Checks the slot index against the keys (Codis).");
        add("slotsrestore", -4, "write denyoom", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Restores keys from DUMP payloads, replacing them (Codis).");
        add("slotsmgrtslot", 5, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves one key of a slot to another server (Codis).");
        add("slotsmgrttagslot", 5, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves one key of a slot, with its tag group, to another server (Codis).");
        add("slotsmgrtone", 5, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves one key to another server (Codis).");
        add("slotsmgrttagone", 5, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves one key with its tag group to another server (Codis).");
        add("slotsmgrtslot-async", 8, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves a batch of keys of a slot to another server, big keys in chunks (Codis).");
        add("slotsmgrttagslot-async", 8, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves a batch of tag groups of a slot to another server, big keys in chunks (Codis).");
        add("slotsmgrtone-async", -7, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves the given keys to another server, big keys in chunks (Codis).");
        add("slotsmgrttagone-async", -7, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Moves the given keys with their tag groups to another server (Codis).");
        add("slotsmgrt-async-fence", -1, "readonly", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Waits for the running batch migration of the database (Codis).");
        add("slotsmgrt-async-cancel", -1, "fast", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Cancels the batch migration of the database (Codis).");
        add("slotsmgrt-async-status", -1, "fast", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Describes the batch migration of the database (Codis).");
        add("slotsmgrt-exec-wrapper", -3, "write denyoom", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Runs a command unless its key is gone or being moved (Codis).");
        add("slotsrestore-async", -2, "write denyoom", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Applies one message of a batch migration (Codis).");
        add("slotsrestore-async-auth", 2, "noscript loading stale fast no_auth", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Authenticates a batch migration's connection (Codis).");
        add("slotsrestore-async-select", 2, "loading fast", 0, 0, 0, CONNECTION, "slots", "3.2.0", "Selects the database of a batch migration's connection (Codis).");
        add("slotsrestore-async-ack", 3, "write", 0, 0, 0, CONNECTION, "slots", "3.2.0", "A batch migration target's acknowledgement (Codis).");
    }

    private CommandTable() {}

    private static void add(String name, int arity, String flags, int first, int last, int step,
                            Route route, String group, String since, String summary) {
        add(name, arity, flags, first, last, step, 0, 0, route, group, since, summary);
    }

    /** A command whose keys, or some of them, follow a numkeys argument at {@code numKeysAt}. */
    private static void addNumKeys(String name, int arity, String flags, int first, int last, int numKeysAt,
                                   String group, String since, String summary) {
        add(name, arity, flags + " movablekeys", first, last, 1, numKeysAt, 0, SLOT, group, since, summary);
    }

    private static void add(String name, int arity, String flags, int first, int last, int step, int numKeysAt,
                            int storeFrom, Route route, String group, String since, String summary) {
        Set<CommandFlag> parsed = EnumSet.noneOf(CommandFlag.class);
        if (!flags.isBlank()) {
            Arrays.stream(flags.split(" ")).map(CommandFlag::ofRedisName).forEach(parsed::add);
        }
        SPECS.put(name, new CommandSpec(name, arity, Collections.unmodifiableSet(parsed),
                first, last, step, numKeysAt, storeFrom, route, group, since, summary));
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
