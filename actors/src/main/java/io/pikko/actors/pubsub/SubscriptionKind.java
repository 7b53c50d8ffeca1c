package io.pikko.actors.pubsub;

/** The three namespaces of Redis pub/sub, with the words its replies and messages use. */
public enum SubscriptionKind {
    CHANNEL("subscribe", "unsubscribe", "message"),
    PATTERN("psubscribe", "punsubscribe", "pmessage"),
    SHARD("ssubscribe", "sunsubscribe", "smessage");

    private final String subscribeWord;
    private final String unsubscribeWord;
    private final String messageWord;

    SubscriptionKind(String subscribeWord, String unsubscribeWord, String messageWord) {
        this.subscribeWord = subscribeWord;
        this.unsubscribeWord = unsubscribeWord;
        this.messageWord = messageWord;
    }

    public String subscribeWord() {
        return subscribeWord;
    }

    public String unsubscribeWord() {
        return unsubscribeWord;
    }

    public String messageWord() {
        return messageWord;
    }
}
