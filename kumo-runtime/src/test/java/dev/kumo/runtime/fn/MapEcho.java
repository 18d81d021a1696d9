package dev.kumo.runtime.fn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A {@link Function} over maps: echoes its input under {@code echo} with the value types. */
public class MapEcho implements Function<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> apply(Map<String, Object> input) {
        var out = new LinkedHashMap<String, Object>();
        out.put("echo", input);
        out.put("type", input == null ? "null" : input.getClass().getName());
        return out;
    }
}
