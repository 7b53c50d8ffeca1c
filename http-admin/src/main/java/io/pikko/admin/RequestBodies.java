package io.pikko.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.dashboard.ActionSettingsChange;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The request bodies the API accepts, each read strictly: every field present and of its type
 * (a settings change, which names only the fields it changes, being the exception).
 */
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

    /** {@code PUT /api/groups/{id}}: the group's replication mode. */
    record GroupChange(String mode) {
        static final String EXAMPLE = "{\"mode\":\"consistent\"}";

        static Optional<GroupChange> from(JsonNode json) {
            JsonNode mode = json.get("mode");
            return mode != null && mode.isTextual() ? Optional.of(new GroupChange(mode.asText())) : Optional.empty();
        }
    }

    /** {@code POST /api/groups/{id}/promote}. */
    record Promotion(String node, boolean force) {
        static final String EXAMPLE = "{\"node\":\"127.0.0.1:9222\",\"force\":false}";

        static Optional<Promotion> from(JsonNode json) {
            JsonNode node = json.get("node");
            JsonNode force = json.get("force");
            if (node == null || !node.isTextual() || (force != null && !force.isBoolean())) {
                return Optional.empty();
            }
            return Optional.of(new Promotion(node.asText(), force != null && force.booleanValue()));
        }
    }

    record SlotRange(int from, int to, int group) {
        static final String EXAMPLE = "{\"from\":512,\"to\":1023,\"group\":2}";

        static Optional<SlotRange> from(JsonNode json) {
            return intField(json, "from").flatMap(from -> intField(json, "to").flatMap(to ->
                    intField(json, "group").map(group -> new SlotRange(from, to, group))));
        }
    }

    /** {@code POST /api/rebalance}: plan only, or plan and schedule. */
    record RebalanceRequest(boolean confirm) {
        static final String EXAMPLE = "{\"confirm\":false}";

        static Optional<RebalanceRequest> from(JsonNode json) {
            JsonNode confirm = json.get("confirm");
            return confirm != null && confirm.isBoolean() ? Optional.of(new RebalanceRequest(confirm.booleanValue())) : Optional.empty();
        }
    }

    /**
     * {@code PUT /api/actions/settings}: any of the settings' fields, a field left out keeping its
     * current value (the dashboard applies the change to the settings it holds). An unknown field
     * is refused rather than ignored, so a misspelt setting is noticed. The values' ranges are the
     * dashboard's to check.
     */
    static final class SettingsChange {
        static final String EXAMPLE = "{\"disabled\":false,\"parallel\":1,\"max_keys_per_sec\":0,\"max_bytes_per_sec\":0}"
                + " (any of these fields)";
        private static final Map<String, Predicate<JsonNode>> FIELDS = Map.of(
                "disabled", JsonNode::isBoolean,
                "parallel", field -> field.isIntegralNumber() && field.canConvertToInt(),
                "max_keys_per_sec", field -> field.isIntegralNumber() && field.canConvertToLong(),
                "max_bytes_per_sec", field -> field.isIntegralNumber() && field.canConvertToLong());

        private SettingsChange() {}

        static Optional<ActionSettingsChange> from(JsonNode json) {
            if (!json.isObject()) {
                return Optional.empty();
            }
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                Predicate<JsonNode> wellTyped = FIELDS.get(field.getKey());
                if (wellTyped == null || !wellTyped.test(field.getValue())) {
                    return Optional.empty();
                }
            }
            return Optional.of(new ActionSettingsChange(
                    json.has("disabled") ? json.get("disabled").booleanValue() : null,
                    json.has("parallel") ? json.get("parallel").intValue() : null,
                    json.has("max_keys_per_sec") ? json.get("max_keys_per_sec").longValue() : null,
                    json.has("max_bytes_per_sec") ? json.get("max_bytes_per_sec").longValue() : null));
        }
    }

    private static Optional<Integer> intField(JsonNode json, String name) {
        JsonNode field = json.get(name);
        return field != null && field.isIntegralNumber() && field.canConvertToInt()
                ? Optional.of(field.intValue()) : Optional.empty();
    }
}
