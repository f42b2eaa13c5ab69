package org.pdao.product.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The product tables: products, their sources and their transitions. */
@Repository
class Products {

    /** Which products a reader sees, beyond published ones. */
    record Visibility(boolean all, @Nullable UUID organizationId) {}

    private static final String COLUMN_SEPARATOR = "\u001f";

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Product p) {
        jdbc.sql("""
                insert into product (id, title, description, form, owner_org_id, operator_org_id, zone_id, agreement_id,
                    grant_id, result_id, query_id, scenario, result_columns, result_rows, daily_quota, state, state_reason,
                    state_rule, state_changed_at, created_by, created_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), p.title(), p.description(), p.form().name(), p.ownerOrganizationId(),
                        p.operatorOrganizationId(), p.zoneId(), p.agreementId(), p.grantId(), p.resultId(), p.queryId(),
                        p.scenario(), String.join(COLUMN_SEPARATOR, p.columns()), p.rows(), p.dailyQuota(),
                        p.state().name(), p.stateReason(), p.stateRule(), Timestamp.from(p.stateChangedAt()),
                        p.createdBy(), Timestamp.from(p.createdAt()), p.version())
                .update();
        for (Product.Source s : p.sources()) {
            jdbc.sql("insert into product_source (product_id, dataset_name, resource_id, obtained_at) values (?, ?, ?, ?)")
                    .params(p.id(), s.dataset(), s.resourceId(), Timestamp.from(s.obtainedAt())).update();
        }
    }

    /** Moves the product if nobody moved it since it was read; false if someone did. */
    boolean move(Product p, ProductState to, @Nullable String reason, @Nullable String rule, String actor, Instant at) {
        int updated = jdbc.sql("""
                update product set state = ?, state_reason = ?, state_rule = ?, state_changed_at = ?, version = version + 1
                where id = ? and version = ?""")
                .params(to.name(), reason, rule, Timestamp.from(at), p.id(), p.version()).update();
        if (updated == 1) {
            jdbc.sql("""
                    insert into product_transition (id, product_id, from_state, to_state, actor, reason, rule_id, moved_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), p.id(), p.state().name(), to.name(), actor, reason, rule,
                            Timestamp.from(at))
                    .update();
        }
        return updated == 1;
    }

    Optional<Product> find(UUID id) {
        return jdbc.sql("select * from product where id = ?").param(id).query(this::product).optional();
    }

    Product require(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("product", id));
    }

    List<Product> ofAgreement(UUID agreementId, List<ProductState> states) {
        return jdbc.sql("select * from product where agreement_id = :agreement and state in (:states)")
                .param("agreement", agreementId).param("states", states.stream().map(Enum::name).toList())
                .query(this::product).list();
    }

    List<Product.Transition> history(UUID productId) {
        return jdbc.sql("select * from product_transition where product_id = ? order by moved_at, id").param(productId)
                .query((rs, n) -> new Product.Transition(ProductState.valueOf(rs.getString("from_state")),
                        ProductState.valueOf(rs.getString("to_state")), rs.getString("actor"), rs.getString("reason"),
                        rs.getString("rule_id"), rs.getTimestamp("moved_at").toInstant()))
                .list();
    }

    /** A page of the products {@code visibility} allows, newest first, optionally of one state. */
    List<Product> page(Visibility visibility, @Nullable ProductState state, int page, int size) {
        return jdbc.sql("select * from product where " + where(visibility, state)
                + " order by created_at desc, id offset " + ((long) page * size) + " rows fetch next " + size + " rows only")
                .params(params(visibility, state)).query(this::product).list();
    }

    long count(Visibility visibility, @Nullable ProductState state) {
        return jdbc.sql("select count(*) from product where " + where(visibility, state)).params(params(visibility, state))
                .query(Long.class).single();
    }

    private static String where(Visibility v, @Nullable ProductState state) {
        String seen = v.all() ? "1 = 1"
                : "(state = 'PUBLISHED' or owner_org_id = ? or (operator_org_id = ? and state <> 'DRAFT'))";
        return seen + (state == null ? "" : " and state = ?");
    }

    private static List<Object> params(Visibility v, @Nullable ProductState state) {
        List<Object> params = new java.util.ArrayList<>();
        if (!v.all()) {
            params.add(v.organizationId() == null ? new UUID(0, 0) : v.organizationId());
            params.add(v.organizationId() == null ? new UUID(0, 0) : v.organizationId());
        }
        if (state != null) {
            params.add(state.name());
        }
        return params;
    }

    private Product product(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Product.Source> sources = jdbc.sql(
                "select * from product_source where product_id = ? order by dataset_name").param(id)
                .query((s, i) -> new Product.Source(s.getString("dataset_name"), s.getObject("resource_id", UUID.class),
                        s.getTimestamp("obtained_at").toInstant()))
                .list();
        String columns = rs.getString("result_columns");
        return new Product(id, rs.getString("title"), rs.getString("description"),
                ProductForm.valueOf(rs.getString("form")), rs.getObject("owner_org_id", UUID.class),
                rs.getObject("operator_org_id", UUID.class), rs.getObject("zone_id", UUID.class),
                rs.getObject("agreement_id", UUID.class), rs.getObject("grant_id", UUID.class),
                rs.getObject("result_id", UUID.class), rs.getObject("query_id", UUID.class), rs.getString("scenario"),
                columns.isEmpty() ? List.of() : Arrays.asList(columns.split(COLUMN_SEPARATOR, -1)),
                rs.getInt("result_rows"), rs.getInt("daily_quota"), ProductState.valueOf(rs.getString("state")),
                rs.getString("state_reason"), rs.getString("state_rule"), rs.getTimestamp("state_changed_at").toInstant(),
                sources, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getInt("version"));
    }
}
