package io.pikko.commands;

import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.List;

/** The reply shapes of the sorted-set commands. */
final class ZSetReplies {
    private ZSetReplies() {}

    /** Members alone, or with their scores (WITHSCORES). */
    static Reply members(List<ZSetEntry> entries, boolean withScores) {
        if (withScores) {
            return scored(entries);
        }
        List<Reply> items = new ArrayList<>(entries.size());
        for (ZSetEntry entry : entries) {
            items.add(new Reply.Bulk(entry.member()));
        }
        return Reply.array(items);
    }

    /**
     * Members with their scores, as WITHSCORES and ZPOPMIN's COUNT answer: member, score, member,
     * score, ... in RESP2, each pair an array of its own in RESP3.
     */
    static Reply scored(List<ZSetEntry> entries) {
        return new Reply.Pairs(((Reply.Array) flat(entries)).items());
    }

    /** Member, score, member, score, ... in both protocols, as ZPOPMIN without a count answers. */
    static Reply flat(List<ZSetEntry> entries) {
        List<Reply> items = new ArrayList<>(entries.size() * 2);
        for (ZSetEntry entry : entries) {
            items.add(new Reply.Bulk(entry.member()));
            items.add(new Reply.DoubleReply(entry.score()));
        }
        return Reply.array(items);
    }

    /** [member, score] pairs, nested in both protocols, as ZMPOP answers. */
    static Reply pairs(List<ZSetEntry> entries) {
        List<Reply> items = new ArrayList<>(entries.size());
        for (ZSetEntry entry : entries) {
            items.add(Reply.array(List.of(new Reply.Bulk(entry.member()), new Reply.DoubleReply(entry.score()))));
        }
        return Reply.array(items);
    }
}
