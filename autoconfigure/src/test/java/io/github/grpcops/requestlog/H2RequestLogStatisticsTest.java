package io.github.grpcops.requestlog;

import io.github.grpcops.test.EchoServerTest;

import org.springframework.context.annotation.Import;

@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms",
        "grpc.client-ip.trusted-proxies=127.0.0.1,10.0.0.0/8" })
@Import({ TestAuthentication.class, LongNameService.class })
class H2RequestLogStatisticsTest extends RequestLogStatisticsTestBase {

}
