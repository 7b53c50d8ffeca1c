package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The geo commands reply as Redis 7.0.15 does, numbers printed digit for digit: every expected
 * reply here was taken from a real redis-server given the same commands.
 */
class GeoCommandsTest extends CommandTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String SYNTAX = "ERR syntax error";
    private static final String BAD_UNIT = "ERR unsupported unit provided. please use M, KM, FT, MI";
    private static final List<String> PALERMO = List.of("13.36138933897018433", "38.11555639549629859");
    private static final List<String> CATANIA = List.of("15.08726745843887329", "37.50266842333162032");

    /** Redis's documentation example, with two more points east and west of Catania. */
    private void sicily(String key) {
        assertReply(2, "GEOADD", key, "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        assertReply(2, "GEOADD", key, "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2");
    }

    // GEOADD

    @Test
    void geoaddStoresGeohashScoresInASortedSet() {
        sicily("Sicily");
        assertReply("zset", "TYPE", "Sicily");
        assertReply(4, "ZCARD", "Sicily");
        assertReply("3479099956230698", "ZSCORE", "Sicily", "Palermo");
        assertReply(List.of("Palermo", "3479099956230698", "edge1", "3479273021651468",
                        "Catania", "3479447370796909", "edge2", "3481342659049484"),
                "ZRANGE", "Sicily", "0", "-1", "WITHSCORES");
    }

    @Test
    void geoaddOptions() {
        sicily("Sicily");
        assertReply(0, "GEOADD", "Sicily", "XX", "CH", "13.361389", "38.115556", "Palermo", "1", "1", "New");
        assertReply(1, "GEOADD", "Sicily", "ch", "13.36", "38.11", "Palermo");
        assertReply(0, "GEOADD", "Sicily", "13.36", "38.11", "Palermo");
        assertReply(0, "GEOADD", "Sicily", "NX", "1", "1", "Palermo");
        assertReply("3479099943497504", "ZSCORE", "Sicily", "Palermo");
        assertReply(1, "GEOADD", "Sicily", "NX", "CH", "1", "1", "Palermo", "2", "2", "New");
        assertReply(2, "GEOADD", "Sicily", "CH", "3", "3", "New", "4", "4", "New");
        assertReply(1, "GEOADD", "Sicily", "5", "5", "Twice", "6", "6", "Twice");
        assertReply(6, "ZCARD", "Sicily");
        assertReply(0, "GEOADD", "missing", "XX", "1", "1", "a");
        assertReply(0, "EXISTS", "missing");
    }

    @Test
    void geoaddRefusesBadArguments() {
        assertError(SYNTAX, "GEOADD", "k", "NX", "XX", "1", "1", "a");
        assertError(SYNTAX, "GEOADD", "k", "CH", "CH", "CH");
        assertError(SYNTAX, "GEOADD", "k", "1", "1", "a", "2");
        assertError("ERR wrong number of arguments for 'geoadd' command", "GEOADD", "k", "1", "1");
        assertError("ERR value is not a valid float", "GEOADD", "k", "1", "x", "a");
        assertError("ERR invalid longitude,latitude pair 1.000000,90.000000", "GEOADD", "k", "1", "90", "a");
        assertError("ERR invalid longitude,latitude pair -180.500000,-86.000000", "GEOADD", "k", "-180.5", "-86", "a");
        assertError("ERR invalid longitude,latitude pair inf,10.000000", "GEOADD", "k", "inf", "10", "a");
        // All positions are checked before anything is added.
        assertError("ERR invalid longitude,latitude pair 0.000000,86.000000", "GEOADD", "k", "1", "1", "a", "0", "86", "b");
        assertReply(0, "EXISTS", "k");
        assertReply("OK", "SET", "s", "v");
        assertError(WRONGTYPE, "GEOADD", "s", "1", "1", "a");
    }

    // GEOPOS, GEODIST, GEOHASH

    @Test
    void geoposPrintsCoordinatesAsRedisDoes() {
        sicily("Sicily");
        assertReply(Arrays.asList(PALERMO, CATANIA, null), "GEOPOS", "Sicily", "Palermo", "Catania", "NonExisting");
        assertReply(Arrays.asList((Object) null), "GEOPOS", "missing", "a");
        assertReply(List.of(), "GEOPOS", "Sicily");
        assertReply(1, "GEOADD", "corners", "180", "85.05112878", "ne");
        assertReply(List.of(List.of("180", "85.0511287799999991")), "GEOPOS", "corners", "ne");
    }

    @Test
    void geodistInEveryUnit() {
        sicily("Sicily");
        assertReply("166274.1516", "GEODIST", "Sicily", "Palermo", "Catania");
        assertReply("166.2742", "GEODIST", "Sicily", "Palermo", "Catania", "km");
        assertReply("103.3182", "GEODIST", "Sicily", "Palermo", "Catania", "MI");
        assertReply("545518.8700", "GEODIST", "Sicily", "Palermo", "Catania", "ft");
        assertReply("0.0000", "GEODIST", "Sicily", "Palermo", "Palermo");
        assertReply(null, "GEODIST", "Sicily", "Palermo", "nobody");
        assertReply(null, "GEODIST", "missing", "a", "b");
        assertError(BAD_UNIT, "GEODIST", "Sicily", "Palermo", "Catania", "yd");
        assertError(BAD_UNIT, "GEODIST", "missing", "a", "b", "yd");
        assertError(SYNTAX, "GEODIST", "Sicily", "Palermo", "Catania", "km", "x");
    }

    @Test
    void geohashGivesStandardGeohashes() {
        sicily("Sicily");
        assertReply(Arrays.asList("sqc8b49rny0", "sqdtr74hyu0", null), "GEOHASH", "Sicily", "Palermo", "Catania", "x");
        assertReply(Arrays.asList(null, null), "GEOHASH", "missing", "a", "b");
    }

    @Test
    void membersWithNonGeoScoresDecodeAsInRedis() {
        assertReply(3, "ZADD", "weird", "-5", "neg", "1e20", "huge", "4e15", "big");
        assertReply(Arrays.asList(List.of("180", "85.0511287799999991"),
                        List.of("-179.99999731779098511", "-85.05112751263942528"),
                        List.of("117.97531396150588989", "20.65282816257725784")),
                "GEOPOS", "weird", "neg", "huge", "big");
        assertReply(List.of("bp05b5048p0", "00bh0hbj200", "weevkxep2n0"), "GEOHASH", "weird", "neg", "huge", "big");
        assertReply("18919844.5891", "GEODIST", "weird", "neg", "huge");
    }

    @Test
    void readersRefuseOtherTypes() {
        assertReply("OK", "SET", "s", "v");
        assertError(WRONGTYPE, "GEOPOS", "s", "a");
        assertError(WRONGTYPE, "GEODIST", "s", "a", "b");
        assertError(WRONGTYPE, "GEOHASH", "s", "a");
        assertError(WRONGTYPE, "GEOSEARCH", "s", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m");
        assertError(WRONGTYPE, "GEORADIUS", "s", "0", "0", "1", "m");
        assertError(WRONGTYPE, "GEORADIUSBYMEMBER", "s", "a", "1", "m");
        assertError(WRONGTYPE, "GEOSEARCHSTORE", "{s}d", "s", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m");
    }

    // GEOSEARCH and GEORADIUS

    @Test
    void geosearchByRadiusAndBox() {
        sicily("Sicily");
        assertReply(List.of("Catania", "Palermo"), "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC");
        assertReply(List.of("Palermo", "Catania"), "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "DESC");
        assertReply(List.of(
                        List.of("Catania", "56.4413", 3479447370796909L, CATANIA),
                        List.of("Palermo", "190.4424", 3479099956230698L, PALERMO),
                        List.of("edge2", "279.7403", 3481342659049484L,
                                List.of("17.24151045083999634", "38.78813451624225195")),
                        List.of("edge1", "279.7405", 3479273021651468L,
                                List.of("12.7584877610206604", "38.78813451624225195"))),
                "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "ASC", "WITHCOORD", "WITHDIST", "WITHHASH");
        assertReply(List.of(List.of("Catania", "166.2742"), List.of("edge1", "91.4007"), List.of("Palermo", "0.0000")),
                "GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "300", "km", "DESC", "WITHDIST");
        assertReply(List.of("Catania"), "GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "COUNT", "1");
        assertReply(List.of(), "GEOSEARCH", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km");
        assertReply(List.of(), "GEOSEARCH", "missing", "FROMMEMBER", "nobody", "BYRADIUS", "10", "km");
    }

    @Test
    void georadiusAndGeoradiusbymember() {
        sicily("Sicily");
        assertReply(List.of(List.of("Palermo", "190.4424", PALERMO), List.of("Catania", "56.4413", CATANIA)),
                "GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "WITHCOORD");
        assertReply(List.of("Catania"), "GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT", "1");
        assertReply(List.of("Palermo"), "GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT", "1", "ANY", "DESC");
        assertReply(List.of("Palermo", "edge1"), "GEORADIUSBYMEMBER", "Sicily", "Palermo", "100", "km");
        assertReply(List.of(), "GEORADIUSBYMEMBER", "missing", "nobody", "-5", "km");
    }

    @Test
    void storeVariantsWriteSortedSets() {
        sicily("{s}");
        assertReply(2, "GEOSEARCHSTORE", "{s}d", "{s}", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km");
        assertReply(List.of("Palermo", "3479099956230698", "Catania", "3479447370796909"),
                "ZRANGE", "{s}d", "0", "-1", "WITHSCORES");
        assertReply(2, "GEOSEARCHSTORE", "{s}d", "{s}", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST");
        assertReply(List.of("Catania", "56.441257870158204", "Palermo", "190.44242984775784"),
                "ZRANGE", "{s}d", "0", "-1", "WITHSCORES");
        assertReply(1, "GEORADIUS", "{s}", "15", "37", "200", "km", "COUNT", "1", "STORE", "{s}r");
        assertReply(List.of("Catania"), "ZRANGE", "{s}r", "0", "-1");
        assertReply(1, "GEORADIUSBYMEMBER", "{s}", "Palermo", "10", "km", "STOREDIST", "{s}r");
        assertReply(List.of("Palermo", "0"), "ZRANGE", "{s}r", "0", "-1", "WITHSCORES");
        // No result, or no source, deletes the target; the target may be of any type.
        assertReply("OK", "SET", "{s}str", "v");
        assertReply(2, "GEOSEARCHSTORE", "{s}str", "{s}", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km");
        assertReply("zset", "TYPE", "{s}str");
        assertReply(0, "GEOSEARCHSTORE", "{s}d", "{s}", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km");
        assertReply(0, "GEORADIUS", "{s}missing", "0", "0", "1", "km", "STORE", "{s}r");
        assertReply(0, "EXISTS", "{s}d", "{s}r");
    }

    @Test
    void searchesRefuseBadArguments() {
        sicily("Sicily");
        String[] from = {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37"};
        assertError("ERR radius cannot be negative", with(from, "BYRADIUS", "-1", "km"));
        assertError("ERR need numeric radius", with(from, "BYRADIUS", "x", "km"));
        assertError("ERR height or width cannot be negative", with(from, "BYBOX", "1", "-1", "km"));
        assertError("ERR need numeric width", with(from, "BYBOX", "a", "1", "km"));
        assertError("ERR need numeric height", with(from, "BYBOX", "1", "b", "km"));
        assertError(BAD_UNIT, with(from, "BYRADIUS", "1", "yd"));
        assertError("ERR the ANY argument requires COUNT argument", with(from, "BYRADIUS", "200", "km", "ANY"));
        assertError("ERR COUNT must be > 0", with(from, "BYRADIUS", "200", "km", "COUNT", "0"));
        assertError("ERR value is not an integer or out of range", with(from, "BYRADIUS", "200", "km", "COUNT", "x"));
        assertError(SYNTAX, with(from, "BYRADIUS", "200", "km", "STORE", "x"));
        assertError(SYNTAX, with(from, "FROMMEMBER", "Palermo", "BYRADIUS", "10", "km"));
        assertError(SYNTAX, with(from, "BYRADIUS", "10", "km", "BYBOX", "1", "1", "km"));
        assertError("ERR could not decode requested zset member",
                "GEOSEARCH", "Sicily", "FROMMEMBER", "nobody", "BYRADIUS", "10", "km");
        assertError("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GeoSearch",
                "GeoSearch", "Sicily", "BYRADIUS", "10", "km", "ASC", "ASC");
        assertError("ERR exactly one of BYRADIUS and BYBOX can be specified for geosearch",
                "geosearch", "Sicily", "FROMLONLAT", "15", "37", "ASC", "WITHDIST");
        assertError("ERR invalid longitude,latitude pair 200.000000,37.000000",
                "GEOSEARCH", "Sicily", "FROMLONLAT", "200", "37", "BYRADIUS", "10", "km");
        assertError("ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options",
                "GEOSEARCHSTORE", "{s}d", "{s}", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "WITHDIST");
        assertError("ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options",
                "GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "STORE", "Sicily");
        assertError("ERR could not decode requested zset member", "GEORADIUSBYMEMBER", "Sicily", "nobody", "200", "km");
        assertError(BAD_UNIT, "GEORADIUS", "Sicily", "15", "37", "200", "yd");
        assertError(SYNTAX, "GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE");
        assertError("ERR wrong number of arguments for 'geosearch' command", "GEOSEARCH", "Sicily", "BYRADIUS", "10", "km");
    }

    @Test
    void aWideSearchFindsEveryMemberOnce() {
        for (int i = 0; i < 200; i++) {
            double longitude = -179 + (i * 7.3) % 358;
            double latitude = -84 + (i * 3.7) % 168;
            call("GEOADD", "world", Double.toString(longitude), Double.toString(latitude), "m" + i);
        }
        List<?> all = (List<?>) call("GEOSEARCH", "world", "FROMLONLAT", "0", "0", "BYRADIUS", "30000", "km");
        assertEquals(200, all.size());
        assertEquals(200, all.stream().distinct().count());
        assertReply(200, "GEORADIUS", "world", "0", "0", "inf", "m", "STORE", "world");
    }

    private static String[] with(String[] prefix, String... rest) {
        String[] all = Arrays.copyOf(prefix, prefix.length + rest.length);
        System.arraycopy(rest, 0, all, prefix.length, rest.length);
        return all;
    }
}
