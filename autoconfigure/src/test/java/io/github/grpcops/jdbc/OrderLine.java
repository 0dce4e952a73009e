package io.github.grpcops.jdbc;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * An application entity next to grpc-ops' own: no table name, so the application's naming strategy
 * (Spring Boot's default) names it and its columns, and an explicitly named index.
 */
@Entity
@Table(indexes = @Index(name = "order_line_sku_idx", columnList = "sku"))
public class OrderLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String sku;

    private long unitPrice;

    protected OrderLine() {
    }

    OrderLine(String sku, long unitPrice) {
        this.sku = sku;
        this.unitPrice = unitPrice;
    }

    public Long getId() {
        return this.id;
    }

    public String getSku() {
        return this.sku;
    }

    public long getUnitPrice() {
        return this.unitPrice;
    }
}
