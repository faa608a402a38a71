package nl.eentegeneenzaamheid.registry.municipality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalityRecorded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * {@code MunicipalityRecorded} revision 1 → 2: revision 1 knew only the official name, so the short name people use
 * is taken to be that name. The stored event is not changed; it is read this way every time.
 */
@Component
class MunicipalityRecordedUpcaster extends SingleEventUpcaster {

    private static final SerializedType REVISION_1 = new SimpleSerializedType(MunicipalityRecorded.class.getName(), "1");
    private static final SerializedType REVISION_2 = new SimpleSerializedType(MunicipalityRecorded.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, MunicipalityRecordedUpcaster::withShortName);
    }

    private static JsonNode withShortName(JsonNode payload) {
        ObjectNode upcast = ((ObjectNode) payload).deepCopy();
        upcast.set("shortName", payload.get("name"));
        return upcast;
    }
}
