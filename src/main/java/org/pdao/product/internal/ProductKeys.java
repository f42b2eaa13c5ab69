package org.pdao.product.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm3;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Product keys: taken out by product users for published products, revoked by their holder or the reviewer. */
@Service
class ProductKeys {

    /** A key as it is handed out: the secret, once. */
    record IssuedKey(ProductKey key, String secret) {}

    private static final String KEY_PREFIX = "pdk_";

    private final JdbcClient jdbc;
    private final ProductLifecycle lifecycle;
    private final AuditTrail audit;
    private final Clock clock;
    private final ProductRules rules;
    private final SecureRandom random = new SecureRandom();

    ProductKeys(JdbcClient jdbc, ProductLifecycle lifecycle, AuditTrail audit, Clock clock, ProductRules rules) {
        this.rules = rules;
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    IssuedKey issue(Actor actor, UUID productId) {
        Product p = lifecycle.get(actor, productId);
        if (p.state() != ProductState.PUBLISHED || !lifecycle.agreementInForce(p)) {
            throw new ProblemException(HttpStatus.CONFLICT, "product.not-serving",
                    rules.of(p.stateRule() == null ? ProductRules.REVIEW : p.stateRule()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ProductKey key = new ProductKey(UUID.randomUUID(), p.id(), actor.organizationId(), actor.username(),
                secret.substring(0, 12), ProductKey.State.ACTIVE, clock.instant(), null, null);
        jdbc.sql("""
                insert into product_key (id, product_id, holder_org_id, issued_to, prefix, secret_sm3, state, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.id(), key.productId(), key.holderOrganizationId(), key.issuedTo(), key.prefix(),
                        Sm3.hex(secret), key.state().name(), Timestamp.from(key.createdAt()))
                .update();
        audit.record(AuditEvent.of("product.key-issue", "product-key", key.id()).by(actor).with("product", p.id())
                .with("prefix", key.prefix()));
        return new IssuedKey(key, secret);
    }

    @Transactional
    ProductKey revoke(Actor actor, UUID productId, UUID keyId, @Nullable String reason) {
        ProductKey key = find(keyId).filter(k -> k.productId().equals(productId))
                .orElseThrow(() -> ProblemException.notFound("product-key", keyId));
        Product p = lifecycle.get(actor, productId);
        boolean holder = key.holderOrganizationId().equals(actor.organizationId());
        boolean reviewer = p.operatorOrganizationId().equals(actor.organizationId()) && actor.hasRole(Role.OPERATOR.name());
        if (!holder && !reviewer) {
            throw ProblemException.notFound("product-key", keyId);
        }
        if (key.state() == ProductKey.State.REVOKED) {
            throw ProblemException.conflict("product.key.already-revoked");
        }
        jdbc.sql("update product_key set state = 'REVOKED', revoked_at = ?, revoked_reason = ? where id = ? and state = 'ACTIVE'")
                .params(Timestamp.from(clock.instant()), reason, keyId).update();
        AuditEvent event = AuditEvent.of("product.key-revoke", "product-key", keyId).by(actor).with("product", productId);
        audit.record(reason == null ? event : event.because(reason));
        return find(keyId).orElseThrow();
    }

    /** The keys of a product its reader may see: a holder its own, the owner and reviewer all. */
    List<ProductKey> list(Actor actor, UUID productId) {
        Product p = lifecycle.get(actor, productId);
        boolean all = p.ownerOrganizationId().equals(actor.organizationId())
                || p.operatorOrganizationId().equals(actor.organizationId());
        return jdbc.sql("select * from product_key where product_id = ?" + (all ? "" : " and holder_org_id = ?")
                + " order by created_at")
                .params(all ? List.of(productId) : List.of(productId, actor.organizationId() == null
                        ? new UUID(0, 0) : actor.organizationId()))
                .query(ProductKeys::key).list();
    }

    /** The key a caller presents, by the SM3 of its secret. */
    Optional<ProductKey> bySecret(String secret) {
        if (!secret.startsWith(KEY_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select * from product_key where secret_sm3 = ?").param(Sm3.hex(secret))
                .query(ProductKeys::key).optional();
    }

    Optional<ProductKey> find(UUID id) {
        return jdbc.sql("select * from product_key where id = ?").param(id).query(ProductKeys::key).optional();
    }

    private static ProductKey key(ResultSet rs, int n) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ProductKey(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
                rs.getObject("holder_org_id", UUID.class), rs.getString("issued_to"), rs.getString("prefix"),
                ProductKey.State.valueOf(rs.getString("state")), rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), rs.getString("revoked_reason"));
    }
}
