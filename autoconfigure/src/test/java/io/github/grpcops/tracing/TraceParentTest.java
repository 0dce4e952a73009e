package io.github.grpcops.tracing;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The W3C {@code traceparent} as the server reads it: exactly what the spec allows, nothing else. */
class TraceParentTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String PARENT_ID = "00f067aa0ba902b7";

    @Test
    void aVersion00HeaderGivesItsIdsAndSampledFlag() {
        assertThat(TraceParent.parse("00-" + TRACE_ID + "-" + PARENT_ID + "-01"))
            .isEqualTo(new TraceParent(TRACE_ID, PARENT_ID, true));
        assertThat(TraceParent.parse("00-" + TRACE_ID + "-" + PARENT_ID + "-00"))
            .isEqualTo(new TraceParent(TRACE_ID, PARENT_ID, false));
        // Other flags are kept by the caller; only "sampled" (bit 0) means something here.
        assertThat(TraceParent.parse("00-" + TRACE_ID + "-" + PARENT_ID + "-03").sampled()).isTrue();
    }

    @Test
    void aLaterVersionIsReadForItsVersion00FieldsEvenWithMoreAfterThem() {
        assertThat(TraceParent.parse("01-" + TRACE_ID + "-" + PARENT_ID + "-01"))
            .isEqualTo(new TraceParent(TRACE_ID, PARENT_ID, true));
        assertThat(TraceParent.parse("01-" + TRACE_ID + "-" + PARENT_ID + "-01-what-comes-next"))
            .isEqualTo(new TraceParent(TRACE_ID, PARENT_ID, true));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "00", "garbage",
            // upper case hex
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            // ids of zeros
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            // version ff, or not hex
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            // version 00 with anything after the flags
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ",
            // a later version with something glued to the flags
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
            // short or long ids, wrong separators, bad flags
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e47366-0f067aa0ba902b7-01",
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1" })
    void anythingElseIsNotATraceParent(String value) {
        assertThat(TraceParent.parse(value)).isNull();
    }

    @Test
    void aCallWithTwoHeadersOrNoneHasNoTraceParent() {
        Metadata two = new Metadata();
        two.put(TraceParent.HEADER, "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
        two.put(TraceParent.HEADER, "00-" + TRACE_ID + "-" + PARENT_ID + "-00");
        assertThat(TraceParent.of(two)).isNull();
        assertThat(TraceParent.of(new Metadata())).isNull();
        Metadata one = new Metadata();
        one.put(TraceParent.HEADER, "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
        assertThat(TraceParent.of(one)).isEqualTo(new TraceParent(TRACE_ID, PARENT_ID, true));
    }

    @Test
    void formatWritesWhatParseReads() {
        String header = TraceParent.format(TRACE_ID, PARENT_ID, false);
        assertThat(header).isEqualTo("00-" + TRACE_ID + "-" + PARENT_ID + "-00");
        assertThat(TraceParent.parse(header)).isEqualTo(new TraceParent(TRACE_ID, PARENT_ID, false));
    }
}
