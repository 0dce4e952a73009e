package io.github.grpcops.requestlog;

/** The request log's endpoint sections on H2, the embedded default. */
class H2RequestLogEndpointHttpTest extends RequestLogEndpointHttpTestBase {

}
