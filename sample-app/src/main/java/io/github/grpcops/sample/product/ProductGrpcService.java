package io.github.grpcops.sample.product;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.grpcops.auth.GrpcAuthenticated;
import io.github.grpcops.sample.api.ImportSummary;
import io.github.grpcops.sample.api.ProductServiceGrpc;
import io.github.grpcops.sample.api.Quote;
import io.github.grpcops.sample.api.QuoteRequest;
import io.github.grpcops.sample.api.SearchProductsRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.support.TransactionTemplate;

@GrpcService
public class ProductGrpcService extends ProductServiceGrpc.ProductServiceImplBase {

    private static final Pattern SKU = Pattern.compile("[A-Z0-9-]{1,32}");

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Import errors reported back in the summary, at most; the count covers them all. */
    private static final int MAX_REPORTED_ERRORS = 20;

    private static final int PAGE_SIZE = 100;

    private final ProductRepository products;

    private final TransactionTemplate transactions;

    public ProductGrpcService(ProductRepository products, TransactionTemplate transactions) {
        this.products = products;
        this.transactions = transactions;
    }

    @Override
    public void searchProducts(SearchProductsRequest request, StreamObserver<io.github.grpcops.sample.api.Product> replies) {
        ServerCallStreamObserver<?> stream = (ServerCallStreamObserver<?>) replies;
        int limit = (request.getLimit() > 0) ? request.getLimit() : Integer.MAX_VALUE;
        int sent = 0;
        Pageable page = PageRequest.of(0, PAGE_SIZE, Sort.by("id"));
        while (page != null && sent < limit) {
            Page<Product> result = this.products.findByNameContainingIgnoreCase(request.getQuery(), page);
            for (Product product : result) {
                if (stream.isCancelled() || sent == limit) {
                    break;
                }
                replies.onNext(toProto(product));
                sent++;
            }
            page = result.hasNext() ? result.nextPageable() : null;
        }
        if (!stream.isCancelled()) {
            replies.onCompleted();
        }
    }

    /** Each product is saved as it arrives, in its own transaction: nothing is held back. Callers only. */
    @Override
    @GrpcAuthenticated
    public StreamObserver<io.github.grpcops.sample.api.Product> importProducts(StreamObserver<ImportSummary> replies) {
        return new StreamObserver<>() {
            private final ImportSummary.Builder summary = ImportSummary.newBuilder();

            private final List<String> errors = new ArrayList<>();

            @Override
            public void onNext(io.github.grpcops.sample.api.Product incoming) {
                String problem = validate(incoming);
                if (problem != null) {
                    this.summary.setRejected(this.summary.getRejected() + 1);
                    if (this.errors.size() < MAX_REPORTED_ERRORS) {
                        this.errors.add(problem);
                    }
                    return;
                }
                boolean created = Boolean.TRUE.equals(transactions.execute(tx -> upsert(incoming)));
                if (created) {
                    this.summary.setCreated(this.summary.getCreated() + 1);
                }
                else {
                    this.summary.setUpdated(this.summary.getUpdated() + 1);
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client gave up; what was imported so far stays imported.
            }

            @Override
            public void onCompleted() {
                replies.onNext(this.summary.addAllErrors(this.errors).build());
                replies.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<QuoteRequest> quotePrices(StreamObserver<Quote> replies) {
        return new StreamObserver<>() {
            @Override
            public void onNext(QuoteRequest request) {
                replies.onNext(quote(request));
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                replies.onCompleted();
            }
        };
    }

    private Quote quote(QuoteRequest request) {
        Quote.Builder quote = Quote.newBuilder().setSku(request.getSku()).setQuantity(request.getQuantity());
        if (request.getQuantity() <= 0) {
            return quote.setProblem("quantity must be positive").build();
        }
        return this.products.findBySku(request.getSku())
            .map(p -> quote.setUnitPriceCents(p.getPriceCents())
                .setTotalCents(p.getPriceCents() * request.getQuantity())
                .setAvailable(p.getStock() >= request.getQuantity())
                .build())
            .orElseGet(() -> quote.setProblem("unknown sku").build());
    }

    private boolean upsert(io.github.grpcops.sample.api.Product incoming) {
        return this.products.findBySku(incoming.getSku()).map(existing -> {
            existing.setName(incoming.getName());
            existing.setPriceCents(incoming.getPriceCents());
            existing.setStock(incoming.getStock());
            return false;
        }).orElseGet(() -> {
            this.products.save(new Product(incoming.getSku(), incoming.getName(), incoming.getPriceCents(),
                    incoming.getStock()));
            return true;
        });
    }

    private static String validate(io.github.grpcops.sample.api.Product product) {
        if (!SKU.matcher(product.getSku()).matches()) {
            return "sku '" + abbreviate(product.getSku()) + "' must be 1 to 32 of A-Z, 0-9 and -";
        }
        if (product.getName().isBlank() || product.getName().length() > 200) {
            return product.getSku() + ": name must be 1 to 200 characters";
        }
        if (product.getPriceCents() < 0 || product.getStock() < 0) {
            return product.getSku() + ": price and stock must not be negative";
        }
        return null;
    }

    private static String abbreviate(String text) {
        String printable = CONTROL.matcher(text).replaceAll("?");
        return (printable.length() > 40) ? printable.substring(0, 40) + "…" : printable;
    }

    static io.github.grpcops.sample.api.Product toProto(Product product) {
        return io.github.grpcops.sample.api.Product.newBuilder()
            .setId(product.getId())
            .setSku(product.getSku())
            .setName(product.getName())
            .setPriceCents(product.getPriceCents())
            .setStock(product.getStock())
            .build();
    }
}
