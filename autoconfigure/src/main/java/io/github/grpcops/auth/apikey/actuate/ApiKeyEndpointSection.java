package io.github.grpcops.auth.apikey.actuate;

import java.util.Set;

import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.CreatedApiKey;
import io.github.grpcops.auth.apikey.NewApiKey;

/**
 * {@code /actuator/grpc/apikeys}: list (masked prefix only), read one, create ({@code POST}, the
 * response holds the secret, once), revoke ({@code DELETE /actuator/grpc/apikeys/{id}}). Never shows a
 * secret or hash of an existing key.
 */
class ApiKeyEndpointSection implements GrpcEndpointSection {

    private final ApiKeyManager keys;

    public ApiKeyEndpointSection(ApiKeyManager keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "apikeys";
    }

    @Override
    public Set<String> parameters(Operation operation) {
        return (operation == Operation.WRITE) ? Set.of("name", "description", "type", "owner", "expiresAt") : Set.of();
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        return new ApiKeyViews.ActiveCount(this.keys.countActive());
    }

    @Override
    public Object read(EndpointParameters parameters) {
        return new ApiKeyViews.Keys(this.keys.list().stream().map(ApiKeyViews.Key::of).toList());
    }

    @Override
    public Object readOne(String id, EndpointParameters parameters) {
        return this.keys.find(id(id)).map(ApiKeyViews.Key::of).orElse(null);
    }

    @Override
    public Object write(EndpointParameters body) {
        String type = body.string("type");
        NewApiKey request = new NewApiKey(body.string("name"), body.string("description"),
                (type != null) ? type : "service", body.string("owner"),
                body.instant("expiresAt", EndpointParameters.InstantRange.EXPIRY), "actuator");
        CreatedApiKey created;
        try {
            created = this.keys.create(request);
        }
        catch (ApiKeyManager.InvalidField ex) {
            throw EndpointParameters.invalid(ex.field(), ex.problem());
        }
        return new ApiKeyViews.Created(ApiKeyViews.Key.of(created.key()), created.secret(),
                "Store the secret now: it is not stored and cannot be shown again");
    }

    @Override
    public Object delete(String id) {
        long keyId = id(id);
        return this.keys.revoke(keyId) ? new ApiKeyViews.Revoked(keyId, false) : null;
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        }
        catch (NumberFormatException ex) {
            throw EndpointParameters.invalid("id", "must be a whole number (a key id from /actuator/grpc/apikeys)");
        }
    }
}
