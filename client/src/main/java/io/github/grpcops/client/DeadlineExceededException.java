package io.github.grpcops.client;

import java.util.List;

import io.grpc.Metadata;
import io.grpc.Status;

/** The call did not finish within its deadline ({@link DynamicCall#timeout}). */
public class DeadlineExceededException extends CallFailedException {

    public DeadlineExceededException(String fullMethod, Status status, String detailsJson, List<String> received,
            Metadata headers, Metadata trailers) {
        super(fullMethod, status, detailsJson, received, headers, trailers);
    }
}
