package dev.kumo.server.compat.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.server.http.ApiException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionRefTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "my-fn|my-fn|-",
            "my-fn:1|my-fn|1",
            "my-fn:$LATEST|my-fn|$LATEST",
            "my-fn:prod|my-fn|prod",
            "arn:aws:lambda:us-east-1:123456789012:function:my-fn|my-fn|-",
            "arn:aws:lambda:eu-west-3:123456789012:function:my-fn:7|my-fn|7",
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:my-fn:live|my-fn|live",
            "123456789012:function:my-fn|my-fn|-",
            "123456789012:function:my-fn:$LATEST|my-fn|$LATEST"})
    void parsesEveryFormSdksSend(String raw, String name, String qualifier) {
        assertThat(FunctionRef.parse(raw)).isEqualTo(new FunctionRef(name, Optional.ofNullable(qualifier)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:s3:::bucket", "a:b:c", "arn:aws:lambda:us-east-1:123:function:f", "bad name",
            "f:", "f:0", "f:bad alias", "123456789012:function:f:1:2", "-f"})
    void refusesWhatIsNotAFunctionName(String raw) {
        assertThatThrownBy(() -> FunctionRef.parse(raw)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidParameterValueException");
            assertThat(e.status().code()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
