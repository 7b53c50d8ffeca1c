package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** INCRBYFLOAT's arithmetic against replies recorded from redis-server 7.0.15. */
class ExtendedDecimalTest {
    /** What INCRBYFLOAT stores for {@code stored + increment}, or null where Redis refuses the sum. */
    private static String sum(String stored, String increment) {
        var a = ExtendedDecimal.parse(stored.getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        var b = ExtendedDecimal.parse(increment.getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        return ExtendedDecimal.add(a, b).map(ExtendedDecimal::format).orElse(null);
    }

    @Test
    void sumsMatchRedisLongDoubleArithmetic() {
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
            assertEquals(s[2], sum(s[0], s[1]),
                    s[0] + " + " + s[1]);
        }
        String huge = sum("1e4931", "0");
        assertEquals(4932, huge.length());
        assertTrue(huge.startsWith("100000000000000000000601894938796389132383777425453311477378"), huge);
    }

    @Test
    void overflowIsRefused() {
        // Redis: "ERR increment would produce NaN or Infinity".
        assertNull(sum("1.1e4932", "1.1e4932"));
        // Past the largest long double the text itself is no valid float, as Redis says.
        assertTrue(ExtendedDecimal.parse("1e99999".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }

    @Test
    void textRedisRefusesIsNotAFloat() {
        for (String bad : new String[] {"", " 1", "1 ", "abc", "1.2.3", "nan", "0x"}) {
            assertTrue(ExtendedDecimal.parse(bad.getBytes(StandardCharsets.US_ASCII)).isEmpty(), bad);
        }
    }
}
