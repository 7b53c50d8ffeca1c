package io.pikko.storage;

import io.pikko.protocol.GlobPattern;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Redis KEYS/SCAN glob semantics. Patterns and keys are byte strings written as ISO-8859-1 Java
 * strings, so {@code \u00ff} is the byte 0xff. Every row of {@link #CASES} was checked against
 * redis-server 7.0.15 on x86-64: each key was SET and {@code KEYS pattern} was asked whether it
 * returned the key.
 */
class GlobPatternTest {

    /** pattern, key, whether Redis's KEYS returns the key. */
    static final Object[][] CASES = {
        // '*'
        {"*", "", true}, // KEYS * short-cuts the matcher and so lists the empty key
        {"*", "anything", true},
        {"**", "", false}, // stringmatchlen never matches an empty string against a non-empty pattern
        {"a*", "", false},
        {"", "", true},
        {"", "a", false},
        {"a*", "a", true},
        {"a*", "abc", true},
        {"a*", "ba", false},
        {"*a", "ba", true},
        {"*a", "ab", false},
        {"*a", "a", true},
        {"a**b", "ab", true},
        {"a*b*c", "aXbYc", true},
        {"a*b*c", "abc", true},
        {"a*b*c", "acb", false},
        {"a*b*c", "abcbcbx", false},
        {"h*llo", "hllo", true},
        {"h*llo", "heeeello", true},
        {"h*llo", "hello!", false},
        {"*o*", "foo", true},
        {"*ab", "aab", true},
        {"*ab", "abab", true},
        {"*a?", "aab", true},
        {"user:*:name", "user:1000:name", true},
        {"user:*:name", "user:1000:names", false},
        {"A*", "abc", false}, // case-sensitive
        // '?'
        {"h?llo", "hello", true},
        {"h?llo", "hallo", true},
        {"h?llo", "hllo", false},
        {"h?llo", "heello", false},
        {"?", "", false},
        {"??", "a", false},
        {"??", "ab", true},
        {"*?", "a", true},
        // [abc], [^a], [a-z]
        {"h[ae]llo", "hello", true},
        {"h[ae]llo", "hallo", true},
        {"h[ae]llo", "hillo", false},
        {"h[ae]llo", "hllo", false},
        {"h[^e]llo", "hallo", true},
        {"h[^e]llo", "hbllo", true},
        {"h[^e]llo", "hello", false},
        {"h[a-b]llo", "hallo", true},
        {"h[a-b]llo", "hbllo", true},
        {"h[a-b]llo", "hcllo", false},
        {"[a-z]", "m", true},
        {"[a-z]", "M", false},
        {"[a-z]", "ab", false},
        {"[a-z]*", "ab", true},
        {"[a-cx-z]", "y", true},
        {"[a-cx-z]", "m", false},
        {"[^a-c]x", "dx", true},
        {"[^a-c]x", "bx", false},
        {"[abc]", "", false},
        {"[^a]", "", false},
        // reversed range: the bounds are swapped
        {"[z-a]", "m", true},
        {"[z-a]", "a", true},
        {"[z-a]", "z", true},
        {"[z-a]", "A", false},
        {"[9-0]", "5", true},
        // '-' as range end swallows the ']' that would close the class: [a-] is the range ']'..'a'
        {"[a-]", "a", true},
        {"[a-]", "_", true},
        {"[a-]", "]", true},
        {"[a-]", "-", false},
        {"[a-]", "b", false},
        // ']' right after '[' closes an empty class, which matches nothing
        {"[]a]", "]", false},
        {"[]a]", "a", false},
        {"[]a]", "]a]", false},
        {"[^]a]", "xa]", true},
        // an unclosed class runs to the end of the pattern
        {"[a", "a", true},
        {"[a", "b", false},
        {"[ab", "b", true},
        {"[", "[", false},
        {"[", "", false},
        {"[^", "x", true},
        {"x[", "x", false},
        // escapes
        {"\\*", "*", true},
        {"\\*", "a", false},
        {"\\*", "", false},
        {"\\?", "?", true},
        {"\\?", "a", false},
        {"\\[a]", "[a]", true},
        {"\\[a]", "a", false},
        {"\\a", "a", true},
        {"\\\\", "\\", true},
        {"a\\", "a\\", true}, // a trailing backslash is literal
        {"a\\", "a", false},
        {"*\\*", "abc*", true},
        {"*\\*", "abc", false},
        {"[\\]]", "]", true},
        {"[\\]", "]", true}, // "\]" escapes the ']' and leaves the class unclosed
        {"[\\", "\\", true},
        {"[a\\-z]", "-", true}, // an escaped '-' is no range
        {"[a\\-z]", "z", true},
        {"[a\\-z]", "m", false},
        {"[\\^a]", "^", true},
        {"[\\^a]", "b", false},
        // binary keys and patterns
        {"?", "\u0000", true},
        {"?", "\u00ff", true},
        {"\u0000*", "\u0000abc", true},
        {"\u0000*", "abc", false},
        {"a?c", "a\u0000c", true},
        {"*\u00ff", "x\u00ff", true},
        {"*\u00ff", "x\u00fe", false},
        {"[^a]", "\u0080", true},
        {"[\u0000\u00ff]", "\u00ff", true},
        {"caf?", "caf\u00c3\u00a9", false}, // "café" in UTF-8 is five bytes
        {"caf??", "caf\u00c3\u00a9", true},
        // ranges compare bytes as (x86-64) signed chars: 0x80..0xff sort below 0x00
        {"[\u0000-\u00ff]", "\u0000", true},
        {"[\u0000-\u00ff]", "\u00ff", true},
        {"[\u0000-\u00ff]", "a", false},
        {"[\u0000-\u00ff]", "\u0080", false},
        {"[\u0080-\u00ff]", "\u0080", true},
        {"[\u0080-\u00ff]", "\u00c3", true},
        {"[\u0080-\u00ff]", "a", false},
        {"[\u0000-\u007f]", "\u007f", true},
        {"[\u0000-\u007f]", "\u0080", false},
        {"[a-\u00ff]", "\u00ff", true},
        {"[a-\u00ff]", "\u0000", true},
        {"[a-\u00ff]", "_", true},
        {"[a-\u00ff]", "b", false},
        {"[a-\u00ff]", "\u0080", false},
    };

    static Stream<Arguments> cases() {
        return Arrays.stream(CASES).map(c -> Arguments.of(c[0], c[1], c[2]));
    }

    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @MethodSource("cases")
    void matchesAsRedisKeysDoes(String pattern, String key, boolean expected) {
        assertEquals(expected, GlobPattern.of(b(pattern)).matches(b(key)));
    }

    @Test
    void matchesAllOnlyForASingleStar() {
        assertTrue(GlobPattern.of(b("*")).matchesAll());
        assertFalse(GlobPattern.of(b("**")).matchesAll());
        assertFalse(GlobPattern.of(b("")).matchesAll());
        assertFalse(GlobPattern.of(b("a*")).matchesAll());
        assertFalse(GlobPattern.of(b("\\*")).matchesAll());
    }

    @Test
    void patternIsReusable() {
        GlobPattern pattern = GlobPattern.of(b("k[0-4]*"));
        List<String> keys = List.of("k0", "k4x", "k5", "k", "j0", "k3");
        List<String> hits = keys.stream().filter(k -> pattern.matches(b(k))).toList();
        assertEquals(List.of("k0", "k4x", "k3"), hits);
    }

    @Test
    void manyStarsDoNotBacktrackExponentially() {
        // The shape of CVE-2022-36021: each extra "*a" multiplies a naive matcher's work.
        byte[] pattern = b("a*".repeat(30) + "b");
        byte[] key = b("a".repeat(200));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertFalse(GlobPattern.of(pattern).matches(key));
            assertTrue(GlobPattern.of(b("a*".repeat(30) + "b")).matches(b("a".repeat(200) + "b")));
        });
    }

    @Test
    void starNestingLimitIsRedisOne() {
        // redis-server 7.0.15 stops recursing 1000 '*' runs deep: with 1000 runs before the end of
        // the pattern KEYS still matches, with 1001 it matches nothing. Checked with KEYS on both keys.
        byte[] key1000 = b("xa".repeat(1000));
        byte[] key1001 = b("xa".repeat(1001));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertTrue(GlobPattern.of(b("*a".repeat(1000))).matches(key1000));
            assertTrue(GlobPattern.of(b("*a".repeat(1000))).matches(key1001));
            assertTrue(GlobPattern.of(b("*a".repeat(1000) + "*")).matches(key1001), "a trailing '*' is no nesting");
            assertTrue(GlobPattern.of(b("*a".repeat(999) + "*?")).matches(key1001));
            assertFalse(GlobPattern.of(b("*a".repeat(1001))).matches(key1001));
            assertFalse(GlobPattern.of(b("*a".repeat(1001) + "*")).matches(key1001));
            assertFalse(GlobPattern.of(b("*a".repeat(1000) + "*?")).matches(key1001));
            // escaped stars and stars inside a class are literals, not runs
            byte[] literalStars = b("xa".repeat(999) + "x" + "*".repeat(6) + "a");
            assertTrue(GlobPattern.of(b("*a".repeat(999) + "*" + "\\*".repeat(5) + "[*]a")).matches(literalStars));
            assertFalse(GlobPattern.of(b("*a".repeat(1000) + "*" + "\\*".repeat(5) + "[*]a")).matches(literalStars));
        });
    }
}
