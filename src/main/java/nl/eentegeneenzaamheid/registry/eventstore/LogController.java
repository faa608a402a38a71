package nl.eentegeneenzaamheid.registry.eventstore;

import java.util.Map;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class LogController {

    private final MongoEventStorageEngine engine;

    LogController(MongoEventStorageEngine engine) {
        this.engine = engine;
    }

    @QueryMapping
    Map<String, Object> registry() {
        return Map.of("logHead", (double) ((LogPosition) engine.createHeadToken()).index());
    }
}
