package nl.eentegeneenzaamheid.registry.municipality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The {@code municipalities} read model. */
@Component
@ProcessingGroup("municipalities")
class MunicipalityProjection implements MunicipalityDirectory {

    static final String COLLECTION = "municipalities";
    private final MongoTemplate mongo;

    MunicipalityProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<MunicipalityView> find(String code) {
        return Optional.ofNullable(mongo.findById(code, MunicipalityView.class, COLLECTION));
    }

    @Override
    public Map<String, MunicipalityView> findAll(Collection<String> codes) {
        Map<String, MunicipalityView> found = new LinkedHashMap<>();
        if (!codes.isEmpty()) {
            mongo.find(query(where("_id").in(codes)), MunicipalityView.class, COLLECTION)
                 .forEach(m -> found.put(m.code(), m));
        }
        return found;
    }
}
