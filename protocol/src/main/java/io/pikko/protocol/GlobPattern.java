package io.pikko.protocol;

/**
 * Redis's glob-style pattern over bytes: {@code * ? [abc] [^a] [a-z]} and backslash escapes, with
 * the results of Redis's {@code stringmatchlen} (util.c) as built for x86-64, where {@code char} is
 * signed: a range {@code [a-b]} compares bytes as signed values, so {@code [\x00-\xff]} holds only
 * 0x00 and 0xff. An empty key is matched only by the empty pattern and by "*" (Redis's KEYS and SCAN
 * short-cut "*" without calling the matcher; "**" does not match an empty key). Like Redis, which
 * stops recursing 1000 '*' deep, a pattern with more than 1000 runs of '*' before its end matches
 * no key.
 */
public final class GlobPattern {
    /** stringmatchlen answers "no match" once its recursion through '*' runs passes this depth. */
    private static final int MAX_STAR_NESTING = 1000;

    private final byte[] pattern;
    private final int innerStarRuns;

    private GlobPattern(byte[] pattern) {
        this.pattern = pattern;
        this.innerStarRuns = countInnerStarRuns();
    }

    /** A pattern that matches {@code text} literally: the glob characters escaped with a backslash. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    public static GlobPattern of(byte[] pattern) {
        return new GlobPattern(pattern);
    }

    /** Whether the pattern is "*", which matches every key and needs no test. */
    public boolean matchesAll() {
        return pattern.length == 1 && pattern[0] == '*';
    }

    public boolean matches(byte[] text) {
        if (text.length == 0) {
            // stringmatchlen's loop never runs for an empty string: only an empty pattern matches.
            return pattern.length == 0 || matchesAll();
        }
        if (innerStarRuns > MAX_STAR_NESTING) {
            return false;
        }
        // Every element but '*' consumes exactly one byte, so backtracking to the last '*' alone is
        // enough; this takes O(pattern * text) steps and no recursion, whatever the pattern.
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < text.length) {
            if (p < pattern.length && pattern[p] == '*') {
                while (p < pattern.length && pattern[p] == '*') {
                    p++;
                }
                if (p == pattern.length) {
                    return true;
                }
                starP = p;
                starI = i;
                continue;
            }
            int next = p < pattern.length ? matchOne(p, text[i]) : -1;
            if (next >= 0) {
                p = next;
                i++;
            } else if (starP >= 0) {
                starI++;
                p = starP;
                i = starI;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** Runs of '*' followed by more pattern; escaped stars and stars in a class do not count. */
    private int countInnerStarRuns() {
        int runs = 0;
        int p = 0;
        while (p < pattern.length) {
            switch (pattern[p]) {
                case '*' -> {
                    while (p < pattern.length && pattern[p] == '*') {
                        p++;
                    }
                    if (p < pattern.length) {
                        runs++;
                    }
                }
                case '\\' -> p = Math.min(p + 2, pattern.length);
                case '[' -> p = classEnd(p + 1);
                default -> p++;
            }
        }
        return runs;
    }

    /** The end of a bracket class starting after its '[', parsed as {@link #matchClass} does. */
    private int classEnd(int p) {
        if (p < pattern.length && pattern[p] == '^') {
            p++;
        }
        while (p < pattern.length && pattern[p] != ']') {
            if (pattern[p] == '\\' && p + 1 < pattern.length) {
                p += 2;
            } else if (p + 2 < pattern.length && pattern[p + 1] == '-') {
                p += 3;
            } else {
                p++;
            }
        }
        return p < pattern.length ? p + 1 : p;
    }

    /** Where the pattern continues if its element at {@code p} (not '*') matches {@code c}, else -1. */
    private int matchOne(int p, byte c) {
        switch (pattern[p]) {
            case '?':
                return p + 1;
            case '[':
                return matchClass(p + 1, c);
            case '\\':
                if (p + 1 < pattern.length) {
                    return pattern[p + 1] == c ? p + 2 : -1;
                }
                return c == '\\' ? p + 1 : -1;
            default:
                return pattern[p] == c ? p + 1 : -1;
        }
    }

    /** A bracket class starting after its '['; an unclosed class runs to the end of the pattern. */
    private int matchClass(int p, byte c) {
        boolean not = p < pattern.length && pattern[p] == '^';
        if (not) {
            p++;
        }
        boolean matched = false;
        while (p < pattern.length && pattern[p] != ']') {
            if (pattern[p] == '\\' && p + 1 < pattern.length) {
                matched |= pattern[p + 1] == c;
                p += 2;
            } else if (p + 2 < pattern.length && pattern[p + 1] == '-') {
                // Signed, as C's char is on x86-64; a reversed range is swapped.
                int lo = pattern[p];
                int hi = pattern[p + 2];
                if (lo > hi) {
                    int t = lo;
                    lo = hi;
                    hi = t;
                }
                matched |= c >= lo && c <= hi;
                p += 3;
            } else {
                matched |= pattern[p] == c;
                p++;
            }
        }
        if (p < pattern.length) {
            p++;
        }
        return matched != not ? p : -1;
    }
}
