package io.pikko.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** JSON in and out of the API, through one shared mapper. */
final class JsonBodies {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {}

    static HttpResponse response(int status, Object body) {
        return HttpResponse.create()
                .withStatus(StatusCodes.get(status))
                .withEntity(ContentTypes.APPLICATION_JSON, write(body));
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The JSON text as a tree, or nothing when it is not JSON. */
    static Optional<JsonNode> parse(String text) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            return tree == null || tree.isMissingNode() ? Optional.empty() : Optional.of(tree);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
