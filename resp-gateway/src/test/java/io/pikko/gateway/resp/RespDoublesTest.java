package io.pikko.gateway.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected string below is what redis-server 7.0.15 printed for the same input. */
class RespDoublesTest {

    @Test
    void formatMatchesZscore() {
        // ZADD z <input> a, then ZSCORE z a (a skiplist-encoded set for -0).
        String[][] cases = {
                {"0.1", "0.10000000000000001"},
                {"1e20", "1e+20"},
                {"1.5e-5", "1.5e-05"},
                {"3.14159", "3.1415899999999999"},
                {"0", "0"},
                {"-0", "-0"},
                {"1", "1"},
                {"-1.5", "-1.5"},
                {"123456789.123456789", "123456789.12345679"},
                {"1e-4", "0.0001"},
                {"1.0e-5", "1.0000000000000001e-05"},
                {"9.999999999999999e16", "99999999999999984"},
                {"1e17", "1e+17"},
                {"1e16", "10000000000000000"},
                {"12345678901234567", "12345678901234568"},
                {"0.30000000000000004", "0.30000000000000004"},
                {"2.5", "2.5"},
                {"1.7976931348623157e308", "1.7976931348623157e+308"},
                {"4.9e-324", "4.9406564584124654e-324"},
                {"2.2250738585072014e-308", "2.2250738585072014e-308"},
                {"1e21", "1e+21"},
                {"-3.0e-7", "-2.9999999999999999e-07"},
                {"100", "100"},
                {"0.2", "0.20000000000000001"},
                {"1e15", "1000000000000000"},
                {"123.456", "123.456"},
                {"6.02214076e23", "6.0221407599999999e+23"},
                {"1e-10", "1e-10"},
                {"0.000123", "0.00012300000000000001"},
                {"1.1", "1.1000000000000001"},
                {"99999999999999999", "1e+17"},
                // Exact ties at the 17th digit round to even, as glibc does.
                {"2.98023223876953125e-8", "2.9802322387695312e-08"},
                {"1.490116119384765625e-8", "1.4901161193847656e-08"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], RespDoubles.format(Double.parseDouble(c[0])), c[0]);
        }
        assertEquals("inf", RespDoubles.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", RespDoubles.format(Double.NEGATIVE_INFINITY));
        assertEquals("nan", RespDoubles.format(Double.NaN));
    }

    @Test
    void humanFriendlyMatchesIncrbyfloatOnEverydayValues() {
        // SET f 0, then INCRBYFLOAT f 0.1 twelve times; Redis stores and re-reads the printed value.
        String stored = "0";
        List<String> redis = List.of("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1", "1.1", "1.2");
        for (String expected : redis) {
            stored = RespDoubles.humanFriendly(Double.parseDouble(stored) + 0.1);
            assertEquals(expected, stored);
        }
        String[][] sums = {
                {"10.5", "0.1", "10.6"},
                {"10.6", "-5", "5.6"},
                {"5.0e3", "2.0e2", "5200"},
                {"0", "1e20", "100000000000000000000"},
                {"100000000000000000000", "1.5e-5", "100000000000000000000"},
                {"0", "3.14159", "3.14159"},
                {"3.14159", "3.14159", "6.28318"},
                {"0.2", "0.1", "0.3"},
                {"0.3", "-0.1", "0.2"},
                {"1.1", "2.2", "3.3"},
                {"0", "-0.0", "0"},
                {"0", "1e-20", "0"},
                {"0", "5e-18", "0"},
                {"0", "-5e-18", "0"},
                {"0", "2.5e-17", "0.00000000000000002"},
                {"0", "1.5e-17", "0.00000000000000002"},
                {"0", "0.000003814697265625", "0.00000381469726562"},
                {"0", "1e300", "1000000000000000000008997324079559193870523944273290747938260082321265646596"
                        + "180935755849152083750497190350372508614274835903592556184672983913096260520748646"
                        + "287327135641843653294084255107606016789726652932370030551382947620994540294772781"
                        + "889620606179267611627097410650567187386105690089424915104006144"},
                {"0", "1.7976931348623157e308", "1797693134862315699959210467741044340483864469443291784853"
                        + "14420765176628523124396354701868608387085564428793419425520689308708363451136055"
                        + "35789727802647761707349897768628839483561816329404559443492953744729062748066941"
                        + "73846488791227762183335989538528321032825047516116912081177201599859263768024668"
                        + "63339536384"},
        };
        for (String[] s : sums) {
            double sum = Double.parseDouble(s[0]) + Double.parseDouble(s[1]);
            assertEquals(s[2], RespDoubles.humanFriendly(sum), s[0] + " + " + s[1]);
        }
        assertEquals("inf", RespDoubles.humanFriendly(Double.POSITIVE_INFINITY));
        assertEquals("-inf", RespDoubles.humanFriendly(Double.NEGATIVE_INFINITY));
    }

    @Test
    void humanFriendlySumReproducesLongDoubleArithmetic() {
        // {stored value, INCRBYFLOAT increment, Redis's reply}; a double cannot reproduce most of these.
        String[][] sums = {
                {"5200", "0.1", "5200.10000000000000009"},
                {"5200.10000000000000009", "0.1", "5200.20000000000000018"},
                {"0", "1000.1", "1000.09999999999999998"},
                {"1000.09999999999999998", "0.2", "1000.29999999999999999"},
                {"0", "123456789.123456789", "123456789.12345678899873747"},
                {"0", "0.12345678901234567", "0.12345678901234567"},
                {"0", "9007199254740993", "9007199254740993"},
                {"1e17", "0.5", "100000000000000000.5"},
                {"100", "-99.99", "0.01"},
                {"-10.0996", "2181.62", "2171.5204000000000002"},
                {"-0.1", "-9358.5", "-9358.59999999999999964"},
                {"3.14159", "1199", "1202.14158999999999999"},
                {"7.55e5", "0.01", "755000.00999999999999091"},
                {"-511776.774", "94.72", "-511682.05400000000000205"},
                {"976.78", "5848.325", "6825.10500000000000043"},
                {"3073.05", "0.1", "3073.15000000000000013"},
                {"-6", "2.2", "-3.8"},
                {"0.1", "0.2", "0.3"},
                {"0", "0.000003814697265625", "0.00000381469726562"},
                {"0.00000381469726562", "1e-4940", "0.00000381469726562"},
        };
        for (String[] s : sums) {
            assertEquals(s[2], RespDoubles.humanFriendlySum(new BigDecimal(s[0]), new BigDecimal(s[1])),
                    s[0] + " + " + s[1]);
        }
        String huge = RespDoubles.humanFriendlySum(new BigDecimal("1e4931"), BigDecimal.ZERO);
        assertEquals(4932, huge.length());
        assertTrue(huge.startsWith("100000000000000000000601894938796389132383777425453311477378"), huge);
    }

    @Test
    void humanFriendlySumRefusesLongDoubleOverflow() {
        // Redis: "ERR increment would produce NaN or Infinity".
        assertThrows(ArithmeticException.class,
                () -> RespDoubles.humanFriendlySum(new BigDecimal("1e4932"), new BigDecimal("1e4932")));
        assertThrows(ArithmeticException.class,
                () -> RespDoubles.humanFriendlySum(new BigDecimal("1e99999"), BigDecimal.ONE));
    }
}
