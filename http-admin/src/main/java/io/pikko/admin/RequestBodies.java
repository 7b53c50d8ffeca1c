package io.pikko.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The request bodies the API accepts, each read strictly: every field present and of its type. */
final class RequestBodies {
    private RequestBodies() {}

    record NewGroup(int id) {
        static final String EXAMPLE = "{\"id\":2}";

        static Optional<NewGroup> from(JsonNode json) {
            return intField(json, "id").map(NewGroup::new);
        }
    }

    record NewServer(String node) {
        static final String EXAMPLE = "{\"node\":\"127.0.0.1:9222\"}";

        static Optional<NewServer> from(JsonNode json) {
            JsonNode node = json.get("node");
            return node != null && node.isTextual() ? Optional.of(new NewServer(node.asText())) : Optional.empty();
        }
    }

    record SlotRange(int from, int to, int group) {
        static final String EXAMPLE = "{\"from\":512,\"to\":1023,\"group\":2}";

        static Optional<SlotRange> from(JsonNode json) {
            return intField(json, "from").flatMap(from -> intField(json, "to").flatMap(to ->
                    intField(json, "group").map(group -> new SlotRange(from, to, group))));
        }
    }

    private static Optional<Integer> intField(JsonNode json, String name) {
        JsonNode field = json.get(name);
        return field != null && field.isIntegralNumber() && field.canConvertToInt()
                ? Optional.of(field.intValue()) : Optional.empty();
    }
}
