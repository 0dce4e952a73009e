package io.github.grpcops.sample;

import java.util.List;

import io.github.grpcops.sample.product.Product;
import io.github.grpcops.sample.product.ProductRepository;
import io.github.grpcops.sample.user.AppUser;
import io.github.grpcops.sample.user.AppUserRepository;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds a few users and products into an empty database so calls return something
 * ({@code sample.demo-data=false} to skip).
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.demo-data", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    private final AppUserRepository users;

    private final ProductRepository products;

    DemoData(AppUserRepository users, ProductRepository products) {
        this.users = users;
        this.products = products;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (this.users.count() == 0) {
            this.users.saveAll(List.of(new AppUser("alice", "alice@example.com", "Alice Admin", true),
                    new AppUser("bob", "bob@example.com", "Bob Buyer", false),
                    new AppUser("carol", "carol@example.com", "Carol Customer", false)));
        }
        if (this.products.count() == 0) {
            this.products.saveAll(List.of(new Product("KB-101", "Mechanical keyboard", 8900, 25),
                    new Product("MS-202", "Wireless mouse", 2900, 100),
                    new Product("MN-303", "27-inch monitor", 24900, 8),
                    new Product("CB-404", "USB-C cable", 990, 500),
                    new Product("HS-505", "Noise-cancelling headset", 15900, 0)));
        }
    }
}
