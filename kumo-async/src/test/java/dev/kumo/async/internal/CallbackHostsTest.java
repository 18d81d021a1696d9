package dev.kumo.async.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.InvalidRequestException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackHostsTest {

    private final CallbackHosts hosts = new CallbackHosts(Set.of("LocalHost", "127.0.0.1", "::1"));

    @Test
    void allowsAbsoluteHttpUrlsOfTheListedHostsWhateverTheCase() {
        assertThat(hosts.allows("http://localhost:8080/done")).isTrue();
        assertThat(hosts.allows("HTTPS://LOCALHOST/done?x=1")).isTrue();
        assertThat(hosts.allows("http://127.0.0.1:9/cb")).isTrue();
        assertThat(hosts.allows("http://[::1]:8080/cb")).isTrue();
    }

    @Test
    void refusesOtherHostsSchemesUserInfoAndRelativeUrls() {
        for (String url : new String[]{"http://example.com/cb", "http://127.0.0.2/cb", "file:///etc/passwd",
                "ftp://localhost/x", "//localhost/cb", "localhost/cb", "http://u:p@localhost/cb", "http:///cb",
                "http://localhost.evil.example/cb", "not a url"}) {
            assertThat(hosts.allows(url)).as(url).isFalse();
        }
    }

    @Test
    void namesTheFieldAndTheAllowedHosts() {
        assertThatThrownBy(() -> hosts.check("http://example.com/cb"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("Kumo-Callback-Url"))
                .hasMessage("callback host 'example.com' is not allowed; allowed hosts: 127.0.0.1, ::1, localhost");
    }
}
