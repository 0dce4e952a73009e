package io.github.grpcops.requestlog;

import io.github.grpcops.test.EchoServerTest;

import org.springframework.context.annotation.Import;

@EchoServerTest(properties = "grpc.request-log.writer.flush-interval=50ms")
@Import({ TestAuthentication.class, LongNameService.class })
class H2RequestLogStatisticsTest extends RequestLogStatisticsTestBase {

}
