package nl.eentegeneenzaamheid.registry.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.Cursors;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The hash chain in GraphQL ({@code graphql/audit-chain.graphqls}): for auditors and the programme team. */
@Controller
class AuditChainController {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Access access;
    private final AuditChainVerifier verifier;
    private final ChainHeads heads;

    AuditChainController(Access access, MongoTemplate mongo, ChainHeads heads) {
        this.access = access;
        this.verifier = new AuditChainVerifier(new CommitLog(mongo.getDb()));
        this.heads = heads;
    }

    record ChainHeadInput(Double position, String hash) {
    }

    record ChainHeadView(double position, String hash, OffsetDateTime recordedAt) {

        static ChainHeadView of(ChainHead head) {
            return head == null ? null : new ChainHeadView(head.position(), head.hash(), head.recordedAt() == null
                    ? null : head.recordedAt().atOffset(ZoneOffset.UTC));
        }
    }

    record ChainVerificationView(boolean valid, double entriesChecked, String firstBrokenEventId,
                                 Double firstBrokenPosition, Boolean extendsHead, String message, ChainHeadView head) {
    }

    record Edge(ChainHeadView node, String cursor) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    record Connection(List<Edge> edges, PageInfo pageInfo) {
    }

    @QueryMapping
    ChainVerificationView verifyAuditChain(@Argument ChainHeadInput head) {
        access.programmeTeamOrAuditor();
        AuditChainVerification result = verifier.verify(null, head == null ? null : kept(head));
        return new ChainVerificationView(result.valid(), result.entriesChecked(), result.firstBrokenEventId(),
                                         result.firstBrokenPosition() == null ? null
                                                 : result.firstBrokenPosition().doubleValue(),
                                         result.extendsHead(), result.message(), ChainHeadView.of(result.head()));
    }

    @QueryMapping
    Connection auditChainHeads(@Argument Integer first, @Argument String after) {
        access.programmeTeamOrAuditor();
        int size = Cursors.pageSize(first);
        long afterPosition = 0;
        String decoded = Cursors.decode(after);
        if (decoded != null) {
            try {
                afterPosition = Long.parseLong(decoded);
            } catch (NumberFormatException e) {
                throw RegistryException.validation("after is not a cursor this registry gave out");
            }
        }
        List<ChainHead> page = heads.after(afterPosition, size + 1);
        List<Edge> edges = page.stream().limit(size)
                               .map(h -> new Edge(ChainHeadView.of(h), Cursors.encode(Long.toString(h.position()))))
                               .toList();
        return new Connection(edges, new PageInfo(page.size() > size,
                                                  edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @QueryMapping
    ChainHeadView latestChainHead() {
        access.programmeTeamOrAuditor();
        return heads.latest().map(ChainHeadView::of).orElse(null);
    }

    private static ChainHead kept(ChainHeadInput head) {
        if (head.position() == null || head.position() < 1 || head.position() != Math.rint(head.position())) {
            throw RegistryException.validation("head.position must be the whole position of an event (1 or more), "
                                               + "got " + head.position());
        }
        String hash = head.hash() == null ? "" : head.hash().trim().toLowerCase(Locale.ROOT);
        if (!HASH.matcher(hash).matches()) {
            throw RegistryException.validation("head.hash must be 64 hexadecimal characters (SHA-256), got \""
                                               + head.hash() + "\"");
        }
        return new ChainHead(head.position().longValue(), hash, null);
    }
}
