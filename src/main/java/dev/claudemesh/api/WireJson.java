package dev.claudemesh.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.claudemesh.message.Message;

/**
 * The one JSON mapping of the wire format, shared by the daemon and its clients: snake_case fields, no nulls,
 * records as objects, enums by their wire names.
 */
public final class WireJson {
    private WireJson() {}

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .addMixIn(Message.class, MessageMixin.class);
    }

    /** Keeps derived accessors of core records off the wire. */
    abstract static class MessageMixin {
        @JsonIgnore
        abstract boolean isTask();
    }
}
