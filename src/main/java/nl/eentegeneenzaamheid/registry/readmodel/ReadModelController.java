package nl.eentegeneenzaamheid.registry.readmodel;

import nl.eentegeneenzaamheid.registry.common.Access;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class ReadModelController {

    private final Access access;

    /** The GraphQL type {@code ReadModel}. */
    record ReadModelStatus(String processingGroup, List<String> collections, double position, double lag,
                           Rebuild.Progress rebuild) {
    }

    private final ReadModelRebuilds rebuilds;

    ReadModelController(ReadModelRebuilds rebuilds, Access access) {
        this.access = access;
        this.rebuilds = rebuilds;
    }

    @QueryMapping
    List<ReadModelStatus> readModels() {
        access.programmeTeamOrAuditor();
        long head = rebuilds.head();
        return rebuilds.processingGroups().stream().map(group -> {
            long position = rebuilds.position(group);
            return new ReadModelStatus(group, rebuilds.collections(group), position, head - Math.max(position, 0),
                                       rebuilds.lastRebuild(group).map(Rebuild::progress).orElse(null));
        }).toList();
    }

    @QueryMapping
    Rebuild.Progress readModelRebuild(@Argument String id) {
        access.programmeTeamOrAuditor();
        return rebuilds.rebuild(id).map(Rebuild::progress).orElse(null);
    }

    @MutationMapping
    Rebuild.Progress rebuildReadModel(@Argument String processingGroup, @Argument Rebuild.Mode mode) {
        access.programmeTeam();
        return rebuilds.start(List.of(processingGroup), mode).progress();
    }

    @MutationMapping
    Rebuild.Progress rebuildReadModels(@Argument Rebuild.Mode mode) {
        access.programmeTeam();
        return rebuilds.start(List.of(), mode).progress();
    }
}
